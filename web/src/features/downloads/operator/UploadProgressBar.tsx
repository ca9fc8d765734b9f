import { useTranslation } from "react-i18next";
import type { UploadProgress } from "./operator-api.ts";

/** A labelled <progress> (screen readers announce its value) with the percentage in words. */
export function UploadProgressBar({ progress, fileName }: { progress: UploadProgress; fileName: string }) {
  const { t } = useTranslation();
  const percent = progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;
  const label = t("downloads.operator.uploading", { fileName, percent });
  return (
    <div className="upload-progress">
      <span className="small" aria-hidden="true">
        {label}
      </span>
      <progress max={100} value={percent} aria-label={label} />
    </div>
  );
}
