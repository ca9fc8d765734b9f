import { type RefObject, useCallback, useEffect, useState } from "react";
import type { UsageRange, UsageSeries } from "./api.ts";
import { type HideableColumn, readHiddenColumns, withColumn, writeHiddenColumns } from "./columns.ts";

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The columns hidden with the gear menu, remembered on this device. */
export function useHiddenColumns() {
  const [hidden, setHidden] = useState<Set<HideableColumn>>(() => readHiddenColumns(localStorageOrNull()));
  const setShown = useCallback((column: HideableColumn, shown: boolean) => {
    setHidden((current) => {
      const next = withColumn(current, column, shown);
      writeHiddenColumns(localStorageOrNull(), next);
      return next;
    });
  }, []);
  return { hidden, setShown };
}

export type UsageState =
  | { status: "loading"; series: UsageSeries | null }
  | { status: "ready"; series: UsageSeries }
  | { status: "error"; error: unknown; series: UsageSeries | null };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/**
 * A usage series for one range, loaded while `enabled`. The chart for the previous
 * range stays on screen (marked busy) while the next one loads.
 */
export function useUsageSeries(
  load: (range: UsageRange, signal: AbortSignal) => Promise<UsageSeries>,
  range: UsageRange,
  /** What is charted (a key id, a farm id): a new subject starts from nothing. */
  subject: string,
  enabled = true,
) {
  const [state, setState] = useState<UsageState>({ status: "loading", series: null });
  const [version, setVersion] = useState(0);
  const [shownSubject, setShownSubject] = useState(subject);
  if (shownSubject !== subject) {
    setShownSubject(subject);
    setState({ status: "loading", series: null });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new function each render; the subject names what it loads.
  useEffect(() => {
    void version;
    if (!enabled) return;
    const controller = new AbortController();
    setState((current) => ({ status: "loading", series: current.series }));
    load(range, controller.signal)
      .then((series) => setState({ status: "ready", series }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState((current) => ({ status: "error", error, series: current.series }));
      });
    return () => controller.abort();
  }, [range, subject, enabled, version]);

  const retry = useCallback(() => setVersion((v) => v + 1), []);
  return { state, retry };
}

/** The width of an element, following it as the window changes (for the chart's drawing size). */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const next = Math.round(element.getBoundingClientRect().width);
      if (next > 0) setWidth(next);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
