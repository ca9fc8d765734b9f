import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { type OperatorSubscriptionView, operatorApi } from "./api.ts";
import { OperatorSubscriptionsTable } from "./OperatorSubscriptionsTable.tsx";

type State = { status: "loading" } | { status: "ready"; items: OperatorSubscriptionView[] } | { status: "error"; error: unknown };

/** The newest subscriptions of all accounts, including those still waiting for their registration key. */
export function RecentSubscriptions() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .subscriptions(null, controller.signal)
      .then(({ items }) => setState({ status: "ready", items }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, []);

  return (
    <section className="card" aria-labelledby="operator-recent-heading">
      <h2 id="operator-recent-heading">{t("operator.recent.heading")}</h2>
      {state.status === "loading" && (
        <p className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t("common.loading")}
        </p>
      )}
      {state.status === "error" && <Alert>{messageFor(t, state.error)}</Alert>}
      {state.status === "ready" &&
        (state.items.length === 0 ? (
          <p className="muted">{t("operator.recent.empty")}</p>
        ) : (
          <OperatorSubscriptionsTable items={state.items} showAccount />
        ))}
    </section>
  );
}
