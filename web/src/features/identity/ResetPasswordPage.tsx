import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { useForm } from "../../lib/form.ts";
import { checkNewPassword } from "../../lib/validation.ts";
import { Alert, FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PasswordField } from "../../ui/PasswordField.tsx";
import { identityApi } from "./identity-api.ts";

type Field = "newPassword" | "confirmPassword";

/** The reset mail's link lands here with ?token=… (or ?error=INVALID_TOKEN when it is stale). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const token = search.get("token");
  const form = useForm<Field>("newPassword");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [outcome, setOutcome] = useState<"form" | "done" | "invalid">(token && !search.get("error") ? "form" : "invalid");

  if (outcome === "invalid") {
    return (
      <>
        <PageHeading title={t("reset.invalidTitle")}>{t("reset.invalidTitle")}</PageHeading>
        <Alert tone="warning">{t("reset.invalidBody")}</Alert>
        <p>
          <Link to="/forgot-password" className="btn btn-primary">
            {t("reset.requestNew")}
          </Link>
        </p>
      </>
    );
  }

  if (outcome === "done") {
    return (
      <>
        <div className="success-mark" aria-hidden="true" />
        <PageHeading title={t("reset.doneTitle")}>{t("reset.doneTitle")}</PageHeading>
        <p>{t("reset.doneBody")}</p>
        <p>
          <Link to="/sign-in" className="btn btn-primary">
            {t("reset.toSignIn")}
          </Link>
        </p>
      </>
    );
  }

  const onSubmit = form.onSubmit({
    validate: () => ({
      newPassword: checkNewPassword(newPassword),
      confirmPassword: confirmPassword !== newPassword ? "validation.passwordsDiffer" : undefined,
    }),
    action: async () => {
      await identityApi.resetPassword(token ?? "", newPassword);
      setOutcome("done");
    },
    onError: (error) => {
      if (error.code !== "INVALID_TOKEN") return false;
      setOutcome("invalid");
      return true;
    },
  });

  return (
    <>
      <PageHeading title={t("reset.title")} subtitle={t("reset.subtitle")}>
        {t("reset.title")}
      </PageHeading>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <PasswordField
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint")}
          value={newPassword}
          onChange={setNewPassword}
          error={form.errors.newPassword}
          autoComplete="new-password"
          required
        />
        <PasswordField
          label={t("fields.confirmPassword")}
          value={confirmPassword}
          onChange={setConfirmPassword}
          error={form.errors.confirmPassword}
          autoComplete="new-password"
          required
        />
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("reset.submit")}
        </Button>
      </form>
    </>
  );
}
