import "../../styles/store.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { formatCount } from "../licensing/format.ts";
import { useKeysetPages } from "../members/useKeysetPages.ts";
import { isOrderStatus, ORDER_KIND_KEYS, ORDER_STATUS_BADGES, ORDER_STATUS_KEYS, ORDER_STATUSES } from "../store/labels.ts";
import { formatMoney } from "../store/money.ts";
import { CancelOrderDialog, ConfirmTransferDialog } from "./OrderActionDialogs.tsx";
import { operatorPaths } from "./paths.ts";
import { type OperatorOrder, type OrderStatus, storeOperatorApi } from "./store-api.ts";

/**
 * /operator/store/orders: every account's orders, by default those awaiting a bank
 * transfer, with Confirm payment (the money arrived) and Cancel for unpaid ones.
 */
export function StoreOrdersPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OrderStatus | "">("awaiting_transfer");
  const [confirming, setConfirming] = useState<OperatorOrder | null>(null);
  const [canceling, setCanceling] = useState<OperatorOrder | null>(null);
  const [notice, setNotice] = useState("");
  const list = useKeysetPages((page, signal) => storeOperatorApi.orders(status, page, signal), status);
  const title = t("operator.storeOrders.title");
  const done = (message: string) => {
    setConfirming(null);
    setCanceling(null);
    setNotice(message);
    list.refresh();
  };

  return (
    <>
      <PageHeading title={title} subtitle={t("operator.storeOrders.subtitle")}>
        {title}
      </PageHeading>
      <div className="stack-lg">
        <StatusMessage message={notice} />
        <section className="card stack" aria-labelledby="operator-orders-heading">
          <h2 id="operator-orders-heading" className="sr-only">
            {title}
          </h2>
          <div className="list-filters orders-filters">
            <SelectField
              label={t("store.orders.statusFilter")}
              value={status}
              options={[
                { value: "", label: t("store.orders.allStatuses") },
                ...ORDER_STATUSES.map((value) => ({ value, label: t(ORDER_STATUS_KEYS[value]) })),
              ]}
              onChange={(value) => setStatus(isOrderStatus(value) ? value : "")}
            />
          </div>
          {list.error ? <Alert>{messageFor(t, list.error)}</Alert> : null}
          {list.loaded && list.items.length === 0 && <p className="muted">{t("operator.storeOrders.empty")}</p>}
          {list.loaded && list.items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table orders-table" aria-busy={list.phase !== "ready" || undefined}>
                <caption className="sr-only">{t("operator.storeOrders.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("store.orders.date")}</th>
                    <th scope="col">{t("store.orders.reference")}</th>
                    <th scope="col">{t("operator.storeOrders.account")}</th>
                    <th scope="col">{t("store.orders.what")}</th>
                    <th scope="col" className="cell-number">
                      {t("store.orders.total")}
                    </th>
                    <th scope="col">{t("store.orders.status")}</th>
                    <th scope="col" className="cell-actions">
                      {t("operator.storeOrders.actions")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((order) => (
                    <tr key={order.id}>
                      <td>
                        <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
                      </td>
                      <th scope="row">
                        <code>{order.reference}</code>
                      </th>
                      <td>
                        <Link to={operatorPaths.account(order.account.id, order.account.name)}>{order.account.name}</Link>
                      </td>
                      <td className="cell-wide">
                        {t(ORDER_KIND_KEYS[order.kind])}: {order.subscription?.displayName ?? order.product.name}
                        <span className="block muted small">
                          {t("operator.storeOrders.licenses", { number: formatCount(order.quantity) })}
                        </span>
                      </td>
                      <td className="cell-number">{formatMoney(order.total, order.currency)}</td>
                      <td>
                        <span className={ORDER_STATUS_BADGES[order.status]}>{t(ORDER_STATUS_KEYS[order.status])}</span>
                      </td>
                      <td className="cell-actions">
                        {order.status === "awaiting_transfer" && (
                          <Button variant="secondary" aria-haspopup="dialog" onClick={() => setConfirming(order)}>
                            {t("operator.storeOrders.confirm")}
                            <span className="sr-only"> {order.reference}</span>
                          </Button>
                        )}
                        {(order.status === "awaiting_transfer" || order.status === "pending_payment") && (
                          <Button
                            variant="link"
                            className="btn-danger-link"
                            aria-haspopup="dialog"
                            onClick={() => setCanceling(order)}
                          >
                            {t("operator.storeOrders.cancel")}
                            <span className="sr-only"> {order.reference}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMoreFooter
            list={list}
            shown={list.items.length}
            showingText={t("store.orders.showing", { shown: list.items.length })}
            loadMoreText={t("store.orders.loadMore")}
          />
        </section>
      </div>
      <ConfirmTransferDialog order={confirming} onClose={() => setConfirming(null)} onDone={done} />
      <CancelOrderDialog order={canceling} onClose={() => setCanceling(null)} onDone={done} />
    </>
  );
}
