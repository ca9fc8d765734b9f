import { useCallback, useEffect, useState } from "react";
import { type DashboardSummary, licensingApi } from "./api.ts";

type State = { status: "loading" } | { status: "ready"; summary: DashboardSummary } | { status: "error"; error: unknown };

/** The product cards of the Dashboard (GET …/dashboard), with a reload for after a registration. */
export function useDashboardSummary(accountId: string) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void version;
    const controller = new AbortController();
    licensingApi
      .dashboard(accountId, controller.signal)
      .then((summary) => setState({ status: "ready", summary }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
