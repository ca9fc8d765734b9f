import { useTranslation } from "react-i18next";
import type { RosterEntry, RosterSort } from "./api.ts";
import { derivedRoleLabel, formatDate, StatusBadge } from "./format.tsx";

type SortColumn = "name" | "email" | "date";

/** First click: A→Z for text, newest first for dates; a second click reverses. */
export function nextSort(current: RosterSort, column: SortColumn): RosterSort {
  if (current === column) return `-${column}`;
  if (current === `-${column}`) return column;
  return column === "date" ? "-date" : column;
}

function direction(current: RosterSort, column: SortColumn): "ascending" | "descending" | undefined {
  if (current === column) return "ascending";
  if (current === `-${column}`) return "descending";
  return undefined;
}

type SortHeaderProps = { column: SortColumn; label: string; sort: RosterSort; onSort: (sort: RosterSort) => void };

function SortHeader({ column, label, sort, onSort }: SortHeaderProps) {
  const { t } = useTranslation();
  const current = direction(sort, column);
  return (
    <th scope="col" aria-sort={current ?? "none"}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column))}>
        {label}
        <span className={`sort-icon${current ? ` is-${current}` : ""}`} aria-hidden="true" />
        <span className="sr-only">{t("users.table.sortHint")}</span>
      </button>
    </th>
  );
}

function LicenseKeys({ keys }: { keys: string[] }) {
  const { t } = useTranslation();
  if (keys.length === 0) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("users.table.noKeys")}</span>
      </>
    );
  }
  return (
    <ul className="key-list">
      {keys.map((key) => (
        <li key={key}>
          <code>{key}</code>
        </li>
      ))}
    </ul>
  );
}

type UsersTableProps = {
  items: RosterEntry[];
  sort: RosterSort;
  onSort: (sort: RosterSort) => void;
  onOpen: (entry: RosterEntry) => void;
  busy: boolean;
};

/** The Business Account Users table: members and open invitations, one row each. */
export function UsersTable({ items, sort, onSort, onOpen, busy }: UsersTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table users-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{t("users.table.caption")}</caption>
        <thead>
          <tr>
            <SortHeader column="name" label={t("users.table.name")} sort={sort} onSort={onSort} />
            <SortHeader column="email" label={t("users.table.email")} sort={sort} onSort={onSort} />
            <th scope="col">{t("users.table.role")}</th>
            <th scope="col">{t("users.table.status")}</th>
            <SortHeader column="date" label={t("users.table.date")} sort={sort} onSort={onSort} />
            <th scope="col">{t("users.table.licenseKeys")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={`${entry.kind}-${entry.id}`}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-haspopup="dialog"
                  onClick={() => onOpen(entry)}
                  aria-label={entry.name ? undefined : t("users.table.openInvitation", { email: entry.email })}
                >
                  {entry.name ?? <span className="muted">{t("users.table.invitationName")}</span>}
                </button>
              </th>
              <td className="cell-wide">{entry.email}</td>
              <td>{derivedRoleLabel(t, entry.role, entry.licenseKeys)}</td>
              <td>
                <StatusBadge status={entry.status} />
              </td>
              <td>
                <time dateTime={entry.date}>{formatDate(entry.date)}</time>
              </td>
              <td>
                <LicenseKeys keys={entry.licenseKeys} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
