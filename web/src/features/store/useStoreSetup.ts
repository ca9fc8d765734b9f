import { useCallback, useEffect, useState } from "react";
import { type Catalog, type PaymentMethodView, storeApi } from "./api.ts";

type State =
  | { status: "loading" }
  | { status: "ready"; catalog: Catalog; saved: PaymentMethodView | null }
  | { status: "error"; error: unknown };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/**
 * What a checkout page needs before it can show its form: the catalog (prices, test
 * mode, bank transfer) and the account's saved card. Only Account Administrators may
 * read the saved card, so nobody else asks for it.
 */
export function useStoreSetup(accountId: string, isAdmin: boolean) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void version;
    const controller = new AbortController();
    setState({ status: "loading" });
    Promise.all([
      storeApi.catalog(controller.signal),
      isAdmin ? storeApi.paymentMethod(accountId, controller.signal) : Promise.resolve({ paymentMethod: null }),
    ])
      .then(([catalog, saved]) => setState({ status: "ready", catalog, saved: saved.paymentMethod }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId, isAdmin, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
