import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "./form.ts";

/**
 * A confirmation carried across one navigation ("You left Acme Ltd." on the page
 * you land on). Kept in memory only: a reload does not show it again.
 */
let pending: Message | null = null;

export function setFlash(message: Message): void {
  pending = message;
}

/**
 * Takes the pending confirmation when the page mounts. It is taken in an effect
 * (not during render) so React's development double render cannot lose it.
 */
export function useFlash(): string | null {
  const { t } = useTranslation();
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (pending === null) return;
    const taken = pending;
    pending = null;
    setMessage(() => taken);
  }, []);
  if (message === null) return null;
  return typeof message === "function" ? message(t) : message;
}
