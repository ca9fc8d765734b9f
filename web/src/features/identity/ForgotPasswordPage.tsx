import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useForm } from "../../lib/form.ts";
import { checkEmail } from "../../lib/validation.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { identityApi } from "./identity-api.ts";

/** Always gives the same answer, so it does not reveal which addresses have accounts. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm<"email">();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);

  if (sent) {
    return (
      <>
        <PageHeading title={t("forgot.sentTitle")}>{t("forgot.sentTitle")}</PageHeading>
        <p>{t("forgot.sentBody", { email: email.trim() })}</p>
        <p className="muted">{t("forgot.sentHint")}</p>
        <p>
          <Link to="/sign-in">{t("forgot.backToSignIn")}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={t("forgot.title")} subtitle={t("forgot.subtitle")}>
        {t("forgot.title")}
      </PageHeading>
      <form
        ref={form.formRef}
        className="form"
        noValidate
        onSubmit={form.onSubmit({
          validate: () => ({ email: checkEmail(email) }),
          action: async () => {
            await identityApi.requestPasswordReset(email.trim());
            setSent(true);
          },
        })}
      >
        <FormAlert message={form.alert} />
        <TextField
          label={t("fields.email")}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
          autoComplete="email"
          required
        />
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("forgot.submit")}
        </Button>
      </form>
      <p className="form-footer">
        <Link to="/sign-in">{t("forgot.backToSignIn")}</Link>
      </p>
    </>
  );
}
