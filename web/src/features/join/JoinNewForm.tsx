import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { checkName, checkNewPassword } from "../../lib/validation.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PasswordField } from "../../ui/PasswordField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { NameFields } from "../identity/NameFields.tsx";
import { JoinHeading } from "./JoinHeading.tsx";
import { type AcceptResult, type InvitationPreview, joinApi } from "./join-api.ts";

type Props = {
  preview: InvitationPreview;
  token: string;
  onJoined: (result: AcceptResult) => Promise<void>;
  /** 409 ACCOUNT_EXISTS: the address got a sign-in meanwhile; switch to the password form. */
  onAccountExists: () => void;
};

/** No sign-in for the invited address yet: name and a new password, then Join account (signs in). */
export function JoinNewForm({ preview, token, onJoined, onAccountExists }: Props) {
  const { t } = useTranslation();
  const form = useForm<"firstName" | "lastName" | "password">("password");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [password, setPassword] = useState("");

  const onSubmit = form.onSubmit({
    validate: () => ({ firstName: checkName(firstName), lastName: checkName(lastName), password: checkNewPassword(password) }),
    action: async () => {
      const result = await joinApi.acceptNew({ token, firstName: firstName.trim(), lastName: lastName.trim(), password });
      await onJoined(result);
    },
    onError: (error) => {
      if (error.code !== "ACCOUNT_EXISTS") return false;
      onAccountExists();
      return true;
    },
  });

  return (
    <>
      <JoinHeading preview={preview} />
      <p className="muted">{t("join.newIntro")}</p>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextField
          label={t("fields.email")}
          type="email"
          value={preview.email}
          onChange={() => undefined}
          autoComplete="username"
          readOnly
        />
        <NameFields
          firstName={firstName}
          lastName={lastName}
          onFirstName={setFirstName}
          onLastName={setLastName}
          errors={form.errors}
        />
        <PasswordField
          label={t("join.choosePassword")}
          hint={t("fields.passwordHint")}
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          autoComplete="new-password"
          required
        />
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("join.submit")}
        </Button>
      </form>
    </>
  );
}
