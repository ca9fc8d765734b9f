import { useTranslation } from "react-i18next";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { Role, RosterStatus } from "./api.ts";
import { roleLabel, statusLabel } from "./format.tsx";

const ROLES: Role[] = ["member", "admin"];
const STATUSES: RosterStatus[] = ["active", "blocked", "invited", "expired"];

type UsersFiltersProps = {
  search: string;
  onSearch: (value: string) => void;
  /** Enter in the search box: search now instead of after the pause. */
  onSearchNow: () => void;
  role: Role | "";
  onRole: (role: Role | "") => void;
  status: RosterStatus | "";
  onStatus: (status: RosterStatus | "") => void;
};

/** Search (name or email) and the Role / Status filters above the list. */
export function UsersFilters({ search, onSearch, onSearchNow, role, onRole, status, onStatus }: UsersFiltersProps) {
  const { t } = useTranslation();
  return (
    <search aria-label={t("users.filters.label")}>
      <form
        className="list-filters"
        onSubmit={(event) => {
          event.preventDefault();
          onSearchNow();
        }}
      >
        <div className="list-filters-search">
          <TextField
            type="search"
            label={t("users.filters.search")}
            hint={t("users.filters.searchHint")}
            value={search}
            onChange={onSearch}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <SelectField
          label={t("users.filters.role")}
          value={role}
          onChange={(value) => onRole(ROLES.find((r) => r === value) ?? "")}
          options={[
            { value: "", label: t("users.filters.anyRole") },
            ...ROLES.map((r) => ({ value: r, label: roleLabel(t, r) })),
          ]}
        />
        <SelectField
          label={t("users.filters.status")}
          value={status}
          onChange={(value) => onStatus(STATUSES.find((s) => s === value) ?? "")}
          options={[
            { value: "", label: t("users.filters.anyStatus") },
            ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
          ]}
        />
      </form>
    </search>
  );
}
