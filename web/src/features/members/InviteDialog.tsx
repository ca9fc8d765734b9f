import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLocale, htmlLang, isLocale, LOCALE_NAMES, LOCALES, type Locale } from "../../lib/i18n.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { membersApi } from "./api.ts";
import { accountErrorMessage } from "./errors.ts";
import { InviteEntry } from "./InviteEntry.tsx";
import { InviteResults, type SendResult } from "./InviteResults.tsx";
import {
  appendRows,
  emailKey,
  findProblems,
  type InviteRow,
  MAX_INVITATIONS_PER_SEND,
  type ParsedEntry,
  toInvitations,
} from "./invite-list.ts";
import { PendingList } from "./PendingList.tsx";

type InviteDialogProps = {
  accountId: string;
  open: boolean;
  /** `changed`: invitations were sent or resent, so the list should reload. */
  onClose: (changed: boolean) => void;
};

type Notice = { kind: "added"; n: number } | { kind: "refused"; n: number } | null;

/**
 * Invite Users: choose the invitation language, build a list (type and Add, paste,
 * or a CSV file), fix what is marked, then Send Invitations and see each outcome.
 */
export function InviteDialog({ accountId, open, onClose }: InviteDialogProps) {
  const { t } = useTranslation();
  const counterId = useId();
  const [locale, setLocale] = useState<Locale>(currentLocale);
  const [rows, setRows] = useState<InviteRow[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<SendResult[] | null>(null);
  const [changed, setChanged] = useState(false);

  const problems = useMemo(() => findProblems(rows), [rows]);
  const existing = useMemo(() => new Set(rows.map((row) => emailKey(row.email))), [rows]);
  const full = rows.length >= MAX_INVITATIONS_PER_SEND;

  function add(entries: ParsedEntry[]): number {
    const result = appendRows(rows, entries);
    setRows(result.rows);
    setError(null);
    setNotice(result.refused > 0 ? { kind: "refused", n: result.refused } : { kind: "added", n: result.added });
    return result.added;
  }

  async function send() {
    if (rows.length === 0 || problems.size > 0 || sending) return;
    setSending(true);
    setError(null);
    setNotice(null);
    try {
      const answer = await membersApi.sendInvitations(accountId, { locale, invitations: toInvitations(rows, locale) });
      setResults(answer.results.map((result, index) => ({ ...result, key: `result-${index}` })));
      setChanged(true);
      setRows([]);
    } catch (cause) {
      setError(cause);
    } finally {
      setSending(false);
    }
  }

  function close() {
    const reload = changed;
    if (results) {
      setResults(null);
      setNotice(null);
    }
    setChanged(false);
    setError(null);
    onClose(reload);
  }

  const invited = results?.filter((r) => r.outcome === "invited").length ?? 0;
  const canSend = rows.length > 0 && problems.size === 0;

  const footer = results ? (
    <>
      <Button variant="secondary" onClick={() => setResults(null)}>
        {t("invite.inviteMore")}
      </Button>
      <Button onClick={close}>{t("common.close")}</Button>
    </>
  ) : (
    <>
      <p className="footer-hint muted small" id={`${counterId}-why`}>
        {rows.length > 0 && problems.size > 0 ? t("invite.fixProblems") : ""}
      </p>
      <Button variant="secondary" onClick={close}>
        {t("common.cancel")}
      </Button>
      <Button busy={sending} disabled={!canSend} onClick={() => void send()} aria-describedby={`${counterId} ${counterId}-why`}>
        {t("invite.send")}
      </Button>
    </>
  );

  return (
    <Dialog open={open} title={t("invite.title")} onClose={close} footer={footer} wide>
      {results ? (
        <div className="stack">
          <StatusMessage message={t("invite.results.summary", { sent: invited, notSent: results.length - invited })} />
          <InviteResults accountId={accountId} results={results} onResent={() => setChanged(true)} />
        </div>
      ) : (
        <div className="stack">
          <p className="muted">{t("invite.intro")}</p>
          {error ? <Alert>{accountErrorMessage(t, error)}</Alert> : null}
          <SelectField
            label={t("invite.languageLabel")}
            hint={t("invite.languageHint")}
            value={locale}
            onChange={(value) => isLocale(value) && setLocale(value)}
            options={LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code], lang: htmlLang(code) }))}
          />
          <InviteEntry existing={existing} full={full} onAdd={add} />
          {notice?.kind === "refused" ? (
            <Alert tone="warning">{t("invite.limitRefused", { max: MAX_INVITATIONS_PER_SEND, n: notice.n })}</Alert>
          ) : full ? (
            <p className="muted small">{t("invite.full", { max: MAX_INVITATIONS_PER_SEND })}</p>
          ) : null}
          <div className="section-head">
            <h3>{t("invite.list.title")}</h3>
            <p id={counterId} className={full ? "counter is-full" : "counter"}>
              <span className="sr-only">{t("invite.list.counterLabel")} </span>
              {t("invite.list.counter", { n: rows.length, max: MAX_INVITATIONS_PER_SEND })}
            </p>
          </div>
          <StatusMessage
            message={
              notice?.kind === "added" && notice.n > 0
                ? t("invite.added", { n: notice.n, total: rows.length, max: MAX_INVITATIONS_PER_SEND })
                : null
            }
          />
          <PendingList
            rows={rows}
            problems={problems}
            dialogLocale={locale}
            onLanguage={(key, value) => setRows((list) => list.map((row) => (row.key === key ? { ...row, locale: value } : row)))}
            onRemove={(key) => {
              setNotice(null);
              setRows((list) => list.filter((row) => row.key !== key));
            }}
            onRemoveProblems={() => setRows((list) => list.filter((row) => !problems.has(row.key)))}
            onClear={() => {
              setNotice(null);
              setRows([]);
            }}
          />
        </div>
      )}
    </Dialog>
  );
}
