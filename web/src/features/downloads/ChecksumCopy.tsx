import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";

/**
 * Copies a file's SHA-256. Every row has one, so the button's accessible name says
 * which file it is for; the outcome is announced in a polite live region.
 */
export function ChecksumCopy({ sha256, fileName }: { sha256: string; fileName: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(sha256);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <Button variant="secondary" onClick={() => void copy()} aria-label={t("downloads.copyLabel", { fileName })}>
        {t("downloads.copy")}
      </Button>
      <span role="status" className="copy-status small">
        {state === "copied" ? t("downloads.copied") : state === "failed" ? t("downloads.copyFailed") : ""}
      </span>
    </span>
  );
}
