import { useId } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { AccountKeysState } from "../licensing/useAccountKeys.ts";
import { isStatusFilter, STATUS_FILTER_OPTIONS, type StatusFilter } from "./labels.ts";
import type { FarmScope } from "./paths.ts";
import { groupKeys, scopeFromValue, scopeValue } from "./scope.ts";

type KeyPickerProps = { keys: AccountKeysState; scope: FarmScope; onScope: (scope: FarmScope) => void };

/** The subscription-name drop-down: every key, a whole subscription (its Primary Key and additional keys), or one key. */
function KeyPicker({ keys, scope, onScope }: KeyPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const list = keys.status === "ready" ? keys.keys : [];
  const groups = groupKeys(list);
  const value = scopeValue(scope);
  const known =
    value === "" ||
    list.some((entry) => `k:${entry.key.id}` === value) ||
    groups.some((group) => `s:${group.subscriptionId}` === value);
  const hint =
    keys.status === "loading" || keys.status === "idle"
      ? t("farms.filters.keysLoading")
      : keys.status === "error"
        ? t("farms.filters.keysFailed")
        : null;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t("farms.filters.key")}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        className="input select"
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onScope(scopeFromValue(event.target.value, list))}
      >
        <option value="">{t("farms.filters.allKeys")}</option>
        {!known && (
          <option value={value}>{scope.keyId ? t("farms.filters.chosenKey") : t("farms.filters.chosenSubscription")}</option>
        )}
        {groups.map((group) => (
          <optgroup key={group.subscriptionId} label={group.subscriptionName}>
            <option value={`s:${group.subscriptionId}`}>
              {t("farms.filters.wholeSubscription", { name: group.subscriptionName })}
            </option>
            {group.keys.map(({ key }) => (
              <option key={key.id} value={`k:${key.id}`}>
                {t("farms.filters.keyOption", {
                  name: key.name,
                  kind: key.kind === "primary" ? t("licensing.keys.primary") : t("licensing.keys.additional"),
                  tail: key.key.slice(-6),
                })}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

type Props = KeyPickerProps & {
  status: StatusFilter;
  onStatus: (status: StatusFilter) => void;
  search: string;
  onSearch: (value: string) => void;
  /** Enter in the search box: search now instead of after the pause. */
  onSearchNow: () => void;
};

/** Above the list: the key picker, the Farms (status) drop-down and the search box. */
export function FarmsFilters({ keys, scope, onScope, status, onStatus, search, onSearch, onSearchNow }: Props) {
  const { t } = useTranslation();
  return (
    <search aria-label={t("farms.filters.label")}>
      <form
        className="list-filters farms-filters"
        onSubmit={(event) => {
          event.preventDefault();
          onSearchNow();
        }}
      >
        <KeyPicker keys={keys} scope={scope} onScope={onScope} />
        <SelectField
          label={t("farms.filters.status")}
          value={status}
          onChange={(value) => onStatus(isStatusFilter(value) ? value : "all")}
          options={STATUS_FILTER_OPTIONS.map((option) => ({ value: option.value, label: t(option.key) }))}
        />
        <div className="list-filters-search">
          <TextField
            type="search"
            label={t("farms.filters.search")}
            hint={t("farms.filters.searchHint")}
            value={search}
            onChange={onSearch}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </form>
    </search>
  );
}
