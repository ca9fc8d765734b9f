import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import { formatCount } from "../licensing/format.ts";
import type { OrderView } from "./api.ts";
import { declineMessage } from "./errors.ts";
import { PAYMENT_METHOD_KEYS, PAYMENT_STATUS_KEYS } from "./labels.ts";
import { formatMoney, formatRate } from "./money.ts";
import { brandName } from "./PaymentSection.tsx";
import { PeriodText } from "./QuoteSummary.tsx";

/** The order's lines with subtotal, tax and total. */
export function OrderLines({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <section className="card stack" aria-labelledby="order-lines-heading">
      <h2 id="order-lines-heading">{t("store.order.linesHeading")}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="sr-only">{t("store.order.linesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("store.order.description")}</th>
              <th scope="col">{t("store.order.period")}</th>
              <th scope="col" className="cell-number">
                {t("store.order.quantity")}
              </th>
              <th scope="col" className="cell-number">
                {t("store.order.unitPrice")}
              </th>
              <th scope="col" className="cell-number">
                {t("store.order.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={`${line.description}-${line.periodStartsAt}`}>
                <td>{line.description}</td>
                <td>
                  <PeriodText from={line.periodStartsAt} to={line.periodEndsAt} />
                </td>
                <td className="cell-number">{formatCount(line.quantity)}</td>
                <td className="cell-number">{money(line.unitAmount)}</td>
                <td className="cell-number">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="quote-totals">
        <div>
          <dt>{t("store.quote.subtotal")}</dt>
          <dd>{money(order.subtotal)}</dd>
        </div>
        <div>
          <dt>{t("store.quote.tax", { name: order.tax.name, rate: formatRate(order.tax.rateBp) })}</dt>
          <dd>{money(order.tax.amount)}</dd>
        </div>
        <div className="quote-total">
          <dt>{t("store.quote.total")}</dt>
          <dd>{money(order.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Every payment attempt on the order: when, how, how much, and what came of it. */
export function OrderPayments({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  if (order.payments.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="order-payments-heading">
      <h2 id="order-payments-heading">{t("store.order.paymentsHeading")}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="sr-only">{t("store.order.paymentsHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("store.order.date")}</th>
              <th scope="col">{t("store.order.method")}</th>
              <th scope="col" className="cell-number">
                {t("store.order.amount")}
              </th>
              <th scope="col">{t("store.order.status")}</th>
            </tr>
          </thead>
          <tbody>
            {order.payments.map((payment) => (
              <tr key={payment.id}>
                <td>
                  <time dateTime={payment.createdAt}>{formatDateTime(payment.createdAt)}</time>
                </td>
                <td>
                  {payment.card
                    ? t("store.card.short", { brand: brandName(payment.card.brand), last4: payment.card.last4 })
                    : t(PAYMENT_METHOD_KEYS[order.paymentMethod])}
                  {payment.gateway === "test" && <span className="badge badge-warning">{t("store.testMode.badge")}</span>}
                </td>
                <td className="cell-number">{formatMoney(payment.amount, payment.currency)}</td>
                <td>
                  {t(PAYMENT_STATUS_KEYS[payment.status])}
                  {payment.failure && <span className="block muted small">{declineMessage(t, payment.failure)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
