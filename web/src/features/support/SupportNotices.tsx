import { useTranslation } from "react-i18next";
import type { TicketStatus } from "../../../../contracts/support.ts";
import { Link } from "../../app/router.tsx";
import { PageLoadFailed } from "../../ui/PageStatus.tsx";
import { supportErrorMessage } from "./errors.ts";
import { TICKET_STATUS_BADGES, TICKET_STATUS_KEYS } from "./labels.ts";

export { PageSpinner as Loading } from "../../ui/PageStatus.tsx";

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return <PageLoadFailed message={supportErrorMessage(t, error)} onRetry={onRetry} />;
}

/** Another account's ticket, an unknown id and one this member may not see all look the same (404). */
export function TicketNotFound({ backTo }: { backTo: string }) {
  const { t } = useTranslation();
  return (
    <section className="card empty-state" aria-labelledby="ticket-not-found">
      <div className="empty-illustration" aria-hidden="true" />
      <h2 id="ticket-not-found">{t("support.ticket.notFoundTitle")}</h2>
      <p>{t("errors.TICKET_NOT_FOUND")}</p>
      <p>
        <Link to={backTo}>{t("support.ticket.backToList")}</Link>
      </p>
    </section>
  );
}

/** The status as a badge with its word (never colour alone). */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <span className={`${TICKET_STATUS_BADGES[status]} ticket-status`}>{t(TICKET_STATUS_KEYS[status])}</span>;
}
