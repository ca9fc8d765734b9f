import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translated, useForm } from "../../../lib/form.ts";
import { useMe } from "../../../lib/session.ts";
import { checkNewPassword, checkRequired } from "../../../lib/validation.ts";
import { FormAlert, StatusMessage } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { Checkbox } from "../../../ui/Checkbox.tsx";
import { HiddenUsername } from "../../../ui/HiddenUsername.tsx";
import { PasswordField } from "../../../ui/PasswordField.tsx";
import { identityApi } from "../identity-api.ts";

type Field = "currentPassword" | "newPassword";

export function ChangePasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const form = useForm<Field>("newPassword");
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [revokeOthers, setRevokeOthers] = useState(true);
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = form.onSubmit({
    validate: () => ({
      currentPassword: checkRequired(currentPassword, "validation.passwordRequired"),
      newPassword: checkNewPassword(newPassword),
    }),
    action: async () => {
      setDone(null);
      await identityApi.changePassword(currentPassword, newPassword, revokeOthers);
      setCurrentPassword("");
      setNewPassword("");
      setDone(revokeOthers ? "security.password.changedOthersOut" : "security.password.changed");
      onChanged();
    },
    onError: (error) => {
      if (error.code !== "INVALID_PASSWORD") return false;
      form.setErrors({ currentPassword: translated("errors.INVALID_PASSWORD") });
      form.setAlert(translated("form.fixErrors"));
      form.focusFirstInvalid();
      return true;
    },
  });

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t("security.password.title")}</h2>
      <form ref={form.formRef} className="form form-narrow" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <HiddenUsername value={me.email} />
        <PasswordField
          label={t("fields.currentPassword")}
          value={currentPassword}
          onChange={setCurrentPassword}
          error={form.errors.currentPassword}
          autoComplete="current-password"
          required
        />
        <PasswordField
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint")}
          value={newPassword}
          onChange={setNewPassword}
          error={form.errors.newPassword}
          autoComplete="new-password"
          required
        />
        <Checkbox label={t("security.password.revokeOthers")} checked={revokeOthers} onChange={setRevokeOthers} />
        <StatusMessage message={done && t(done)} />
        <div className="actions">
          <Button type="submit" busy={form.busy}>
            {t("security.password.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
