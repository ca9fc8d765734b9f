import { useEffect, useState } from "react";
import { licensingApi } from "./api.ts";
import type { AccountKey } from "./member-keys.ts";

const PAGE = 200;
const MAX_PAGES = 5;
/** Details requests in flight at once. */
const PARALLEL = 4;

export type AccountKeysState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; keys: AccountKey[]; complete: boolean }
  | { status: "error"; error: unknown };

/**
 * Every license key of the account, with its administrators: the subscriptions
 * (up to 1,000) and then each one's details. For the Users → Role → License
 * Administrator picker, which an Account Administrator opens.
 */
export function useAccountKeys(accountId: string, enabled: boolean, version = 0): AccountKeysState {
  const [state, setState] = useState<AccountKeysState>({ status: "idle" });

  useEffect(() => {
    void version;
    if (!enabled) return;
    const controller = new AbortController();
    const signal = controller.signal;
    setState({ status: "loading" });
    async function load() {
      const ids: Array<{ id: string; name: string }> = [];
      let cursor: string | null = null;
      let complete = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await licensingApi.subscriptions(
          accountId,
          { display: "all", sort: "name", productId: "" },
          { limit: PAGE, cursor },
          signal,
        );
        ids.push(...answer.items.map((item) => ({ id: item.id, name: item.displayName })));
        cursor = answer.nextCursor;
        if (!cursor) {
          complete = true;
          break;
        }
      }
      const keys: AccountKey[][] = new Array(ids.length);
      let next = 0;
      async function worker() {
        while (next < ids.length) {
          const index = next++;
          const subscription = ids[index];
          if (!subscription) continue;
          const details = await licensingApi.subscription(accountId, subscription.id, signal);
          keys[index] = details.keys.map((key) => ({ subscriptionId: details.id, subscriptionName: details.displayName, key }));
        }
      }
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
      return { keys: keys.flat(), complete };
    }
    load()
      .then((result) => setState({ status: "ready", ...result }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId, enabled, version]);

  return state;
}
