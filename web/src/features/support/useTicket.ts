import { useCallback, useEffect, useState } from "react";

export type Loaded<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "error"; error: unknown };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/** One resource loaded for the page (a ticket, a watch link), with retry and replacement by a fresher copy. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new function each render; `key` names what it loads.
  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal)
      .then((value) => setState({ status: "ready", value }))
      .catch((error: unknown) => {
        if (!isAbort(error) && !controller.signal.aborted) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((value: T) => setState({ status: "ready", value }), []);
  return { state, retry, replace };
}

/** The message the server added: the newest one that was not there before (the one just sent). */
export function newMessageId(before: Array<{ id: string }>, after: Array<{ id: string }>): string | null {
  const known = new Set(before.map((m) => m.id));
  for (let index = after.length - 1; index >= 0; index--) {
    const message = after[index];
    if (message && !known.has(message.id)) return message.id;
  }
  return null;
}
