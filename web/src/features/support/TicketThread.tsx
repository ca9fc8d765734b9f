import { Fragment, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import { AttachmentLinks } from "./AttachmentLinks.tsx";
import type { TicketMessage } from "./api.ts";
import { messageLines } from "./format.ts";
import { AUTHOR_KIND_KEYS, VIA_KEYS } from "./labels.ts";

type Props = {
  messages: TicketMessage[];
  /** A message to move focus to (the one just sent), so screen readers read it and keyboard users continue from it. */
  focusMessageId?: string | null;
};

/** The conversation, oldest first: who wrote, how it arrived, when, the text (line breaks only) and the files. */
export function TicketThread({ messages, focusMessageId = null }: Props) {
  const { t } = useTranslation();
  const focused = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusMessageId) focused.current?.focus();
  }, [focusMessageId]);

  return (
    <ol className="ticket-thread" aria-label={t("support.thread.label")}>
      {messages.map((message) => {
        const via = VIA_KEYS[message.via];
        const isFocus = message.id === focusMessageId;
        return (
          <li key={message.id}>
            <article
              ref={isFocus ? focused : undefined}
              tabIndex={isFocus ? -1 : undefined}
              className={`ticket-message ticket-message-${message.authorKind}`}
              aria-labelledby={`message-${message.id}`}
            >
              <header className="ticket-message-head" id={`message-${message.id}`}>
                <span className="ticket-message-author">{message.author.name}</span>
                {message.authorKind !== "customer" && (
                  <span className="badge badge-muted">{t(AUTHOR_KIND_KEYS[message.authorKind])}</span>
                )}
                {via && <span className="badge badge-muted">{t(via)}</span>}
                <time className="muted small" dateTime={message.createdAt}>
                  {formatDateTime(message.createdAt)}
                </time>
              </header>
              <p className="ticket-message-body">
                {messageLines(message.body).map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own and never reorder.
                  <Fragment key={index}>
                    {index > 0 && <br />}
                    {line}
                  </Fragment>
                ))}
              </p>
              <AttachmentLinks attachments={message.attachments} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}
