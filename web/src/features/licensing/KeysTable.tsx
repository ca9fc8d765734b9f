import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format.ts";
import type { LicenseKeyView } from "./api.ts";
import { formatCount } from "./format.ts";
import { type KeySort, type KeySortColumn, nextKeySort } from "./key-sort.ts";

type HeaderProps = { column: KeySortColumn; label: string; sort: KeySort; onSort: (sort: KeySort) => void; numeric?: boolean };

function SortHeader({ column, label, sort, onSort, numeric }: HeaderProps) {
  const { t } = useTranslation();
  const current = sort.column === column ? sort.direction : undefined;
  return (
    <th scope="col" aria-sort={current ?? "none"} className={numeric ? "cell-number" : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(nextKeySort(sort, column))}>
        {label}
        <span className={`sort-icon${current ? ` is-${current}` : ""}`} aria-hidden="true" />
        <span className="sr-only">{t("licensing.keys.sortHint")}</span>
      </button>
    </th>
  );
}

function Administrators({ keyView }: { keyView: LicenseKeyView }) {
  const { t } = useTranslation();
  if (keyView.administrators.length === 0) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("licensing.keys.noAdministrators")}</span>
      </>
    );
  }
  return (
    <ul className="key-list">
      {keyView.administrators.map((admin) => (
        <li key={admin.userId} title={admin.email}>
          {admin.name}
        </li>
      ))}
    </ul>
  );
}

type Props = {
  keys: LicenseKeyView[];
  sort: KeySort;
  onSort: (sort: KeySort) => void;
  onManage: (key: LicenseKeyView) => void;
  onDelete: (key: LicenseKeyView) => void;
  /** Deleting changes the pool: Account Administrators and the Primary Key's administrators (canCreateKeys). */
  canDelete: boolean;
};

/** License Keys: the Primary Key and the additional keys; headings sort, the gear opens a key. */
export function KeysTable({ keys, sort, onSort, onManage, onDelete, canDelete }: Props) {
  const { t } = useTranslation();
  const header = (column: KeySortColumn, label: string, numeric = false) => (
    <SortHeader column={column} label={label} sort={sort} onSort={onSort} numeric={numeric} />
  );
  return (
    <div className="table-scroll">
      <table className="data-table keys-table">
        <caption className="sr-only">{t("licensing.keys.caption")}</caption>
        <thead>
          <tr>
            {header("name", t("licensing.keys.name"))}
            {header("kind", t("licensing.keys.type"))}
            {header("licenses", t("licensing.keys.licenses"), true)}
            {header("maxUsers", t("licensing.keys.maxUsers"), true)}
            {header("expires", t("licensing.keys.expires"))}
            {header("admins", t("licensing.keys.administrators"))}
            <th scope="col">
              <span className="sr-only">{t("licensing.keys.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <th scope="row">
                {key.name}
                <code className="block key-text key-text-small">{key.key}</code>
              </th>
              <td>{key.kind === "primary" ? t("licensing.keys.primary") : t("licensing.keys.additional")}</td>
              <td className="cell-number">{formatCount(key.licenses)}</td>
              <td className="cell-number">
                {key.maxUsersPerFarm === null ? t("licensing.keys.noLimit") : formatCount(key.maxUsersPerFarm)}
              </td>
              <td>
                {key.expiresAt ? <time dateTime={key.expiresAt}>{formatDate(key.expiresAt)}</time> : t("licensing.noExpiry")}
                {key.renewWithSubscription && (
                  <span className="block muted small">{t("licensing.keys.renewsWithSubscription")}</span>
                )}
              </td>
              <td>
                <Administrators keyView={key} />
              </td>
              <td className="cell-actions">
                {key.canManage && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-haspopup="dialog"
                    aria-label={t("licensing.keys.manage", { name: key.name })}
                    title={t("licensing.keys.manage", { name: key.name })}
                    onClick={() => onManage(key)}
                  >
                    <span className="gear-icon" aria-hidden="true">
                      ⚙
                    </span>
                  </button>
                )}
                {canDelete && key.kind === "additional" && (
                  <button
                    type="button"
                    className="btn btn-link btn-danger-link"
                    aria-haspopup="dialog"
                    onClick={() => onDelete(key)}
                  >
                    {t("licensing.keys.delete")}
                    <span className="sr-only"> {key.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
