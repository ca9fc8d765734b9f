import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { type Message, useForm } from "../../lib/form.ts";
import { checkOtp, checkRequired } from "../../lib/validation.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { identityApi } from "./identity-api.ts";

type Props = { onDone: () => void; onRestart: (reason?: Message) => void };

/** Codes that mean the pending sign-in is gone and the person must start again. */
const RESTART_CODES = new Set(["INVALID_TWO_FACTOR_COOKIE", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE"]);

/** The second sign-in step: a code from the authenticator app, or a recovery code. */
export function TwoFactorChallenge({ onDone, onRestart }: Props) {
  const { t } = useTranslation();
  const form = useForm<"code">();
  const [mode, setMode] = useState<"totp" | "backup">("totp");
  const [code, setCode] = useState("");
  const [trustDevice, setTrustDevice] = useState(false);
  const isTotp = mode === "totp";
  const heading = isTotp ? t("twoFactorChallenge.title") : t("twoFactorChallenge.recoveryTitle");

  const onSubmit = form.onSubmit({
    validate: () => ({ code: isTotp ? checkOtp(code) : checkRequired(code, "validation.recoveryCodeRequired") }),
    action: async () => {
      const value = isTotp ? code.replace(/\s/g, "") : code.trim();
      if (isTotp) await identityApi.verifyTotp(value, trustDevice);
      else await identityApi.verifyBackupCode(value, trustDevice);
      onDone();
    },
    onError: (error) => {
      if (!RESTART_CODES.has(error.code)) return false;
      onRestart((tt) => messageFor(tt, error));
      return true;
    },
  });

  function switchMode() {
    setMode(isTotp ? "backup" : "totp");
    setCode("");
    form.setErrors({});
    form.setAlert(null);
  }

  return (
    <>
      <PageHeading
        key={mode}
        title={heading}
        subtitle={isTotp ? t("twoFactorChallenge.subtitle") : t("twoFactorChallenge.recoverySubtitle")}
      >
        {heading}
      </PageHeading>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        {isTotp ? (
          <TextField
            key="totp"
            label={t("fields.authCode")}
            value={code}
            onChange={(value) => setCode(value.replace(/[^\d\s]/g, ""))}
            error={form.errors.code}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            inputClassName="input-code"
            required
          />
        ) : (
          <TextField
            key="backup"
            label={t("fields.recoveryCode")}
            value={code}
            onChange={setCode}
            error={form.errors.code}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            inputClassName="input-code"
            required
          />
        )}
        <Checkbox label={t("twoFactorChallenge.trustDevice")} checked={trustDevice} onChange={setTrustDevice} />
        <Button type="submit" busy={form.busy} className="btn-block">
          {t("twoFactorChallenge.submit")}
        </Button>
      </form>
      <div className="form-footer stack-sm">
        <Button variant="link" onClick={switchMode}>
          {isTotp ? t("twoFactorChallenge.useRecovery") : t("twoFactorChallenge.useApp")}
        </Button>
        <Button variant="link" onClick={() => onRestart()}>
          {t("twoFactorChallenge.startOver")}
        </Button>
      </div>
    </>
  );
}
