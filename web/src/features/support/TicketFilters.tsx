import { useTranslation } from "react-i18next";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { TicketOptions } from "./api.ts";
import { isTicketStatus, TICKET_STATUS_KEYS, TICKET_STATUSES } from "./labels.ts";
import type { TicketFilters as Filters } from "./paths.ts";

type Props = {
  filters: Filters;
  products: TicketOptions["products"];
  onChange: (change: Partial<Filters>) => void;
  search: string;
  onSearch: (value: string) => void;
  /** Enter in the search box: search now instead of after the pause. */
  onSearchNow: () => void;
};

/** Above the list: status, product (when the account has several), whose tickets, and the search box. */
export function TicketFilters({ filters, products, onChange, search, onSearch, onSearchNow }: Props) {
  const { t } = useTranslation();
  return (
    <search aria-label={t("support.list.filters")}>
      <form
        className="list-filters support-filters"
        onSubmit={(event) => {
          event.preventDefault();
          onSearchNow();
        }}
      >
        <SelectField
          label={t("support.fields.status")}
          value={filters.status}
          onChange={(value) => onChange({ status: isTicketStatus(value) ? value : "" })}
          options={[
            { value: "", label: t("support.list.allStatuses") },
            ...TICKET_STATUSES.map((value) => ({ value, label: t(TICKET_STATUS_KEYS[value]) })),
          ]}
        />
        {(products.length > 1 || filters.productId) && (
          <SelectField
            label={t("support.fields.product")}
            value={filters.productId}
            onChange={(value) => onChange({ productId: value })}
            options={[
              { value: "", label: t("support.list.allProducts") },
              ...products.map((product) => ({ value: product.id, label: product.name })),
            ]}
          />
        )}
        <SelectField
          label={t("support.list.whose")}
          value={filters.mine}
          onChange={(value) => onChange({ mine: value === "created" || value === "watching" ? value : "" })}
          options={[
            { value: "", label: t("support.list.allVisible") },
            { value: "created", label: t("support.list.created") },
            { value: "watching", label: t("support.list.watching") },
          ]}
        />
        <div className="list-filters-search">
          <TextField
            type="search"
            label={t("support.list.search")}
            hint={t("support.list.searchHint")}
            value={search}
            onChange={onSearch}
            maxLength={200}
            autoComplete="off"
          />
        </div>
      </form>
    </search>
  );
}
