import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../../lib/errors.ts";
import { currentLocale } from "../../../lib/i18n.ts";
import { Alert, StatusMessage } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { identityApi, type SessionInfo } from "../identity-api.ts";
import { describeUserAgent } from "./user-agent.ts";

type Loaded = { sessions: SessionInfo[]; currentId: string | undefined };

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function SessionsSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [sessions, current] = await Promise.all([identityApi.listSessions(), identityApi.currentSession()]);
      const sorted = [...sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      setData({ sessions: sorted, currentId: current?.session.id });
      setError(null);
    } catch (cause) {
      setError(cause);
    }
  }, []);

  useEffect(() => {
    void version;
    void load();
  }, [load, version]);

  async function run(key: string, action: () => Promise<unknown>, done: string) {
    setBusy(key);
    setStatus(null);
    setError(null);
    try {
      await action();
      setStatus(done);
      await load();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  }

  const others = data?.sessions.filter((s) => s.id !== data.currentId) ?? [];

  function deviceName(session: SessionInfo): string {
    const { browser, os } = describeUserAgent(session.userAgent);
    if (browser && os) return t("security.sessions.browserOnOs", { browser, os });
    return browser ?? os ?? t("security.sessions.unknownDevice");
  }

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="section-head">
        <h2 id="sessions-heading">{t("security.sessions.title")}</h2>
        {others.length > 0 && (
          <Button
            variant="secondary"
            busy={busy === "others"}
            onClick={() => void run("others", identityApi.revokeOtherSessions, "security.sessions.othersSignedOut")}
          >
            {t("security.sessions.signOutOthers")}
          </Button>
        )}
      </div>
      <p className="muted">{t("security.sessions.description")}</p>
      {error ? <Alert>{messageFor(t, error)}</Alert> : null}
      <StatusMessage message={status && t(status)} />
      {!data ? (
        <p className="muted">{t("common.loading")}</p>
      ) : (
        <ul className="session-list">
          {data.sessions.map((session) => {
            const isCurrent = session.id === data.currentId;
            const name = deviceName(session);
            return (
              <li key={session.id} className="session">
                <div className="session-icon" aria-hidden="true" />
                <div className="session-body">
                  <p className="session-name">
                    {name}
                    {isCurrent && <span className="badge badge-accent">{t("security.sessions.thisDevice")}</span>}
                  </p>
                  <p className="muted small">
                    {t("security.sessions.details", {
                      ip: session.ipAddress || t("security.sessions.unknownIp"),
                      time: formatDate(session.updatedAt),
                    })}
                  </p>
                  {session.userAgent && <p className="muted small break-all">{session.userAgent}</p>}
                </div>
                {!isCurrent && (
                  <Button
                    variant="ghost"
                    busy={busy === session.id}
                    aria-label={t("security.sessions.signOutNamed", { device: name, time: formatDate(session.updatedAt) })}
                    onClick={() =>
                      void run(session.id, () => identityApi.revokeSession(session.token), "security.sessions.signedOut")
                    }
                  >
                    {t("security.sessions.signOut")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
