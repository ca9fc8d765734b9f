import "../../../styles/licensing.css";
import "./operator-support.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../../app/router.tsx";
import { Alert, StatusMessage } from "../../../ui/Alert.tsx";
import { PageHeading } from "../../../ui/PageHeading.tsx";
import { operatorPaths } from "../paths.ts";
import { type OperatorTicketView, supportOperatorApi } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { SEVERITY_BADGES, SEVERITY_KEYS, TICKET_STATUS_BADGES, TICKET_STATUS_KEYS } from "./labels.ts";
import { lastQueueHref } from "./queue-filters.ts";
import { ReplyComposer } from "./ReplyComposer.tsx";
import { TicketSidePanel } from "./TicketSidePanel.tsx";
import { TicketThread } from "./TicketThread.tsx";
import { useAgents } from "./useConsoleLists.ts";

type State = { status: "loading" } | { status: "ready"; ticket: OperatorTicketView } | { status: "error"; error: unknown };

/**
 * /operator/support/:ticketId: the whole thread (internal notes included), the
 * composer, and the side panel. Every change answers the ticket as it now is, which
 * replaces the page's copy; confirmations are announced in a polite live region.
 */
export function SupportTicketPage({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "loading" });
  const [notice, setNotice] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  const agents = useAgents();

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    supportOperatorApi
      .ticket(ticketId, controller.signal)
      .then((ticket) => setState({ status: "ready", ticket }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [ticketId]);

  const changed = (ticket: OperatorTicketView, message: string) => {
    setState({ status: "ready", ticket });
    // Emptied first, so the same words twice in a row ("Your reply was sent.") are announced again.
    setNotice("");
    requestAnimationFrame(() => setNotice(message));
  };

  const ticket = state.status === "ready" ? state.ticket : null;
  const title = ticket ? `${ticket.reference} · ${ticket.subject}` : t("operatorSupport.ticket.title");
  return (
    <>
      <p>
        <Link to={lastQueueHref(operatorPaths.support())} className="back-link">
          {t("operatorSupport.ticket.back")}
        </Link>
      </p>
      {/* The heading waits for the ticket, so it takes focus with the real title. */}
      {state.status === "loading" && (
        <p className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t("common.loading")}
        </p>
      )}
      {state.status === "error" && (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <Alert>{supportErrorMessage(t, state.error)}</Alert>
        </>
      )}
      {ticket && (
        <>
          <PageHeading
            title={title}
            subtitle={
              <span className="opsup-badges">
                <span className={TICKET_STATUS_BADGES[ticket.status]}>{t(TICKET_STATUS_KEYS[ticket.status])}</span>{" "}
                <span className={SEVERITY_BADGES[ticket.severity]}>{t(SEVERITY_KEYS[ticket.severity])}</span>{" "}
                <span className="muted">
                  {ticket.account.name} · {ticket.product.name}
                </span>
              </span>
            }
          >
            <code>{ticket.reference}</code> {ticket.subject}
          </PageHeading>
          <StatusMessage message={notice} />
          <div className="opsup-layout">
            <div className="stack-lg">
              <section className="card" aria-labelledby="opsup-thread-heading">
                <h2 id="opsup-thread-heading">{t("operatorSupport.thread.title")}</h2>
                <TicketThread messages={ticket.messages} focusId={focusId} />
              </section>
              <ReplyComposer
                ticket={ticket}
                onSent={(view, visibility) => {
                  changed(
                    view,
                    visibility === "public"
                      ? t("operatorSupport.composer.sentPublic")
                      : t("operatorSupport.composer.sentInternal"),
                  );
                  setFocusId(view.messages.at(-1)?.id ?? null);
                }}
              />
            </div>
            <TicketSidePanel ticket={ticket} agents={agents} onChanged={changed} />
          </div>
        </>
      )}
    </>
  );
}
