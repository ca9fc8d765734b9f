import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../lib/api.ts";
import { translated, useForm } from "../../../lib/form.ts";
import { useMe } from "../../../lib/session.ts";
import { checkRequired } from "../../../lib/validation.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { HiddenUsername } from "../../../ui/HiddenUsername.tsx";
import { StepHeading } from "../../../ui/PageHeading.tsx";
import { PasswordField } from "../../../ui/PasswordField.tsx";

type Props = {
  title: string;
  description: string;
  submitLabel: string;
  danger?: boolean;
  onConfirm: (password: string) => Promise<void>;
  onCancel: () => void;
};

/** Asks for the current password before a sensitive change (2FA on/off, new recovery codes). */
export function PasswordPrompt({ title, description, submitLabel, danger, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const form = useForm<"password">();
  const [password, setPassword] = useState("");

  const onSubmit = form.onSubmit({
    validate: () => ({ password: checkRequired(password, "validation.passwordRequired") }),
    action: () => onConfirm(password),
    onError: (error: ApiError) => {
      if (error.code !== "INVALID_PASSWORD") return false;
      form.setErrors({ password: translated("errors.INVALID_PASSWORD") });
      form.focusFirstInvalid();
      return true;
    },
  });

  return (
    <form ref={form.formRef} className="form form-narrow" noValidate onSubmit={onSubmit}>
      <StepHeading>{title}</StepHeading>
      <p className="muted">{description}</p>
      <FormAlert message={form.alert} />
      <HiddenUsername value={me.email} />
      <PasswordField
        label={t("fields.password")}
        value={password}
        onChange={setPassword}
        error={form.errors.password}
        autoComplete="current-password"
        required
      />
      <div className="actions">
        <Button type="submit" variant={danger ? "danger" : "primary"} busy={form.busy}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={form.busy}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
