import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate, safeNext, useLocation } from "../../app/router.tsx";
import { useForm } from "../../lib/form.ts";
import { useSession } from "../../lib/session.ts";
import { checkEmail, checkRequired } from "../../lib/validation.ts";
import { Alert, FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PasswordField } from "../../ui/PasswordField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { identityApi } from "./identity-api.ts";
import { TwoFactorChallenge } from "./TwoFactorChallenge.tsx";

type Field = "email" | "password";

export function SignInPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { state, refresh } = useSession();
  const form = useForm<Field>();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [rememberMe, setRememberMe] = useState(true);
  const [step, setStep] = useState<"credentials" | "two-factor">("credentials");
  const [unverified, setUnverified] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(search.get("signedOut") ? "signIn.signedOut" : null);
  const next = safeNext(search.get("next"));

  useEffect(() => {
    if (state.status === "authenticated") navigate(next, { replace: true });
  }, [state.status, next]);

  if (step === "two-factor") {
    return (
      <TwoFactorChallenge
        onDone={() => void refresh()}
        onRestart={(reason) => {
          setStep("credentials");
          setPassword("");
          form.setAlert(reason ?? null);
        }}
      />
    );
  }

  const onSubmit = form.onSubmit({
    validate: () => ({ email: checkEmail(email), password: checkRequired(password, "validation.passwordRequired") }),
    action: async () => {
      setUnverified(null);
      setNotice(null);
      const result = await identityApi.signIn(email.trim(), password, rememberMe);
      if (result.twoFactorRedirect) setStep("two-factor");
      else await refresh();
    },
    onError: (error) => {
      if (error.code !== "EMAIL_NOT_VERIFIED") return false;
      setUnverified(email.trim());
      return true;
    },
  });

  return (
    <>
      <PageHeading title={t("signIn.title")} subtitle={t("signIn.subtitle")}>
        {t("signIn.title")}
      </PageHeading>
      <StatusMessage message={notice && t(notice)} />
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        {unverified && (
          <Alert tone="warning" title={t("signIn.unverifiedTitle")}>
            {t("signIn.unverifiedBody", { email: unverified })}
          </Alert>
        )}
        <TextField
          label={t("fields.email")}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
          autoComplete="username"
          inputMode="email"
          required
        />
        <PasswordField
          label={t("fields.password")}
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
          {t("signIn.submit")}
        </Button>
      </form>
      <p className="form-footer">
        {t("signIn.noAccount")} <Link to="/sign-up">{t("signIn.signUpLink")}</Link>
      </p>
    </>
  );
}
