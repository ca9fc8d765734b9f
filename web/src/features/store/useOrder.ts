import { useCallback, useEffect, useRef, useState } from "react";
import { type OrderView, storeApi } from "./api.ts";

type State = { status: "loading" } | { status: "ready"; order: OrderView } | { status: "error"; error: unknown };

/** How often, and for how long, a page waiting for a payment's outcome asks again. */
const POLL_MS = 2_000;
const POLL_FOR_MS = 10 * 60_000;

/**
 * One order; while its payment is pending (a gateway's answer or an extra step still to
 * come) it is fetched again every 2 seconds, for up to 10 minutes, so the page turns
 * to "Paid" by itself.
 */
export function useOrder(accountId: string, orderId: string) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const started = useRef(Date.now());

  useEffect(() => {
    void version;
    const controller = new AbortController();
    storeApi
      .order(accountId, orderId, controller.signal)
      .then((order) => setState({ status: "ready", order }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === "AbortError") return;
        // A passing failure while polling keeps the order on screen.
        setState((current) => (current.status === "ready" ? current : { status: "error", error }));
      });
    return () => controller.abort();
  }, [accountId, orderId, version]);

  const pending = state.status === "ready" && state.order.status === "pending_payment";
  // biome-ignore lint/correctness/useExhaustiveDependencies: each answer (a new `state`) schedules the next poll.
  useEffect(() => {
    if (!pending || Date.now() - started.current > POLL_FOR_MS) return;
    const timer = window.setTimeout(() => setVersion((v) => v + 1), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [pending, state]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
