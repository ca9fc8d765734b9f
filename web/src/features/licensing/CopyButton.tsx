import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";

/**
 * Copies `text` to the clipboard and says so in a polite live region. Where a page has
 * several, `accessibleName` says which one a button copies; `failedText` says what to
 * select by hand when the clipboard is not available.
 */
export function CopyButton({
  text,
  label,
  accessibleName,
  failedText,
}: {
  text: string;
  label: string;
  accessibleName?: string;
  failedText?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <Button variant="secondary" onClick={() => void copy()} aria-label={accessibleName}>
        {label}
      </Button>
      <span role="status" className="copy-status small">
        {state === "copied" ? t("licensing.copy.copied") : state === "failed" ? (failedText ?? t("licensing.copy.failed")) : ""}
      </span>
    </span>
  );
}

/** A key in full, monospaced, with its copy button. */
export function FullKey({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <div className="full-key">
      <code className="key-text">{value}</code>
      <CopyButton text={value} label={t("licensing.copy.button")} />
    </div>
  );
}
