import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { StepHeading } from "../../../ui/PageHeading.tsx";

type Props = { codes: string[]; onDone: () => void };

/** Shows freshly generated recovery codes once, with copy and download. */
export function RecoveryCodes({ codes, onDone }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [downloadUrl, setDownloadUrl] = useState<string | null>(null);
  const text = `${t("security.recovery.fileHeader")}\n\n${codes.join("\n")}\n`;

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    setDownloadUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setStatus("security.recovery.copied");
    } catch {
      setStatus("security.recovery.copyFailed");
    }
  }

  return (
    <div className="stack">
      <StepHeading>{t("security.recovery.title")}</StepHeading>
      <p>{t("security.recovery.intro")}</p>
      <ol className="codes" aria-label={t("security.recovery.listLabel")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <StatusMessage message={status && t(status)} />
      <div className="actions">
        <Button variant="secondary" onClick={() => void copy()}>
          {t("security.recovery.copy")}
        </Button>
        {downloadUrl && (
          <a className="btn btn-secondary" href={downloadUrl} download="license-portal-recovery-codes.txt">
            {t("security.recovery.download")}
          </a>
        )}
        <Button onClick={onDone}>{t("security.recovery.saved")}</Button>
      </div>
    </div>
  );
}
