import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../lib/api.ts";
import { licensingApi, type SubscriptionDetails } from "./api.ts";

type State = { status: "loading" } | { status: "ready"; details: SubscriptionDetails } | { status: "error"; error: unknown };

/**
 * One subscription's details. `reload` fetches them again quietly (the page stays
 * while it loads); `set` shows a fresh copy the server returned after a change.
 */
export function useSubscription(accountId: string, subscriptionId: string) {
  const [state, setState] = useState<State>({ status: "loading" });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const details = await licensingApi.subscription(accountId, subscriptionId);
      if (mine === generation.current) setState({ status: "ready", details });
    } catch (error) {
      if (mine !== generation.current) return;
      // A quiet reload that fails for a passing reason keeps the page; losing access does not.
      const lostAccess = error instanceof ApiError && (error.status === 403 || error.status === 404);
      setState((current) => (current.status === "ready" && !lostAccess ? current : { status: "error", error }));
    }
  }, [accountId, subscriptionId]);

  useEffect(() => {
    setState({ status: "loading" });
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const set = useCallback((details: SubscriptionDetails) => {
    generation.current++;
    setState({ status: "ready", details });
  }, []);

  return { state, reload, set };
}
