import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Config } from "../../config.ts";
import type { DB, OrderStatus } from "../../db/schema.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import { findSubscription, lockSubscription } from "../licensing/licensing.repo.ts";
import { insertPrimaryKey } from "../licensing/primary-key.ts";
import { issueInvoice } from "./invoices.repo.ts";
import { type Engine, lockOrder, type OrderRow, transitionOrder, updatePayment } from "./orders.repo.ts";
import type { CardSummary } from "./payments/gateway.ts";
import { periodEnd } from "./pricing.ts";
import { upgradeBlocker } from "./quotes.ts";
import { amountData, findBuyer, listAccountAdmins, queueStoreEmail, storeUrls } from "./store-emails.ts";

export type SettlementDeps = {
  engine: Engine;
  crypto: LicenseKeyCrypto;
  publicUrl: string;
  vendor: Config["store"]["vendor"];
};

/** The confirmed payment: a gateway's success, or an operator's confirmation of a bank transfer. */
export type ConfirmedPayment = {
  orderId: string;
  paymentId: string;
  /** The gateway's payment id, or the bank's reference; null keeps what the payment row has. */
  gatewayRef: string | null;
  card: CardSummary | null;
  /** The operator who confirmed a bank transfer; null for gateways. */
  confirmedByUserId: string | null;
  now: Date;
};

export type SettleResult =
  /** Paid and provisioned now, by this call. */
  | { status: "paid"; invoiceNumber: string; subscriptionId: string }
  /** The order was no longer waiting for money (already paid, failed or canceled): nothing was provisioned. */
  | { status: "not_payable"; orderStatus: OrderStatus }
  /** The money came but what it paid for cannot be applied any more (an upgrade whose subscription changed). */
  | { status: "failed"; code: string; message: string };

const PAYABLE: readonly OrderStatus[] = ["pending_payment", "awaiting_transfer"];

/**
 * Marks an order paid and provisions what it paid for, exactly once, inside the caller's
 * transaction (which may also hold the gateway event's row). Nothing is provisioned
 * anywhere else: a purchase's subscription and Primary Key, an upgrade's licenses and a
 * renewal's new expiry exist only once the payment is confirmed.
 *
 * Once: the order row is locked (PostgreSQL; SQLite's writer is exclusive) and moved from a
 * payable state with a conditional update, so a replayed webhook, an operator's second
 * click or a racing process finds it already paid and changes nothing.
 *
 * - purchase: a subscription (online, auto-renewing, anchored now) and its Primary Key in the account; `order-paid` to the buyer.
 * - upgrade: re-checked under the subscription's lock (still eligible, still at the quoted total), then the new total; `upgrade-paid`.
 * - renewal: expiry moved to the order's period end, payment grace cleared; `renewal-succeeded` to the Account Administrators.
 * Then the invoice (gapless number, same transaction) and the audit record.
 */
export async function settleOrder(trx: Transaction<DB>, deps: SettlementDeps, payment: ConfirmedPayment): Promise<SettleResult> {
  const { now } = payment;
  const order = await lockOrder(trx, deps.engine, payment.orderId);
  if (!order) throw new Error(`settleOrder: no order ${payment.orderId}`);
  await updatePayment(trx, payment.paymentId, ["pending", "requires_action", "canceled"], {
    status: "succeeded",
    ...(payment.gatewayRef ? { gatewayRef: payment.gatewayRef } : {}),
    ...(payment.card ? { cardBrand: payment.card.brand, cardLast4: payment.card.last4 } : {}),
    confirmedByUserId: payment.confirmedByUserId,
    failureCode: null,
    failureMessage: null,
    updatedAt: now,
  });
  if (!PAYABLE.includes(order.status)) {
    if (order.status !== "paid") await refundNeeded(trx, order, "ORDER_CLOSED", `The order was already ${order.status}.`);
    return { status: "not_payable", orderStatus: order.status };
  }

  let subscriptionId: string;
  if (order.kind === "purchase") {
    subscriptionId = await provisionPurchase(trx, deps, order, now);
  } else {
    const applied =
      order.kind === "upgrade" ? await applyUpgrade(trx, deps, order, now) : await applyRenewal(trx, deps, order, now);
    if (applied.status === "failed") {
      await transitionOrder(trx, order.id, PAYABLE, {
        status: "failed",
        failureCode: applied.code,
        failureMessage: applied.message,
        updatedAt: now,
      });
      await refundNeeded(trx, order, applied.code, applied.message);
      return applied;
    }
    subscriptionId = applied.subscriptionId;
  }

  const { number } = await issueInvoice(trx, { orderId: order.id, now, vendor: deps.vendor });
  await insertAuditEvent(trx, {
    action: "store.order_paid",
    outcome: "success",
    actorUserId: payment.confirmedByUserId ?? order.createdByUserId,
    accountId: order.accountId,
    targetType: "order",
    targetId: order.id,
    metadata: {
      reference: order.reference,
      kind: order.kind,
      total: order.total,
      currency: order.currency,
      quantity: order.quantity,
      previousQuantity: order.previousQuantity,
      subscriptionId,
      invoiceNumber: number,
      paymentMethod: order.paymentMethod,
    },
  });
  return { status: "paid", invoiceNumber: number, subscriptionId };
}

