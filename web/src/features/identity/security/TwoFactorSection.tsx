import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe, useSession } from "../../../lib/session.ts";
import { StatusMessage } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { identityApi } from "../identity-api.ts";
import { PasswordPrompt } from "./PasswordPrompt.tsx";
import { RecoveryCodes } from "./RecoveryCodes.tsx";
import { TwoFactorSetup } from "./TwoFactorSetup.tsx";

type Step =
  | { name: "idle" }
  | { name: "enable-password" }
  | { name: "setup"; totpURI: string; backupCodes: string[] }
  | { name: "codes"; codes: string[]; finalMessage: string }
  | { name: "disable-password" }
  | { name: "regenerate-password" };

export function TwoFactorSection({ onSessionChanged }: { onSessionChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>({ name: "idle" });
  const [status, setStatus] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const idle = () => {
    setStep({ name: "idle" });
    // The step that had focus is gone; put focus back at the top of this section.
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const begin = (next: Step) => {
    setStatus(null);
    setStep(next);
  };

  function body() {
    switch (step.name) {
      case "enable-password":
        return (
          <PasswordPrompt
            title={t("security.twoFactor.enableTitle")}
            description={t("security.twoFactor.enablePassword")}
            submitLabel={t("common.continue")}
            onCancel={idle}
            onConfirm={async (password) => {
              const { totpURI, backupCodes } = await identityApi.enableTwoFactor(password);
              setStep({ name: "setup", totpURI, backupCodes });
            }}
          />
        );
      case "setup":
        return (
          <TwoFactorSetup
            totpURI={step.totpURI}
            onCancel={idle}
            onVerified={async () => {
              await refresh();
              onSessionChanged();
              setStep({ name: "codes", codes: step.backupCodes, finalMessage: "security.twoFactor.enabled" });
            }}
          />
        );
      case "codes":
        return (
          <RecoveryCodes
            codes={step.codes}
            onDone={() => {
              setStatus(step.finalMessage);
              idle();
            }}
          />
        );
      case "disable-password":
        return (
          <PasswordPrompt
            title={t("security.twoFactor.disableTitle")}
            description={t("security.twoFactor.disablePassword")}
            submitLabel={t("security.twoFactor.disable")}
            danger
            onCancel={idle}
            onConfirm={async (password) => {
              await identityApi.disableTwoFactor(password);
              await refresh();
              onSessionChanged();
              setStatus("security.twoFactor.disabled");
              idle();
            }}
          />
        );
      case "regenerate-password":
        return (
          <PasswordPrompt
            title={t("security.twoFactor.regenerateTitle")}
            description={t("security.twoFactor.regeneratePassword")}
            submitLabel={t("security.twoFactor.regenerate")}
            onCancel={idle}
            onConfirm={async (password) => {
              const { backupCodes } = await identityApi.regenerateBackupCodes(password);
              setStep({ name: "codes", codes: backupCodes, finalMessage: "security.twoFactor.regenerated" });
            }}
          />
        );
      case "idle":
        return me.twoFactorEnabled ? (
          <div className="actions">
            <Button variant="secondary" onClick={() => begin({ name: "regenerate-password" })}>
              {t("security.twoFactor.regenerate")}
            </Button>
            <Button variant="danger" onClick={() => begin({ name: "disable-password" })}>
              {t("security.twoFactor.disable")}
            </Button>
          </div>
        ) : (
          <div className="actions">
            <Button onClick={() => begin({ name: "enable-password" })}>{t("security.twoFactor.enable")}</Button>
          </div>
        );
    }
  }

  return (
    <section className="card" aria-labelledby="two-factor-heading">
      <div className="section-head">
        <h2 id="two-factor-heading" ref={headingRef} tabIndex={-1}>
          {t("security.twoFactor.title")}
        </h2>
        <span className={`badge ${me.twoFactorEnabled ? "badge-success" : "badge-muted"}`}>
          {me.twoFactorEnabled ? t("security.twoFactor.on") : t("security.twoFactor.off")}
        </span>
      </div>
      <p className="muted">{t("security.twoFactor.description")}</p>
      <StatusMessage message={status && t(status)} />
      {body()}
    </section>
  );
}
