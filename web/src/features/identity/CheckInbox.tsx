import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { identityApi } from "./identity-api.ts";

/** Shown after sign-up: names the address and offers to send the link again. */
export function CheckInbox({ email }: { email: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function resend() {
    setBusy(true);
    setResent(false);
    setError(null);
    try {
      await identityApi.resendVerification(email);
      setResent(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading title={t("checkInbox.title")}>{t("checkInbox.title")}</PageHeading>
      <p>
        {t("checkInbox.sentTo")} <strong className="break-all">{email}</strong>
      </p>
      <p className="muted">{t("checkInbox.instructions")}</p>
      {error ? <Alert>{messageFor(t, error)}</Alert> : null}
      <StatusMessage message={resent && t("checkInbox.resent", { email })} />
      <div className="actions">
        <Button variant="secondary" busy={busy} onClick={() => void resend()}>
          {t("checkInbox.resend")}
        </Button>
        <Link to="/sign-in" className="btn btn-ghost">
          {t("checkInbox.toSignIn")}
        </Link>
      </div>
    </>
  );
}
