import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { MemberDetails } from "./api.ts";
import { formatDateTime, roleLabel } from "./format.tsx";

type RoleChange = MemberDetails["roleHistory"][number];

/** The member's role changes, newest first, each with its note, who made it and when. */
export function RoleHistory({ changes }: { changes: RoleChange[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const sorted = [...changes].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <section className="role-history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("member.history.title")}</h3>
      {sorted.length === 0 ? (
        <p className="muted small">{t("member.history.empty")}</p>
      ) : (
        <ol className="history-list">
          {sorted.map((change) => (
            <li key={`${change.changedAt}-${change.toRole}`}>
              <p>
                {change.fromRole
                  ? t("member.history.changed", { from: roleLabel(t, change.fromRole), to: roleLabel(t, change.toRole) })
                  : t("member.history.started", { role: roleLabel(t, change.toRole) })}
              </p>
              {change.note && <blockquote className="history-note">{change.note}</blockquote>}
              <p className="muted small">
                {t("member.history.by", {
                  name: change.changedBy?.name ?? t("member.history.system"),
                  date: formatDateTime(change.changedAt),
                })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
