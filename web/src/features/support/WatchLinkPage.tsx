import "../../styles/members.css";
import "../../styles/support.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { watchApi } from "./api.ts";
import { isErrorCode } from "./errors.ts";
import { ReplyBox } from "./ReplyBox.tsx";
import { LoadFailed, Loading, TicketStatusBadge } from "./SupportNotices.tsx";
import { TicketThread } from "./TicketThread.tsx";
import { newMessageId, useLoaded } from "./useTicket.ts";

/**
 * The outside watcher's page (/support/watch/:token, no sign-in): the ticket's public side
 * and a reply box. The token from their email is the whole capability; once the watcher is
 * removed it answers 404 WATCH_LINK_NOT_FOUND, shown as "This link no longer works".
 */
export function WatchLinkPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const link = useLoaded((signal) => watchApi.get(token, signal), token);
  const [focusId, setFocusId] = useState<string | null>(null);
  const { state } = link;

  if (state.status === "error" && isErrorCode(state.error, "WATCH_LINK_NOT_FOUND")) {
    const title = t("support.watch.goneTitle");
    return (
      <div className="card watch-page">
        <PageHeading title={title}>{title}</PageHeading>
        <p>{t("support.watch.goneBody")}</p>
      </div>
    );
  }
  if (state.status !== "ready") {
    const title = t("support.watch.title");
    return (
      <div className="card watch-page">
        <PageHeading title={title}>{title}</PageHeading>
        {state.status === "loading" ? <Loading /> : <LoadFailed error={state.error} onRetry={link.retry} />}
      </div>
    );
  }

  const view = state.value;
  async function send(body: string, attachmentIds: string[]) {
    const updated = await watchApi.reply(token, { body, attachmentIds });
    link.replace(updated);
    setFocusId(newMessageId(view.messages, updated.messages));
  }

  return (
    <div className="watch-page stack-lg">
      <PageHeading
        title={`${view.reference} · ${view.subject}`}
        subtitle={
          <>
            <TicketStatusBadge status={view.status} /> <span className="muted">{view.product.name}</span>
            <span className="block small muted">{t("support.watch.youAre", { email: view.watcherEmail })}</span>
          </>
        }
      >
        <span className="ticket-reference">{view.reference}</span> {view.subject}
      </PageHeading>
      <TicketThread messages={view.messages} focusMessageId={focusId} />
      {view.canReply ? (
        <ReplyBox uploadUrl={watchApi.uploadUrl(token)} onSend={send} />
      ) : (
        <p className="card">{t("support.watch.closed")}</p>
      )}
    </div>
  );
}
