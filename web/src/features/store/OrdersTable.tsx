import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { formatDate } from "../../lib/format.ts";
import { formatCount } from "../licensing/format.ts";
import type { OrderSummary } from "./api.ts";
import { ORDER_KIND_KEYS, ORDER_STATUS_BADGES, ORDER_STATUS_KEYS } from "./labels.ts";
import { formatMoney } from "./money.ts";
import { storePaths } from "./paths.ts";

type Props = { accountId: string; items: OrderSummary[]; busy: boolean; caption: string; showSubscription?: boolean };

/** Orders, newest first: each reference opens the order; paid orders link their invoice PDF. */
export function OrdersTable({ accountId, items, busy, caption, showSubscription = true }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table orders-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("store.orders.date")}</th>
            <th scope="col">{t("store.orders.reference")}</th>
            <th scope="col">{t("store.orders.kind")}</th>
            {showSubscription && <th scope="col">{t("store.orders.what")}</th>}
            <th scope="col" className="cell-number">
              {t("store.orders.licenses")}
            </th>
            <th scope="col" className="cell-number">
              {t("store.orders.total")}
            </th>
            <th scope="col">{t("store.orders.status")}</th>
            <th scope="col">{t("store.orders.invoice")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => (
            <tr key={order.id}>
              <td>
                <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
              </td>
              <th scope="row">
                <Link to={storePaths.order(accountId, order.id)} className="nowrap">
                  {order.reference}
                </Link>
              </th>
              <td>{t(ORDER_KIND_KEYS[order.kind])}</td>
              {showSubscription && (
                <td className="cell-wide">
                  {order.subscription?.displayName ?? order.product.name}
                  {order.subscription && <span className="block muted small">{order.product.name}</span>}
                </td>
              )}
              <td className="cell-number">
                {order.previousQuantity !== null
                  ? t("store.order.licensesChange", {
                      from: formatCount(order.previousQuantity),
                      to: formatCount(order.quantity),
                    })
                  : formatCount(order.quantity)}
              </td>
              <td className="cell-number">{formatMoney(order.total, order.currency)}</td>
              <td>
                <span className={ORDER_STATUS_BADGES[order.status]}>{t(ORDER_STATUS_KEYS[order.status])}</span>
              </td>
              <td>
                {order.invoice ? (
                  <a href={order.invoice.url} download className="nowrap">
                    {order.invoice.number}
                    <span className="sr-only"> {t("store.orders.invoicePdf")}</span>
                  </a>
                ) : order.status === "failed" || order.status === "canceled" ? (
                  <>
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{t("store.orders.noInvoiceEver")}</span>
                  </>
                ) : (
                  <span className="muted">{t("store.orders.noInvoice")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
