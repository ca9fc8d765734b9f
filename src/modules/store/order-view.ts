import type { Kysely, Transaction } from "kysely";
import type { OperatorOrderSummary, OrderSummary, OrderView, PaymentView } from "../../../contracts/store.ts";
import type { DB } from "../../db/schema.ts";
import { findOrder, listOrderLines, listPayments, type OrderRow } from "./orders.repo.ts";
import type { PaymentGateway } from "./payments/gateway.ts";

type Executor = Kysely<DB> | Transaction<DB>;

export type OrderViewDeps = {
  gateways: ReadonlyMap<string, PaymentGateway>;
  /** The payee lines for bank transfers (config.store.bankTransferDetails). */
  bankTransferDetails: readonly string[] | null;
};

export const invoiceUrl = (accountId: string, orderId: string) =>
  `/api/accounts/${accountId}/store/orders/${orderId}/invoice.pdf`;

/** What the lists and the order page show beside the order row: product, subscription, invoice, buyer. */
async function related(executor: Executor, orders: OrderRow[]) {
  if (orders.length === 0) return { products: new Map(), subscriptions: new Map(), invoices: new Map(), users: new Map() };
  const ids = (pick: (o: OrderRow) => string | null) => [...new Set(orders.map(pick).filter((v): v is string => v !== null))];
  const orderIds = ids((o) => o.id);
  const subscriptionIds = ids((o) => o.subscriptionId);
  const userIds = ids((o) => o.createdByUserId);
  const [products, subscriptions, invoices, users] = await Promise.all([
    executor
      .selectFrom("products")
      .select(["id", "name"])
      .where(
        "id",
        "in",
        ids((o) => o.productId),
      )
      .execute(),
    subscriptionIds.length === 0
      ? []
      : executor.selectFrom("subscriptions").select(["id", "displayName"]).where("id", "in", subscriptionIds).execute(),
    executor.selectFrom("invoices").select(["orderId", "number", "issuedAt"]).where("orderId", "in", orderIds).execute(),
    userIds.length === 0 ? [] : executor.selectFrom("users").select(["id", "name", "email"]).where("id", "in", userIds).execute(),
  ]);
  return {
    products: new Map(products.map((p) => [p.id, p])),
    subscriptions: new Map(subscriptions.map((s) => [s.id, s])),
    invoices: new Map(invoices.map((i) => [i.orderId, i])),
    users: new Map(users.map((u) => [u.id, u])),
  };
}

type Related = Awaited<ReturnType<typeof related>>;

function summary(o: OrderRow, r: Related): OrderSummary {
  const product = r.products.get(o.productId);
  const subscription = o.subscriptionId ? r.subscriptions.get(o.subscriptionId) : undefined;
  const invoice = r.invoices.get(o.id);
  return {
    id: o.id,
    reference: o.reference,
    kind: o.kind,
    status: o.status,
    product: { id: o.productId, name: product?.name ?? o.productId },
    subscription: subscription ? { id: subscription.id, displayName: subscription.displayName } : null,
    quantity: o.quantity,
    previousQuantity: o.previousQuantity,
    currency: o.currency,
    total: o.total,
    invoice: invoice
      ? { number: invoice.number, issuedAt: invoice.issuedAt.toISOString(), url: invoiceUrl(o.accountId, o.id) }
      : null,
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
  };
}

export async function toSummaries(executor: Executor, orders: OrderRow[]): Promise<OrderSummary[]> {
  const r = await related(executor, orders);
  return orders.map((o) => summary(o, r));
}

/** Operators see whose order it is: the company, or the owner of a personal account. */
export async function toOperatorSummaries(executor: Executor, orders: OrderRow[]): Promise<OperatorOrderSummary[]> {
  const summaries = await toSummaries(executor, orders);
  const accountIds = [...new Set(orders.map((o) => o.accountId))];
  const accounts =
    accountIds.length === 0
      ? []
      : await executor
          .selectFrom("accounts as a")
          .leftJoin("users as u", "u.id", "a.ownerUserId")
          .select(["a.id", "a.companyName", "u.name as ownerName"])
          .where("a.id", "in", accountIds)
          .execute();
  const names = new Map(accounts.map((a) => [a.id, a.companyName ?? a.ownerName ?? "Personal account"]));
  return summaries.map((s, i) => {
    const accountId = orders[i]?.accountId ?? "";
    return { ...s, account: { id: accountId, name: names.get(accountId) ?? "" } };
  });
}

function paymentView(p: Awaited<ReturnType<typeof listPayments>>[number]): PaymentView {
  return {
    id: p.id,
    gateway: p.gateway,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    card: p.cardBrand && p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4 } : null,
    failure: p.failureCode ? { code: p.failureCode, message: p.failureMessage ?? "" } : null,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The order page: lines, payments, what to do next (an extra step, a bank transfer), the invoice. */
export async function loadOrderView(
  executor: Executor,
  deps: OrderViewDeps,
  accountId: string | null,
  orderId: string,
): Promise<OrderView | undefined> {
  const order = await findOrder(executor, accountId, orderId);
  if (!order) return undefined;
  const [lines, payments, r] = await Promise.all([
    listOrderLines(executor, order.id),
    listPayments(executor, order.id),
    related(executor, [order]),
  ]);
  const base = summary(order, r);
  const latest = payments.at(-1);
  const gateway = latest ? deps.gateways.get(latest.gateway) : undefined;
  const nextAction =
    order.status === "pending_payment" && latest?.status === "requires_action" && latest.gatewayRef && gateway
      ? { url: gateway.nextActionUrl(latest.gatewayRef) }
      : null;
  const buyer = order.createdByUserId ? r.users.get(order.createdByUserId) : undefined;
  return {
    ...base,
    accountId: order.accountId,
    paymentMethod: order.paymentMethod,
    term: order.term,
    supportPlan: order.supportPlan,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.amount,
      periodStartsAt: line.periodStartsAt.toISOString(),
      periodEndsAt: line.periodEndsAt.toISOString(),
    })),
    subtotal: order.subtotal,
    tax: { name: order.taxName, rateBp: order.taxRateBp, amount: order.taxAmount },
    renewalAmount: order.renewalAmount,
    renewsAt: order.renewsAt?.toISOString() ?? null,
    payments: payments.map(paymentView),
    nextAction,
    bankTransfer:
      order.status === "awaiting_transfer"
        ? {
            payee: [...(deps.bankTransferDetails ?? [])],
            reference: order.reference,
            amount: order.total,
            currency: order.currency,
          }
        : null,
    failure: order.failureCode ? { code: order.failureCode, message: order.failureMessage ?? "" } : null,
    createdBy: buyer ? { name: buyer.name, email: buyer.email } : null,
  };
}
