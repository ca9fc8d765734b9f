import type { TFunction } from "i18next";
import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import "../../styles/support.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useFlash } from "../../lib/flash.ts";
import type { Message } from "../../lib/form.ts";
import { formatDate } from "../../lib/format.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { supportApi, type TicketView } from "./api.ts";
import { isErrorCode, supportErrorMessage } from "./errors.ts";
import { canStillReopen } from "./format.ts";
import { supportPaths } from "./paths.ts";
import { ReplyBox } from "./ReplyBox.tsx";
import { LoadFailed, Loading, TicketNotFound, TicketStatusBadge } from "./SupportNotices.tsx";
import { TicketSidePanel } from "./TicketSidePanel.tsx";
import { TicketThread } from "./TicketThread.tsx";
import { newMessageId, useLoaded } from "./useTicket.ts";
import { WatchersPanel } from "./WatchersPanel.tsx";

/** A ticket (/accounts/:accountId/support/:ticketId): its thread, the reply box, resolve/reopen, the context and the watchers. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { account } = useAccount();
  const ticket = useLoaded((signal) => supportApi.get(account.id, ticketId, signal), `${account.id}/${ticketId}`);
  const backTo = supportPaths.list(account.id);
  const { state } = ticket;

  if (state.status === "ready") return <TicketDetails accountId={account.id} ticket={state.value} onChange={ticket.replace} />;
  const title = t("support.ticket.title");
  return (
    <>
      <p className="back-link">
        <Link to={backTo}>{t("support.ticket.backToList")}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {state.status === "loading" && <Loading />}
      {state.status === "error" &&
        (isErrorCode(state.error, "TICKET_NOT_FOUND") ? (
          <TicketNotFound backTo={backTo} />
        ) : (
          <LoadFailed error={state.error} onRetry={ticket.retry} />
        ))}
    </>
  );
}

function TicketDetails({
  accountId,
  ticket,
  onChange,
}: {
  accountId: string;
  ticket: TicketView;
  onChange: (t: TicketView) => void;
}) {
  const { t } = useTranslation();
  const [focusId, setFocusId] = useState<string | null>(null);
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const opened = useFlash();
  const title = `${ticket.reference} · ${ticket.subject}`;
  const canReopen = ticket.can.reopen && canStillReopen(ticket.reopenUntil);

  async function send(body: string, attachmentIds: string[]) {
    const updated = await supportApi.reply(accountId, ticket.id, { body, attachmentIds });
    setNotice(null);
    onChange(updated);
    setFocusId(newMessageId(ticket.messages, updated.messages));
  }

  async function changeStatus(status: "resolved" | "in_progress") {
    setStatusBusy(true);
    setStatusError(null);
    setNotice(null);
    try {
      onChange(await supportApi.setStatus(accountId, ticket.id, status));
      setNotice(
        () => (tt: TFunction) =>
          status === "resolved" ? tt("support.ticket.resolvedNotice") : tt("support.ticket.reopenedNotice"),
      );
    } catch (error) {
      setStatusError(error);
    } finally {
      setStatusBusy(false);
    }
  }

  const confirmation = notice === null ? opened : typeof notice === "function" ? notice(t) : notice;
  return (
    <>
      <p className="back-link">
        <Link to={supportPaths.list(accountId)}>{t("support.ticket.backToList")}</Link>
      </p>
      <PageHeading
        title={title}
        subtitle={
          <>
            <TicketStatusBadge status={ticket.status} /> <span className="muted">{ticket.product.name}</span>
          </>
        }
        actions={
          (ticket.can.resolve || canReopen) && (
            <>
              {ticket.can.resolve && (
                <Button variant="secondary" busy={statusBusy} onClick={() => void changeStatus("resolved")}>
                  {t("support.ticket.resolve")}
                </Button>
              )}
              {canReopen && (
                <Button variant="secondary" busy={statusBusy} onClick={() => void changeStatus("in_progress")}>
                  {t("support.ticket.reopen")}
                </Button>
              )}
            </>
          )
        }
      >
        <span className="ticket-reference">{ticket.reference}</span> {ticket.subject}
      </PageHeading>
      {statusError !== null && <Alert>{supportErrorMessage(t, statusError)}</Alert>}
      <StatusMessage message={confirmation} />
      <div className="ticket-layout">
        <div className="ticket-main stack-lg">
          <TicketThread messages={ticket.messages} focusMessageId={focusId} />
          {canReopen && ticket.reopenUntil && (
            <p className="muted">{t("support.ticket.reopenUntil", { date: formatDate(ticket.reopenUntil) })}</p>
          )}
          {ticket.can.reply ? (
            <ReplyBox uploadUrl={supportApi.uploadUrl(accountId)} onSend={send} />
          ) : (
            <section className="card">
              <p>{ticket.status === "closed" ? t("support.ticket.closedNotice") : t("support.ticket.cannotReply")}</p>
              <p>
                <Link to={supportPaths.newTicket(accountId)}>{t("support.list.open")}</Link>
              </p>
            </section>
          )}
        </div>
        <aside className="ticket-aside stack" aria-label={t("support.ticket.aside")}>
          <TicketSidePanel ticket={ticket} />
          <WatchersPanel
            accountId={accountId}
            ticketId={ticket.id}
            watchers={ticket.watchers}
            canManage={ticket.can.manageWatchers}
            onChange={(watchers) => onChange({ ...ticket, watchers })}
          />
        </aside>
      </div>
    </>
  );
}
