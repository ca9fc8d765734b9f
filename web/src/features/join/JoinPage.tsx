import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { navigate } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import { setFlash } from "../../lib/flash.ts";
import { type Message, translated } from "../../lib/form.ts";
import { setLocale } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccounts } from "../accounts/accounts-store.tsx";
import { accountPath } from "../accounts/paths.ts";
import { JoinExistingForm } from "./JoinExistingForm.tsx";
import { JoinNewForm } from "./JoinNewForm.tsx";
import { JoinSignedIn, JoinWrongPerson } from "./JoinSignedIn.tsx";
import { JoinUnavailable } from "./JoinUnavailable.tsx";
import { type AcceptResult, type InvitationPreview, joinApi } from "./join-api.ts";
import { forgetJoinToken, takeJoinToken } from "./join-token.ts";

type Load =
  | { status: "loading" }
  | { status: "ready"; preview: InvitationPreview }
  | { status: "notFound" }
  | { status: "error"; error: unknown };

/** Accept errors that mean the invitation itself can no longer be used. */
const GONE: Record<string, InvitationPreview["state"]> = {
  INVITATION_EXPIRED: "expired",
  INVITATION_REVOKED: "revoked",
  INVITATION_USED: "accepted",
};

/**
 * /join#token=…: shows the invitation and, on an explicit Join account, accepts it.
 * Opening the page changes nothing (the preview only reads). Another link opened in
 * the same tab only changes the #fragment (no page load), so that starts afresh too.
 */
export function JoinPage() {
  const [token, setToken] = useState(takeJoinToken);
  useEffect(() => {
    const onHashChange = () => setToken(takeJoinToken());
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return <JoinFlow key={token ?? "none"} token={token} />;
}

function JoinFlow({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const { state: session, refresh, signOut } = useSession();
  const { reload: reloadAccounts } = useAccounts();
  const [load, setLoad] = useState<Load>(() => (token ? { status: "loading" } : { status: "notFound" }));
  const [joinError, setJoinError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [joined, setJoined] = useState<AcceptResult | null>(null);
  const localeApplied = useRef(false);

  const fetchPreview = useCallback(async () => {
    if (!token) return;
    setLoad({ status: "loading" });
    try {
      setLoad({ status: "ready", preview: await joinApi.preview(token) });
    } catch (error) {
      const notFound = error instanceof ApiError && (error.code === "INVITATION_NOT_FOUND" || error.status === 404);
      setLoad(notFound ? { status: "notFound" } : { status: "error", error });
    }
  }, [token]);

  useEffect(() => {
    void fetchPreview();
  }, [fetchPreview]);

  // Someone who is not signed in reads the invitation in its language; a signed-in person keeps theirs.
  const inviteLocale = load.status === "ready" ? load.preview.locale : null;
  useEffect(() => {
    if (!inviteLocale || session.status !== "anonymous" || localeApplied.current) return;
    localeApplied.current = true;
    void setLocale(inviteLocale);
  }, [inviteLocale, session.status]);

  async function finish(result: AcceptResult) {
    forgetJoinToken();
    setJoined(result);
    await refresh();
    await reloadAccounts();
    const name = result.accountName;
    setFlash((tt) => tt("join.joined", { account: name }));
    navigate(accountPath(result.accountId));
  }

  async function join() {
    if (!token || load.status !== "ready") return;
    setJoinError(null);
    try {
      await finish(await joinApi.accept(token));
    } catch (error) {
      const gone = error instanceof ApiError ? GONE[error.code] : undefined;
      if (gone) setLoad({ status: "ready", preview: { ...load.preview, state: gone } });
      else setJoinError(error);
      // Signed in by the password form but not joined: the signed-in view shows why.
      if (session.status !== "authenticated") await refresh();
    }
  }

  if (joined) {
    return (
      <>
        <PageHeading title={t("join.joiningTitle", { account: joined.accountName })}>
          {t("join.joiningTitle", { account: joined.accountName })}
        </PageHeading>
        <div className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t("join.joining")}
        </div>
      </>
    );
  }
  if (load.status === "notFound") return <JoinUnavailable reason="notFound" />;
  if (load.status === "error") {
    return (
      <>
        <PageHeading title={t("join.loadFailedTitle")}>{t("join.loadFailedTitle")}</PageHeading>
        <Alert>{messageFor(t, load.error)}</Alert>
        <Button variant="secondary" onClick={() => void fetchPreview()}>
          {t("accounts.tryAgain")}
        </Button>
      </>
    );
  }
  if (load.status === "loading" || session.status === "loading" || !token) {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </div>
    );
  }

  const { preview } = load;
  if (preview.state !== "pending") return <JoinUnavailable reason={preview.state} preview={preview} />;

  if (session.status === "authenticated") {
    const me = session.me;
    if (me.email.toLowerCase() !== preview.email.toLowerCase()) {
      return <JoinWrongPerson preview={preview} me={me} onSignOut={signOut} />;
    }
    return <JoinSignedIn preview={preview} me={me} error={joinError} onJoin={join} />;
  }

  if (preview.hasAccount) return <JoinExistingForm preview={preview} notice={notice} onSignedIn={join} />;
  return (
    <JoinNewForm
      preview={preview}
      token={token}
      onJoined={finish}
      onAccountExists={() => {
        setNotice(translated("errors.ACCOUNT_EXISTS"));
        setLoad({ status: "ready", preview: { ...preview, hasAccount: true } });
      }}
    />
  );
}
