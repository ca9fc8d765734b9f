import { useEffect, useState } from "react";
import { operatorApi, type SearchResult } from "./api.ts";

type State = { status: "idle" | "loading" } | { status: "ready"; result: SearchResult } | { status: "error"; error: unknown };

/** Finds accounts (by name or administrator) and people (by name or email). */
export function useOperatorSearch(query: string) {
  const [state, setState] = useState<State>({ status: "idle" });
  useEffect(() => {
    if (!query) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setState({ status: "loading" });
      operatorApi
        .search(query, controller.signal)
        .then((result) => setState({ status: "ready", result }))
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return state;
}
