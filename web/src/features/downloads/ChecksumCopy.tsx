import { useTranslation } from "react-i18next";
import { CopyButton } from "../licensing/CopyButton.tsx";

/** Copies a file's SHA-256. Every row has one, so the button's accessible name says which file it is for. */
export function ChecksumCopy({ sha256, fileName }: { sha256: string; fileName: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton
      text={sha256}
      label={t("downloads.copy")}
      accessibleName={t("downloads.copyLabel", { fileName })}
      failedText={t("downloads.copyFailed")}
    />
  );
}
