import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import type { DisplayFilter, SubscriptionSort } from "./api.ts";
import { DISPLAY_OPTIONS, isDisplayFilter, isSubscriptionSort, SORT_OPTIONS } from "./labels.ts";

type Props = {
  display: DisplayFilter;
  onDisplay: (display: DisplayFilter) => void;
  sort: SubscriptionSort;
  onSort: (sort: SubscriptionSort) => void;
  /** The product the list is narrowed to (from a card), if any. */
  productName: string | null;
  onClearProduct: () => void;
};

/** Display (which statuses) and Arrange by (which order) above the subscriptions list. */
export function SubscriptionFilters({ display, onDisplay, sort, onSort, productName, onClearProduct }: Props) {
  const { t } = useTranslation();
  return (
    <search aria-label={t("licensing.list.filtersLabel")}>
      <div className="list-filters subscription-filters">
        <SelectField
          label={t("licensing.list.display")}
          value={display}
          onChange={(value) => onDisplay(isDisplayFilter(value) ? value : "all")}
          options={DISPLAY_OPTIONS.map((option) => ({ value: option.value, label: t(option.key) }))}
        />
        <SelectField
          label={t("licensing.list.arrangeBy")}
          value={sort}
          onChange={(value) => onSort(isSubscriptionSort(value) ? value : "name")}
          options={SORT_OPTIONS.map((option) => ({ value: option.value, label: t(option.key) }))}
        />
      </div>
      {productName && (
        <p className="product-filter">
          <span>{t("licensing.list.onlyProduct", { product: productName })}</span>
          <Button variant="link" onClick={onClearProduct}>
            {t("licensing.list.allProducts")}
          </Button>
        </p>
      )}
    </search>
  );
}
