import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../../lib/form.ts";
import { checkOtp } from "../../../lib/validation.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { StepHeading } from "../../../ui/PageHeading.tsx";
import { TextField } from "../../../ui/TextField.tsx";
import { identityApi } from "../identity-api.ts";

type Props = { totpURI: string; onVerified: () => Promise<void>; onCancel: () => void };

function secretOf(totpURI: string): string {
  try {
    return new URL(totpURI).searchParams.get("secret") ?? "";
  } catch {
    return "";
  }
}

/** Step 2 of turning on 2FA: scan the QR code (or type the key), then confirm with a code. */
export function TwoFactorSetup({ totpURI, onVerified, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useForm<"code">();
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const secret = secretOf(totpURI);
  const grouped = secret.match(/.{1,4}/g)?.join(" ") ?? secret;

  useEffect(() => {
    let live = true;
    // Loaded on demand: only people setting up 2FA need the QR encoder.
    import("qrcode")
      .then(({ toDataURL }) => toDataURL(totpURI, { margin: 1, width: 200, errorCorrectionLevel: "M" }))
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [totpURI]);

  const onSubmit = form.onSubmit({
    validate: () => ({ code: checkOtp(code) }),
    action: async () => {
      await identityApi.verifyTotp(code.replace(/\s/g, ""));
      await onVerified();
    },
  });

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
      <StepHeading>{t("security.twoFactor.setupTitle")}</StepHeading>
      <ol className="steps">
        <li>{t("security.twoFactor.stepInstall")}</li>
        <li>{t("security.twoFactor.stepScan")}</li>
        <li>{t("security.twoFactor.stepCode")}</li>
      </ol>
      <div className="totp-setup">
        <div className="qr">{qr && <img src={qr} width={200} height={200} alt={t("security.twoFactor.qrAlt")} />}</div>
        <div className="stack">
          <TextField
            label={t("security.twoFactor.setupKey")}
            hint={t("security.twoFactor.setupKeyHint")}
            value={grouped}
            onChange={() => undefined}
            readOnly
            inputClassName="input-code"
            onFocus={(event) => event.currentTarget.select()}
          />
          <FormAlert message={form.alert} />
          <TextField
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
        </div>
      </div>
      <div className="actions">
        <Button type="submit" busy={form.busy}>
          {t("security.twoFactor.verify")}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={form.busy}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
