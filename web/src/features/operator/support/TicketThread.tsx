import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.ts";
import { currentLocale, htmlLang } from "../../../lib/i18n.ts";
import { formatBytes } from "../../downloads/format.ts";
import type { OperatorTicketView } from "./api.ts";
import { AUTHOR_KIND_KEYS, VIA_KEYS } from "./labels.ts";

type Message = OperatorTicketView["messages"][number];

/**
 * The ticket's conversation, oldest first. Internal notes are set apart in words
 * ("Internal note — not visible to the customer") as well as by their frame, so the
 * difference does not rest on colour. `focusId` names a message to move focus to
 * (the one just sent), so keyboard and screen-reader users land on it.
 */
export function TicketThread({ messages, focusId }: { messages: Message[]; focusId: string | null }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusId) return;
    list.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId]);

  if (messages.length === 0) return <p className="muted">{t("operatorSupport.thread.empty")}</p>;
  return (
    <ol className="opsup-thread" ref={list}>
      {messages.map((message) => {
        const internal = message.visibility === "internal";
        const labelId = `message-${message.id}-label`;
        return (
          <li key={message.id}>
            <article
              className={`opsup-message${internal ? " is-internal" : ""}${message.authorKind === "operator" ? " is-operator" : ""}`}
              data-message-id={message.id}
              tabIndex={-1}
              aria-labelledby={labelId}
            >
              {internal && <p className="opsup-message-flag">{t("operatorSupport.thread.internalFlag")}</p>}
              <header className="opsup-message-header" id={labelId}>
                <span className="person-name">{message.author.name}</span>{" "}
                <span className="badge badge-muted">{t(AUTHOR_KIND_KEYS[message.authorKind])}</span>{" "}
                {message.author.email && <span className="muted small break-all">{message.author.email}</span>}
                <span className="muted small opsup-message-meta">
                  <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                  {" · "}
                  {t(VIA_KEYS[message.via])}
                </span>
              </header>
              <div className="opsup-message-body">{message.body}</div>
              {message.attachments.length > 0 && (
                <ul className="opsup-attachments" aria-label={t("operatorSupport.thread.attachments")}>
                  {message.attachments.map((attachment) => (
                    <li key={attachment.id}>
                      <a href={attachment.url} download={attachment.fileName}>
                        {attachment.fileName}
                      </a>{" "}
                      <span className="muted small">{formatBytes(attachment.size, htmlLang(currentLocale()))}</span>
                    </li>
                  ))}
                </ul>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
