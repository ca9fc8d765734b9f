import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { htmlLang, LOCALE_NAMES } from "../../lib/i18n.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { type InvitationView, membersApi, type RosterEntry } from "./api.ts";
import { accountErrorMessage } from "./errors.ts";
import { formatDate, formatDateTime, roleLabel, StatusBadge } from "./format.tsx";

type InvitationDialogProps = {
  accountId: string;
  entry: RosterEntry;
  open: boolean;
  onClose: () => void;
  /** After Resend (dialog stays open) or Revoke (it closes): a confirmation for the page, and the list reloads. */
  onChanged: (message: (t: TFunction) => string, close: boolean) => void;
};

/** An open or expired invitation: its details, Resend (new link, new expiry) and Revoke (after a confirmation). */
export function InvitationDialog({ accountId, entry, open, onClose, onChanged }: InvitationDialogProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<InvitationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<"resend" | "revoke" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [resent, setResent] = useState(false);
  const keepId = useId();
  const revokeId = useId();
  const confirmShown = useRef(false);

  // The footer's buttons change with the confirmation: keep focus on the matching button.
  useEffect(() => {
    if (confirming) document.getElementById(keepId)?.focus();
    else if (confirmShown.current) document.getElementById(revokeId)?.focus();
    confirmShown.current = confirming;
  }, [confirming, keepId, revokeId]);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setView(null);
    setError(null);
    setConfirming(false);
    setResent(false);
    membersApi
      .invitation(accountId, entry.id, controller.signal)
      .then(setView)
      .catch((cause: unknown) => {
        if (!(cause instanceof DOMException && cause.name === "AbortError")) setError(cause);
      });
    return () => controller.abort();
  }, [open, accountId, entry.id]);

  async function resend() {
    setBusy("resend");
    setError(null);
    setResent(false);
    try {
      const updated = await membersApi.resendInvitation(accountId, entry.id);
      setView(updated);
      setResent(true);
      const { email, expiresAt } = updated;
      onChanged((tt) => tt("invite.resent", { email, date: formatDate(expiresAt) }), false);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  }

  async function revoke() {
    setBusy("revoke");
    setError(null);
    try {
      const updated = await membersApi.revokeInvitation(accountId, entry.id);
      const { email } = updated;
      onChanged((tt) => tt("invite.revoked", { email }), true);
    } catch (cause) {
      setError(cause);
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  }

  const expired = view ? view.status === "expired" || Date.parse(view.expiresAt) <= Date.now() : entry.status === "expired";
  const canAct = view !== null && (view.status === "pending" || view.status === "expired");

  const footer = confirming ? (
    <>
      <Button id={keepId} variant="secondary" onClick={() => setConfirming(false)} disabled={busy !== null}>
        {t("invite.keep")}
      </Button>
      <Button variant="danger" busy={busy === "revoke"} onClick={() => void revoke()}>
        {t("invite.revokeConfirm")}
      </Button>
    </>
  ) : (
    <>
      <Button variant="secondary" onClick={onClose}>
        {t("common.close")}
      </Button>
      {canAct && (
        <>
          <Button id={revokeId} variant="danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
            {t("invite.revoke")}
          </Button>
          <Button busy={busy === "resend"} disabled={busy === "revoke"} onClick={() => void resend()}>
            {t("invite.resend")}
          </Button>
        </>
      )}
    </>
  );

  return (
    <Dialog open={open} title={t("invite.invitationTitle", { email: entry.email })} onClose={onClose} footer={footer}>
      <div className="stack">
        {error ? <Alert>{accountErrorMessage(t, error)}</Alert> : null}
        <StatusMessage message={resent && view ? t("invite.resentHere", { date: formatDate(view.expiresAt) }) : null} />
        {!view && !error ? <p className="muted">{t("common.loading")}</p> : null}
        {view && (
          <dl className="details-list">
            <dt>{t("invite.email")}</dt>
            <dd className="break-all">{view.email}</dd>
            <dt>{t("invite.status")}</dt>
            <dd>
              {view.status === "pending" || view.status === "expired" ? (
                <StatusBadge status={expired ? "expired" : "invited"} />
              ) : (
                <span className="badge badge-muted">
                  {t(view.status === "accepted" ? "invite.accepted" : "invite.revokedStatus")}
                </span>
              )}
            </dd>
            <dt>{t("invite.language")}</dt>
            <dd lang={htmlLang(view.locale)}>{LOCALE_NAMES[view.locale]}</dd>
            <dt>{t("invite.role")}</dt>
            <dd>{roleLabel(t, view.role)}</dd>
            <dt>{t("invite.invitedBy")}</dt>
            <dd>{view.invitedBy?.name ?? t("invite.unknownInviter")}</dd>
            <dt>{t("invite.sent")}</dt>
            <dd>
              <time dateTime={view.sentAt}>{formatDateTime(view.sentAt)}</time>
            </dd>
            <dt>{t("invite.expiry")}</dt>
            <dd>
              <time dateTime={view.expiresAt}>
                {t(expired ? "invite.expiredOn" : "invite.expiresOn", { date: formatDateTime(view.expiresAt) })}
              </time>
            </dd>
          </dl>
        )}
        {confirming && view && (
          <Alert tone="warning" title={t("invite.revokeQuestion", { email: view.email })}>
            {t("invite.revokeEffect")}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
