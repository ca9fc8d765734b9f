import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { useFlash } from "../../lib/flash.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { formatCount } from "../licensing/format.ts";
import { SUPPORT_PLAN_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import { subscriptionPath } from "../licensing/paths.ts";
import type { OrderView } from "./api.ts";
import { BankTransferDetails } from "./BankTransferDetails.tsx";
import { declineMessage } from "./errors.ts";
import { ORDER_KIND_KEYS, ORDER_STATUS_BADGES, ORDER_STATUS_KEYS, PAYMENT_METHOD_KEYS } from "./labels.ts";
import { OrderLines, OrderPayments } from "./OrderDetails.tsx";
import { isSameSitePath, storePaths } from "./paths.ts";
import { AdminOnlyNotice, LoadFailed, PageSpinner } from "./StoreNotices.tsx";
import { useOrder } from "./useOrder.ts";

/** An order (/accounts/:accountId/store/orders/:orderId): the confirmation after checkout, and its page in Order history. */
export function OrderPage({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { account } = useAccount();
  const { state, reload } = useOrder(account.id, orderId);
  const flash = useFlash();
  const back = (
    <p className="back-link">
      <Link to={storePaths.orders(account.id)}>{t("store.orders.title")}</Link>
    </p>
  );

  if (account.membership.role !== "admin") {
    return (
      <>
        {back}
        <PageHeading title={t("store.order.titleUnknown")}>{t("store.order.titleUnknown")}</PageHeading>
        <AdminOnlyNotice accountName={account.name} />
      </>
    );
  }
  if (state.status === "loading") return <PageSpinner />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.status === 404;
    return (
      <>
        {back}
        <PageHeading title={t("store.order.titleUnknown")}>{t("store.order.titleUnknown")}</PageHeading>
        {missing ? <Alert>{t("store.errors.ORDER_NOT_FOUND")}</Alert> : <LoadFailed error={state.error} onRetry={reload} />}
      </>
    );
  }

  const order = state.order;
  const title = t("store.order.title", { reference: order.reference });
  return (
    <>
      {back}
      <PageHeading
        title={title}
        subtitle={<span className={ORDER_STATUS_BADGES[order.status]}>{t(ORDER_STATUS_KEYS[order.status])}</span>}
      >
        {title}
      </PageHeading>
      <StatusMessage message={flash} />
      <div className="stack-lg">
        <OrderOutcome accountId={account.id} order={order} />
        {order.status === "awaiting_transfer" && order.bankTransfer && <BankTransferDetails transfer={order.bankTransfer} />}
        <OrderFacts accountId={account.id} order={order} />
        <OrderLines order={order} />
        <OrderPayments order={order} />
      </div>
    </>
  );
}

/** What happened, in one sentence, with the next thing to do. Live, so the polled change to "Paid" is announced. */
function OrderOutcome({ accountId, order }: { accountId: string; order: OrderView }) {
  const { t } = useTranslation();
  const retry = order.kind === "upgrade" ? storePaths.buyMore(accountId, order.subscription?.id) : storePaths.purchase(accountId);
  let content: ReactNode = null;
  if (order.status === "paid") {
    content = (
      <div className="alert alert-success">
        <p className="alert-title">{t(order.kind === "upgrade" ? "store.order.upgradePaid" : "store.order.paid")}</p>
        {order.subscription && (
          <p>
            {t("store.order.subscriptionReady", { licenses: formatCount(order.quantity) })}{" "}
            <Link to={subscriptionPath(accountId, order.subscription.id)}>{order.subscription.displayName}</Link>
          </p>
        )}
      </div>
    );
  } else if (order.status === "pending_payment") {
    content = (
      <div className="alert alert-warning">
        <p className="alert-title">{t("store.order.pending")}</p>
        {order.nextAction ? (
          <p>
            {t("store.order.nextAction")}{" "}
            {isSameSitePath(order.nextAction.url) ? (
              <Link to={order.nextAction.url}>{t("store.order.nextActionLink")}</Link>
            ) : (
              <a href={order.nextAction.url}>{t("store.order.nextActionLink")}</a>
            )}
          </p>
        ) : (
          <p>{t("store.order.pendingBody")}</p>
        )}
      </div>
    );
  } else if (order.status === "awaiting_transfer") {
    content = <div className="alert alert-warning">{t("store.order.awaitingTransfer")}</div>;
  } else {
    content = (
      <div className="alert alert-error">
        <p className="alert-title">{t(order.status === "failed" ? "store.order.failed" : "store.order.canceled")}</p>
        {order.failure && <p>{declineMessage(t, order.failure)}</p>}
        <p>
          <Link to={retry}>{t("store.order.tryAgain")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="status-region">
      {content}
    </div>
  );
}

function OrderFacts({ accountId, order }: { accountId: string; order: OrderView }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="order-facts-heading">
      <div className="section-head">
        <h2 id="order-facts-heading">{t("store.order.factsHeading")}</h2>
        {order.invoice && (
          <a href={order.invoice.url} download className="btn btn-secondary">
            <span className="btn-label">{t("store.order.downloadInvoice", { number: order.invoice.number })}</span>
          </a>
        )}
      </div>
      <dl className="info-list">
        <dt>{t("store.order.reference")}</dt>
        <dd>
          <code>{order.reference}</code>
        </dd>
        <dt>{t("store.order.kind")}</dt>
        <dd>{t(ORDER_KIND_KEYS[order.kind])}</dd>
        <dt>{t("store.order.product")}</dt>
        <dd>
          {order.product.name} · {t(TERM_KEYS[order.term])} · {t(SUPPORT_PLAN_KEYS[order.supportPlan])}
        </dd>
        <dt>{t("store.order.licenses")}</dt>
        <dd>
          {order.previousQuantity !== null
            ? t("store.order.licensesChange", { from: formatCount(order.previousQuantity), to: formatCount(order.quantity) })
            : formatCount(order.quantity)}
        </dd>
        {order.subscription && (
          <>
            <dt>{t("store.order.subscription")}</dt>
            <dd>
              <Link to={subscriptionPath(accountId, order.subscription.id)}>{order.subscription.displayName}</Link>
            </dd>
          </>
        )}
        <dt>{t("store.order.method")}</dt>
        <dd>{t(PAYMENT_METHOD_KEYS[order.paymentMethod])}</dd>
        <dt>{t("store.order.created")}</dt>
        <dd>
          <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
          {order.createdBy && <span className="block muted small">{order.createdBy.name}</span>}
        </dd>
        {order.paidAt && (
          <>
            <dt>{t("store.order.paidAt")}</dt>
            <dd>
              <time dateTime={order.paidAt}>{formatDateTime(order.paidAt)}</time>
            </dd>
          </>
        )}
        {order.invoice && (
          <>
            <dt>{t("store.order.invoice")}</dt>
            <dd>
              <span className="invoice-number">{order.invoice.number}</span>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
