import { useTranslation } from "react-i18next";
import { formatDateTime } from "../members/format.tsx";
import { AuditDetails } from "./AuditDetails.tsx";
import { actionLabel } from "./actions.ts";
import type { AccountAuditEntry } from "./api.ts";

const OUTCOMES = {
  failure: "audit.outcome.failure",
  denied: "audit.outcome.denied",
} as const;

const TARGET_TYPES: Record<string, string> = {
  user: "audit.targetTypes.user",
  member: "audit.targetTypes.user",
  invitation: "audit.targetTypes.invitation",
  account: "audit.targetTypes.account",
};

type OnPerson = (userId: string) => void;

/** A person's name that narrows the log to them (also the way to find people who are no longer members). */
function PersonButton({ userId, name, onPerson }: { userId: string; name: string; onPerson: OnPerson }) {
  const { t } = useTranslation();
  const hint = t("audit.filters.byPerson", { name });
  return (
    <button type="button" className="link-button" title={hint} onClick={() => onPerson(userId)}>
      {name}
      <span className="sr-only"> — {hint}</span>
    </button>
  );
}

function Target({ target, onPerson }: { target: AccountAuditEntry["target"]; onPerson: OnPerson }) {
  const { t } = useTranslation();
  if (!target) return <span className="muted">—</span>;
  const type = TARGET_TYPES[target.type];
  const label = target.label ?? target.id;
  return (
    <>
      {target.type === "user" ? <PersonButton userId={target.id} name={label} onPerson={onPerson} /> : <span>{label}</span>}
      <span className="muted small block">{type ? t(type) : target.type}</span>
    </>
  );
}

/** The account audit log: when, who, what, to whom, and the details. */
export function AuditTable({ items, busy, onPerson }: { items: AccountAuditEntry[]; busy: boolean; onPerson: OnPerson }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{t("audit.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.table.when")}</th>
            <th scope="col">{t("audit.table.who")}</th>
            <th scope="col">{t("audit.table.action")}</th>
            <th scope="col">{t("audit.table.target")}</th>
            <th scope="col">{t("audit.table.details")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
              </td>
              <td className="cell-wide">
                {entry.actor ? (
                  <>
                    <PersonButton userId={entry.actor.userId} name={entry.actor.name} onPerson={onPerson} />
                    <span className="muted small block">{entry.actor.email}</span>
                  </>
                ) : (
                  <span className="muted">{t("audit.system")}</span>
                )}
              </td>
              <th scope="row">
                {actionLabel(t, entry.action)}
                {entry.outcome !== "success" && <span className="badge badge-danger">{t(OUTCOMES[entry.outcome])}</span>}
              </th>
              <td>
                <Target target={entry.target} onPerson={onPerson} />
              </td>
              <td className="cell-details">
                <AuditDetails entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
