import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { formatDateTime } from "../../lib/format.ts";
import type { TicketSummary } from "./api.ts";
import { CATEGORY_KEYS, SEVERITY_BADGES, SEVERITY_KEYS } from "./labels.ts";
import { supportPaths } from "./paths.ts";
import { TicketStatusBadge } from "./SupportNotices.tsx";

type Props = { accountId: string; items: TicketSummary[]; busy: boolean };

/** The account's tickets, newest activity first; each reference opens the ticket. */
export function TicketsTable({ accountId, items, busy }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table tickets-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{t("support.list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("support.fields.reference")}</th>
            <th scope="col">{t("support.fields.subject")}</th>
            <th scope="col">{t("support.fields.product")}</th>
            <th scope="col">{t("support.fields.category")}</th>
            <th scope="col">{t("support.fields.severity")}</th>
            <th scope="col">{t("support.fields.status")}</th>
            <th scope="col">{t("support.fields.createdBy")}</th>
            <th scope="col">{t("support.fields.lastActivity")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ticket) => (
            <tr key={ticket.id}>
              <th scope="row">
                <Link to={supportPaths.ticket(accountId, ticket.id)} className="nowrap">
                  {ticket.reference}
                  <span className="sr-only"> {ticket.subject}</span>
                </Link>
              </th>
              <td className="cell-wide">
                {ticket.subject}
                {ticket.watching && <span className="block muted small">{t("support.list.youWatch")}</span>}
              </td>
              <td>{ticket.product.name}</td>
              <td>{t(CATEGORY_KEYS[ticket.category])}</td>
              <td>
                <span className={SEVERITY_BADGES[ticket.severity]}>{t(SEVERITY_KEYS[ticket.severity])}</span>
              </td>
              <td>
                <TicketStatusBadge status={ticket.status} />
              </td>
              <td>{ticket.createdBy?.name ?? <span className="muted">{t("support.fields.unknownPerson")}</span>}</td>
              <td>
                <time dateTime={ticket.lastActivityAt}>{formatDateTime(ticket.lastActivityAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
