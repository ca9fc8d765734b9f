import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { StepHeading } from "../../ui/PageHeading.tsx";
import type { LicenseKeyView } from "./api.ts";
import { FullKey } from "./CopyButton.tsx";

/** After Create License Key: the confirmation and the new key with its copy button. */
export function KeyCreated({ keyView, adminError }: { keyView: LicenseKeyView; adminError: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {/* The heading takes focus, so the confirmation is what screen readers read next. */}
      <div className="alert alert-success">
        <StepHeading>{t("licensing.keyDialog.created", { name: keyView.name })}</StepHeading>
      </div>
      {adminError ? <Alert title={t("licensing.keyDialog.adminsNotSaved")}>{messageFor(t, adminError)}</Alert> : null}
      <div className="field">
        <span className="field-label">{t("licensing.keyDialog.key")}</span>
        <FullKey value={keyView.key} />
      </div>
      <p className="muted small">{t("licensing.keyDialog.createdHint")}</p>
    </div>
  );
}
