import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { type OperatorSubscriptionView, operatorApi } from "./api.ts";
import { OperatorSubscriptionsTable } from "./OperatorSubscriptionsTable.tsx";
import { operatorPaths } from "./paths.ts";

type State = { status: "loading" } | { status: "ready"; items: OperatorSubscriptionView[] } | { status: "error"; error: unknown };

/** /operator/accounts/:accountId: the account's subscriptions, and Issue subscription into it. */
export function OperatorAccountPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .subscriptions(accountId, controller.signal)
      .then(({ items }) => setState({ status: "ready", items }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [accountId]);

  const items = state.status === "ready" ? state.items : [];
  const name = items.find((item) => item.accountName)?.accountName ?? search.get("name") ?? accountId;
  const title = t("operator.account.title", { name });

  return (
    <>
      <PageHeading
        title={title}
        subtitle={<span className="muted small break-all">{t("operator.account.id", { id: accountId })}</span>}
        actions={
          <Link to={operatorPaths.issue({ id: accountId, name })} className="btn btn-primary">
            {t("operator.account.issue")}
          </Link>
        }
      >
        {title}
      </PageHeading>
      <section className="card" aria-labelledby="operator-account-subscriptions">
        <h2 id="operator-account-subscriptions">{t("operator.account.subscriptions")}</h2>
        {state.status === "loading" && (
          <p className="page-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("common.loading")}
          </p>
        )}
        {state.status === "error" && <Alert>{messageFor(t, state.error)}</Alert>}
        {state.status === "ready" &&
          (items.length === 0 ? (
            <p className="muted">{t("operator.account.empty")}</p>
          ) : (
            <OperatorSubscriptionsTable items={items} />
          ))}
      </section>
    </>
  );
}
