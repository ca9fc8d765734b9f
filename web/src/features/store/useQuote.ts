import { useEffect, useState } from "react";

type QuoteState<Q> = { quote: Q | null; loading: boolean; error: unknown };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/**
 * A live quote: asks the server again a moment after the input stops changing (the
 * server prices everything; the page only shows it). `input` null means "not ready to
 * price" (e.g. no number of licenses yet). Answers to superseded requests are dropped.
 */
export function useQuote<I, Q>(input: I | null, load: (input: I, signal: AbortSignal) => Promise<Q>, delay = 350) {
  const [state, setState] = useState<QuoteState<Q>>({ quote: null, loading: false, error: null });
  const key = input === null ? null : JSON.stringify(input);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized input is the dependency; `load` is a fresh closure each render.
  useEffect(() => {
    if (key === null || input === null) {
      setState({ quote: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    const timer = window.setTimeout(() => {
      load(input, controller.signal)
        .then((quote) => setState({ quote, loading: false, error: null }))
        .catch((error: unknown) => {
          if (!isAbort(error)) setState({ quote: null, loading: false, error });
        });
    }, delay);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key, delay]);

  return state;
}
