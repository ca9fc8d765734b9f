import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { type Message, translated, useForm } from "../../lib/form.ts";
import { checkRequired } from "../../lib/validation.ts";
import { Alert, FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { PasswordField } from "../../ui/PasswordField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { identityApi } from "../identity/identity-api.ts";
import { TwoFactorChallenge } from "../identity/TwoFactorChallenge.tsx";
import { JoinHeading } from "./JoinHeading.tsx";
import type { InvitationPreview } from "./join-api.ts";

type Props = {
  preview: InvitationPreview;
  /** A note to show above the form (e.g. "this address already has an account"). */
  notice: Message | null;
  /** Called once signed in (after the second factor, if any); joins and moves on. */
  onSignedIn: () => Promise<void>;
};

/**
 * The invited address already has a sign-in: the current password (and the second
 * factor for people who use one), then Join account. Same calls as the sign-in page.
 */
export function JoinExistingForm({ preview, notice, onSignedIn }: Props) {
  const { t } = useTranslation();
  const form = useForm<"password">();
  const [password, setPassword] = useState("");
  const [rememberMe, setRememberMe] = useState(true);
  const [step, setStep] = useState<"password" | "two-factor" | "joining">("password");
  const [unverified, setUnverified] = useState(false);

  if (step === "two-factor") {
    return (
      <TwoFactorChallenge
        onDone={() => {
          setStep("joining");
          void onSignedIn();
        }}
        onRestart={(reason) => {
          setStep("password");
          setPassword("");
          form.setAlert(reason ?? null);
        }}
      />
    );
  }
  if (step === "joining") {
    return (
      <>
        <JoinHeading preview={preview} />
        <div className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t("join.joining")}
        </div>
      </>
    );
  }

  const onSubmit = form.onSubmit({
    validate: () => ({ password: checkRequired(password, "validation.passwordRequired") }),
    action: async () => {
      setUnverified(false);
      const result = await identityApi.signIn(preview.email, password, rememberMe);
      if (result.twoFactorRedirect) {
        setStep("two-factor");
        return;
      }
      await onSignedIn();
    },
    onError: (error) => {
      if (error.code === "INVALID_EMAIL_OR_PASSWORD") {
        // The address is fixed by the invitation, so only the password can be wrong.
        form.setErrors({ password: translated("errors.INVALID_PASSWORD") });
        form.focusFirstInvalid();
        return true;
      }
      if (error.code !== "EMAIL_NOT_VERIFIED") return false;
      setUnverified(true);
      return true;
    },
  });

  return (
    <>
      <JoinHeading preview={preview} />
      {notice && <Alert tone="warning">{typeof notice === "function" ? notice(t) : notice}</Alert>}
      <p className="muted">{t("join.existingIntro")}</p>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        {unverified && (
          <Alert tone="warning" title={t("signIn.unverifiedTitle")}>
            {t("signIn.unverifiedBody", { email: preview.email })}
          </Alert>
        )}
        <TextField
          label={t("fields.email")}
          type="email"
          value={preview.email}
          onChange={() => undefined}
          autoComplete="username"
          readOnly
        />
        <PasswordField
          label={t("fields.currentPassword")}
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          autoComplete="current-password"
          required
        />
        <div className="form-inline">
          <Checkbox label={t("signIn.rememberMe")} checked={rememberMe} onChange={setRememberMe} />
          <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        </div>
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("join.submit")}
        </Button>
      </form>
    </>
  );
}
