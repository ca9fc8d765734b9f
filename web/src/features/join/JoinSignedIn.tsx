import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import type { Me } from "../../lib/session.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { JoinHeading } from "./JoinHeading.tsx";
import type { InvitationPreview } from "./join-api.ts";

type Props = {
  preview: InvitationPreview;
  me: Me;
  /** The last failed attempt to join, shown until the next one. */
  error: unknown;
  onJoin: () => Promise<void>;
};

/** Signed in as the invited address: one Join account button. */
export function JoinSignedIn({ preview, me, error, onJoin }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const alreadyMember = error instanceof ApiError && error.code === "ALREADY_MEMBER";

  async function join() {
    setBusy(true);
    try {
      await onJoin();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <JoinHeading preview={preview} />
      <p>{t("join.signedInAs", { email: me.email })}</p>
      {error ? <Alert tone={alreadyMember ? "warning" : "error"}>{messageFor(t, error)}</Alert> : null}
      {alreadyMember ? (
        <Link to="/" className="btn btn-primary btn-block">
          {t("join.toDashboard")}
        </Link>
      ) : (
        <Button busy={busy} className="btn-block" onClick={() => void join()}>
          {t("join.submit")}
        </Button>
      )}
    </>
  );
}

/** Signed in as someone else: never join the wrong person; offer to sign out and go on. */
export function JoinWrongPerson({
  preview,
  me,
  onSignOut,
}: {
  preview: InvitationPreview;
  me: Me;
  onSignOut: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await onSignOut();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <JoinHeading preview={preview} />
      <Alert tone="warning" title={t("join.wrongPersonTitle")}>
        {t("join.wrongPerson", { current: me.email, invited: preview.email })}
      </Alert>
      <div className="actions">
        <Button busy={busy} onClick={() => void signOut()}>
          {t("join.signOutAndContinue")}
        </Button>
        <Link to="/" className="btn btn-ghost">
          {t("join.toDashboard")}
        </Link>
      </div>
    </>
  );
}
