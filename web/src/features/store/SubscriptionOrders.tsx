import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import type { SubscriptionDetails } from "../licensing/api.ts";
import { type OrderPage, storeApi } from "./api.ts";
import { storeErrorMessage } from "./errors.ts";
import { OrdersTable } from "./OrdersTable.tsx";
import { storePaths } from "./paths.ts";

const SHOWN = 5;

type Props = { accountId: string; details: SubscriptionDetails; isAccountAdmin: boolean };

/**
 * Order history on Subscription Details: the subscription's latest orders (purchase,
 * Buy More Licenses, renewals) for Account Administrators, who alone see orders.
 */
export function SubscriptionOrders({ accountId, details, isAccountAdmin }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState<OrderPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const online = details.contract.salesChannel === "online";

  useEffect(() => {
    if (!isAccountAdmin) return;
    const controller = new AbortController();
    storeApi
      .orders(accountId, { status: "", subscriptionId: details.id }, { limit: SHOWN }, controller.signal)
      .then(setPage)
      .catch((cause: unknown) => {
        if (!(cause instanceof DOMException && cause.name === "AbortError")) setError(cause);
      });
    return () => controller.abort();
  }, [accountId, details.id, isAccountAdmin]);

  return (
    <section className="card stack" aria-labelledby="orders-heading">
      <div className="section-head">
        <h2 id="orders-heading">{t("store.subscriptionOrders.heading")}</h2>
        {isAccountAdmin && <Link to={storePaths.orders(accountId)}>{t("store.subscriptionOrders.all")}</Link>}
      </div>
      {!isAccountAdmin ? (
        <p className="muted">{t("store.subscriptionOrders.adminsOnly")}</p>
      ) : error ? (
        <p className="muted">{storeErrorMessage(t, error)}</p>
      ) : page === null ? (
        <p className="muted">{t("common.loading")}</p>
      ) : page.items.length === 0 ? (
        <p className="muted">{online ? t("store.subscriptionOrders.empty") : t("store.subscriptionOrders.notOnline")}</p>
      ) : (
        <OrdersTable
          accountId={accountId}
          items={page.items}
          busy={false}
          caption={t("store.subscriptionOrders.caption", { name: details.displayName })}
          showSubscription={false}
        />
      )}
      {isAccountAdmin && online && (
        <p className="small">
          <Link to={storePaths.paymentMethod(accountId)}>{t("store.paymentOptions.title")}</Link>
        </p>
      )}
    </section>
  );
}