async function provisionPurchase(trx: Transaction<DB>, deps: SettlementDeps, order: OrderRow, now: Date): Promise<string> {
  // The period starts when the money arrives (a bank transfer can take days), not when the order was placed.
  const end = periodEnd(now, order.term, 1);
  const product = await trx.selectFrom("products").select("name").where("id", "=", order.productId).executeTakeFirstOrThrow();
  const subscriptionId = randomUUID();
  const displayName = `${product.name} (${order.quantity} users)`;
  await trx
    .insertInto("subscriptions")
    .values({
      id: subscriptionId,
      accountId: order.accountId,
      productId: order.productId,
      displayName,
      nameKey: displayName.toLowerCase(),
      licenseType: "subscription",
      term: order.term,
      totalLicenses: order.quantity,
      supportPlan: order.supportPlan,
      salesChannel: "online",
      resellerName: null,
      contactName: null,
      contactEmail: null,
      renewalEnabled: true,
      startsAt: now,
      expiresAt: end,
      maintenanceExpiresAt: end,
      activatedAt: now,
      issuedByUserId: null,
      billingAnchorAt: now,
      paymentGraceEndsAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await insertPrimaryKey(trx, deps.crypto, { subscriptionId, accountId: order.accountId, now });
  await transitionOrder(trx, order.id, PAYABLE, {
    status: "paid",
    paidAt: now,
    subscriptionId,
    periodStartsAt: now,
    periodEndsAt: end,
    renewsAt: end,
    updatedAt: now,
  });
  await trx.updateTable("orderLines").set({ periodStartsAt: now, periodEndsAt: end }).where("orderId", "=", order.id).execute();
  await queueStoreEmail(trx, await findBuyer(trx, order.createdByUserId), "order-paid", {
    productName: product.name,
    subscriptionName: displayName,
    licenses: String(order.quantity),
    orderReference: order.reference,
    ...amountData(order.total, order.currency),
    renewsAt: end.toISOString(),
    url: storeUrls(deps.publicUrl, order.accountId).subscription(subscriptionId),
  });
  return subscriptionId;
}

type Applied = { status: "applied"; subscriptionId: string } | { status: "failed"; code: string; message: string };

const NOT_APPLIED = "The payment was received, but nothing was changed; the vendor's staff will refund it.";

async function applyUpgrade(trx: Transaction<DB>, deps: SettlementDeps, order: OrderRow, now: Date): Promise<Applied> {
  const subscriptionId = order.subscriptionId;
  if (!subscriptionId || !(await lockSubscription(trx, deps.engine, subscriptionId))) {
    return { status: "failed", code: "SUBSCRIPTION_GONE", message: `The subscription no longer exists. ${NOT_APPLIED}` };
  }
  const s = await findSubscription(trx, subscriptionId);
  const blocker = s && s.accountId === order.accountId ? upgradeBlocker(s, now) : null;
  if (!s || s.accountId !== order.accountId || blocker) {
    return {
      status: "failed",
      code: "SUBSCRIPTION_NOT_ELIGIBLE",
      message: `${blocker?.message ?? "The subscription is no longer in this account."} ${NOT_APPLIED}`,
    };
  }
  if (s.totalLicenses !== order.previousQuantity) {
    return {
      status: "failed",
      code: "SUBSCRIPTION_CHANGED",
      message: `The subscription has ${s.totalLicenses} licenses now, not the ${order.previousQuantity} this order was priced for. ${NOT_APPLIED}`,
    };
  }
  // A name still in the default form follows the new count; a name someone chose stays.
  const defaultName = `${s.productName} (${s.totalLicenses} users)`;
  const displayName = s.displayName === defaultName ? `${s.productName} (${order.quantity} users)` : s.displayName;
  await trx
    .updateTable("subscriptions")
    .set({ totalLicenses: order.quantity, displayName, nameKey: displayName.toLowerCase(), updatedAt: now })
    .where("id", "=", s.id)
    .execute();
  await transitionOrder(trx, order.id, PAYABLE, { status: "paid", paidAt: now, updatedAt: now });
  await queueStoreEmail(trx, await findBuyer(trx, order.createdByUserId), "upgrade-paid", {
    subscriptionName: displayName,
    licenses: String(order.quantity),
    orderReference: order.reference,
    ...amountData(order.total, order.currency),
    url: storeUrls(deps.publicUrl, order.accountId).subscription(s.id),
  });
  return { status: "applied", subscriptionId: s.id };
}

async function applyRenewal(trx: Transaction<DB>, deps: SettlementDeps, order: OrderRow, now: Date): Promise<Applied> {
  const subscriptionId = order.subscriptionId;
  if (!subscriptionId || !(await lockSubscription(trx, deps.engine, subscriptionId))) {
    return { status: "failed", code: "SUBSCRIPTION_GONE", message: `The subscription no longer exists. ${NOT_APPLIED}` };
  }
  const s = await findSubscription(trx, subscriptionId);
  if (!s || s.accountId !== order.accountId) {
    return {
      status: "failed",
      code: "SUBSCRIPTION_NOT_ELIGIBLE",
      message: `The subscription is no longer in this account. ${NOT_APPLIED}`,
    };
  }
  // Never shorten: an operator may have extended the subscription meanwhile.
  const later = (a: Date | null, b: Date) => (a && a > b ? a : b);
  const expiresAt = later(s.expiresAt, order.periodEndsAt);
  await trx
    .updateTable("subscriptions")
    .set({
      expiresAt,
      maintenanceExpiresAt: later(s.maintenanceExpiresAt, order.periodEndsAt),
      paymentGraceEndsAt: null,
      updatedAt: now,
    })
    .where("id", "=", s.id)
    .execute();
  await transitionOrder(trx, order.id, PAYABLE, { status: "paid", paidAt: now, updatedAt: now });
  await queueStoreEmail(trx, await listAccountAdmins(trx, order.accountId), "renewal-succeeded", {
    subscriptionName: s.displayName,
    orderReference: order.reference,
    ...amountData(order.total, order.currency),
    expiresAt: expiresAt.toISOString(),
    url: storeUrls(deps.publicUrl, order.accountId).subscription(s.id),
  });
  return { status: "applied", subscriptionId: s.id };
}

/** Money arrived for something that could not be provisioned: the operators see it in the audit log and refund it. */
async function refundNeeded(trx: Transaction<DB>, order: OrderRow, code: string, message: string) {
  await insertAuditEvent(trx, {
    action: "store.refund_needed",
    outcome: "failure",
    accountId: order.accountId,
    targetType: "order",
    targetId: order.id,
    metadata: { reference: order.reference, code, message, total: order.total, currency: order.currency },
  });
}

/** A declined payment: the order fails with the gateway's code and message (the buyer may try again with a new Idempotency-Key). */
export async function failOrder(
  trx: Transaction<DB>,
  input: {
    orderId: string;
    paymentId: string;
    gatewayRef: string | null;
    card: CardSummary | null;
    code: string;
    message: string;
    now: Date;
  },
): Promise<boolean> {
  await updatePayment(trx, input.paymentId, ["pending", "requires_action"], {
    status: "declined",
    ...(input.gatewayRef ? { gatewayRef: input.gatewayRef } : {}),
    ...(input.card ? { cardBrand: input.card.brand, cardLast4: input.card.last4 } : {}),
    failureCode: input.code,
    failureMessage: input.message,
    updatedAt: input.now,
  });
  const failed = await transitionOrder(trx, input.orderId, ["pending_payment"], {
    status: "failed",
    failureCode: input.code,
    failureMessage: input.message,
    updatedAt: input.now,
  });
  if (failed) {
    const order = await trx
      .selectFrom("orders")
      .select(["accountId", "reference", "createdByUserId"])
      .where("id", "=", input.orderId)
      .executeTakeFirstOrThrow();
    await insertAuditEvent(trx, {
      action: "store.payment_declined",
      outcome: "failure",
      actorUserId: order.createdByUserId,
      accountId: order.accountId,
      targetType: "order",
      targetId: input.orderId,
      metadata: { reference: order.reference, code: input.code },
    });
  }
  return failed;
}
