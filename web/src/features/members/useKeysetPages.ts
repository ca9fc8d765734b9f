import { useCallback, useEffect, useRef, useState } from "react";

export const PAGE_SIZE = 50;
/** The largest page the list routes answer (RosterQuery.limit allows 100). */
const MAX_REFRESH = 100;

type Page<T> = { items: T[]; nextCursor: string | null };
export type LoadPage<T> = (page: { limit: number; cursor?: string }, signal: AbortSignal) => Promise<Page<T>>;

type State<T> = {
  items: T[];
  nextCursor: string | null;
  /** "loading" replaces the rows (new filters, refresh); "more" appends (Load more). */
  phase: "loading" | "ready" | "more";
  error: unknown;
  /** Whether the rows answer the current filters. */
  loaded: boolean;
};

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/**
 * A keyset-paginated list: a new `filterKey` replaces the rows, `loadMore` appends the
 * page after `nextCursor`, and `refresh` reloads as many rows as are shown (up to 100).
 * Answers to superseded requests are dropped.
 */
export function useKeysetPages<T>(load: LoadPage<T>, filterKey: string) {
  const [state, setState] = useState<State<T>>({ items: [], nextCursor: null, phase: "loading", error: null, loaded: false });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const controller = useRef<AbortController | null>(null);
  const shown = useRef(0);
  const refreshLimit = useRef<number | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void filterKey;
    void version;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const limit = refreshLimit.current ?? PAGE_SIZE;
    refreshLimit.current = null;
    setState((s) => ({ ...s, phase: "loading", error: null }));
    loadRef
      .current({ limit }, current.signal)
      .then((page) => {
        shown.current = page.items.length;
        setState({ items: page.items, nextCursor: page.nextCursor, phase: "ready", error: null, loaded: true });
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setState((s) => ({ ...s, phase: "ready", error, loaded: false }));
      });
    return () => current.abort();
  }, [filterKey, version]);

  const { nextCursor, phase } = state;
  const loadMore = useCallback(async () => {
    if (!nextCursor || phase !== "ready") return;
    const current = new AbortController();
    controller.current = current;
    setState((s) => ({ ...s, phase: "more", error: null }));
    try {
      const page = await loadRef.current({ limit: PAGE_SIZE, cursor: nextCursor }, current.signal);
      if (current.signal.aborted) return;
      setState((s) => {
        const items = [...s.items, ...page.items];
        shown.current = items.length;
        return { ...s, items, nextCursor: page.nextCursor, phase: "ready" };
      });
    } catch (error) {
      if (!isAbort(error)) setState((s) => ({ ...s, phase: "ready", error }));
    }
  }, [nextCursor, phase]);

  /** Reloads after a change (invitations sent, a member saved). */
  const refresh = useCallback(() => {
    refreshLimit.current = Math.min(MAX_REFRESH, Math.max(PAGE_SIZE, shown.current));
    setVersion((v) => v + 1);
  }, []);

  return { ...state, loadMore, refresh };
}

/**
 * A search box's text and the query it applies: the query follows the text after a
 * pause of `delay` ms, or at once with `applyNow` (Enter). `initial` is the search a URL asked for.
 */
export function useSearchInput(delay = 250, initial = "") {
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial.trim());
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), delay);
    return () => window.clearTimeout(timer);
  }, [text, delay]);
  const applyNow = useCallback(() => setQuery(text.trim()), [text]);
  return { text, setText, query, applyNow };
}
