import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import { currentLocale } from "../../lib/i18n.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { LinkifiedText } from "./LinkifiedText.tsx";
import { fetchMailbox, type MailMessage } from "./mailbox-api.ts";

const POLL_MS = 2000;

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));
}

/** Development only: the mails the portal would have sent, newest first. */
export function MailboxPage() {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<MailMessage[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (signal?: AbortSignal, manual = false) => {
    if (manual) setLoading(true);
    try {
      const data = await fetchMailbox(signal);
      setMessages(data.messages);
      setError(null);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") return;
      setError(cause);
    } finally {
      if (manual) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    const timer = window.setInterval(() => void load(controller.signal), POLL_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [load]);

  const selected = messages?.find((m) => m.id === selectedId) ?? null;

  return (
    <>
      <PageHeading title={t("mailbox.title")} subtitle={t("mailbox.subtitle")}>
        {t("mailbox.title")}
      </PageHeading>
      {error ? (
        <Alert>{error instanceof ApiError && error.status === 404 ? t("mailbox.unavailable") : messageFor(t, error)}</Alert>
      ) : null}
      <div className="mailbox">
        <section className="card mailbox-list" aria-labelledby="mailbox-list-heading">
          <div className="section-head">
            <h2 id="mailbox-list-heading">{t("mailbox.inbox", { total: messages?.length ?? 0 })}</h2>
            <Button variant="ghost" busy={loading} onClick={() => void load(undefined, true)}>
              {t("mailbox.refresh")}
            </Button>
          </div>
          {messages && messages.length === 0 && <p className="muted">{t("mailbox.empty")}</p>}
          <ul className="mail-items">
            {messages?.map((message) => (
              <li key={message.id}>
                <button
                  type="button"
                  className={`mail-item${message.id === selectedId ? " is-selected" : ""}`}
                  aria-pressed={message.id === selectedId}
                  onClick={() => setSelectedId(message.id)}
                >
                  <span className="mail-subject">{message.subject}</span>
                  <span className="mail-meta">
                    <span className="break-all">{message.to}</span>
                    <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="card mailbox-view" aria-labelledby="mailbox-view-heading">
          {selected ? (
            <article>
              <h2 id="mailbox-view-heading">{selected.subject}</h2>
              <dl className="mail-headers">
                <dt>{t("mailbox.to")}</dt>
                <dd>{selected.to}</dd>
                <dt>{t("mailbox.date")}</dt>
                <dd>
                  <time dateTime={selected.createdAt}>{formatTime(selected.createdAt)}</time>
                </dd>
              </dl>
              <LinkifiedText text={selected.text} />
            </article>
          ) : (
            <>
              <h2 id="mailbox-view-heading" className="sr-only">
                {t("mailbox.noSelectionHeading")}
              </h2>
              <p className="muted">{t("mailbox.selectHint")}</p>
            </>
          )}
        </section>
      </div>
    </>
  );
}
