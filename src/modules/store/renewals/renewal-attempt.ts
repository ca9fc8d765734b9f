import { randomBytes, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { MAX_AMOUNT } from "../../../../contracts/store.ts";
import type { Database } from "../../../db/database.ts";
import type { DB } from "../../../db/schema.ts";
import { insertAuditEvent } from "../../audit/audit.repo.ts";
import { findSubscription, lockSubscription } from "../../licensing/licensing.repo.ts";
import { findPaymentMethod, insertOrder } from "../orders.repo.ts";
import type { PaymentGateway } from "../payments/gateway.ts";
import { findTiers, readStoreSettings, taxFor } from "../price-list.repo.ts";
import { periodEnd, TERM_MONTHS, totals, unitPriceFor } from "../pricing.ts";
import { type AttemptKey, claimAttempt, type DueSubscription, finishAttempt } from "../renewals.repo.ts";
import { failOrder, type SettlementDeps, settleOrder } from "../settlement.ts";
import { amountData, listAccountAdmins, queueStoreEmail, storeUrls } from "../store-emails.ts";

/** Attempt k (1-based) is due this many days after the expiry: at expiry, then four retries. */
export const RETRY_DAYS = [0, 1, 3, 5, 7] as const;
/** A failed renewal payment leaves the subscription this many days to be paid (the last retry is on its last day). */
export const PAYMENT_GRACE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const attemptDueAt = (expiresAt: Date, attempt: number) =>
  new Date(expiresAt.getTime() + (RETRY_DAYS[attempt - 1] ?? 0) * DAY_MS);

/** `gateways` by name: a saved method is charged through the gateway that saved it. */
export type AttemptDeps = { database: Database; gateways: ReadonlyMap<string, PaymentGateway>; settlement: SettlementDeps };

/** A claimed attempt, ready to charge (or already decided without a charge). */
export type StartedAttempt = { key: AttemptKey; orderId: string; paymentId: string };

type Term = keyof typeof TERM_MONTHS;

/** The first anchored period end after `after` (periods count from the anchor, so a short month never shifts later ones). */
export function nextPeriodEnd(anchor: Date, term: Term, after: Date): Date {
  const months = (after.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (after.getUTCMonth() - anchor.getUTCMonth());
  let n = Math.max(1, Math.floor(months / TERM_MONTHS[term]));
  while (periodEnd(anchor, term, n) <= after) n += 1;
  while (n > 1 && periodEnd(anchor, term, n - 1) > after) n -= 1;
  return periodEnd(anchor, term, n);
}

const TERM_WORDS: Record<Term, string> = { "1m": "1 month", "1y": "1 year", "2y": "2 years", "3y": "3 years" };
const PLAN_WORDS = { standard: "Standard support", premium: "Premium support" } as const;
const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newReference = () => `LP-${[...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % 32]).join("")}`;

/**
 * Claims attempt `attempt` of the subscription's current expiry and writes its renewal
 * order, in one transaction: the claim (the attempt's primary key) is what makes the
 * attempt happen once across processes. The order is priced now from the current price
 * list (the subscription's term and support plan, all its licenses, the account's tax).
 * Without a saved card or a price the attempt fails here, with no charge. Returns null
 * when another process has the attempt or the subscription no longer renews.
 */
export async function startAttempt(deps: AttemptDeps, s: DueSubscription, attempt: number, now: Date) {
  const { db, engine } = deps.database;
  return db.transaction().execute(async (trx): Promise<(StartedAttempt & { charge: boolean }) | null> => {
    await lockSubscription(trx, engine, s.id);
    const fresh = await findSubscription(trx, s.id);
    const expiresAt = s.expiresAt;
    const still =
      fresh?.renewalEnabled &&
      !fresh.suspendedAt &&
      !fresh.canceledAt &&
      fresh.accountId === s.accountId &&
      fresh.expiresAt?.getTime() === expiresAt?.getTime();
    if (!still || !fresh?.term || !fresh.accountId || !expiresAt) return null;
    const key: AttemptKey = { subscriptionId: s.id, periodEndsAt: expiresAt, attempt };
    const orderId = randomUUID();
    if (!(await claimAttempt(trx, key, orderId, now))) return null;

    const accountId = fresh.accountId;
    const [tiers, settings, tax, method] = await Promise.all([
      findTiers(trx, fresh.productId, fresh.term, fresh.supportPlan),
      readStoreSettings(trx),
      taxFor(trx, accountId),
      findPaymentMethod(trx, accountId),
    ]);
    const unit = unitPriceFor(tiers, fresh.totalLicenses);
    const subtotal = (unit ?? 0) * fresh.totalLicenses;
    const money = totals(subtotal, tax.rateBp);
    const start = expiresAt;
    const end = nextPeriodEnd(fresh.billingAnchorAt ?? fresh.startsAt, fresh.term, expiresAt);
    const paymentId = randomUUID();
    await insertOrder(
      trx,
      {
        id: orderId,
        reference: newReference(),
        accountId,
        createdByUserId: null,
        kind: "renewal",
        status: "pending_payment",
        paymentMethod: "saved_card",
        productId: fresh.productId,
        subscriptionId: fresh.id,
        term: fresh.term,
        supportPlan: fresh.supportPlan,
        quantity: fresh.totalLicenses,
        previousQuantity: null,
        currency: settings.currency,
        subtotal,
        taxRateBp: tax.rateBp,
        taxName: tax.name,
        taxAmount: money.tax,
        total: money.total,
        renewalAmount: money.total,
        renewsAt: end,
        periodStartsAt: start,
        periodEndsAt: end,
        idempotencyKey: `renewal:${fresh.id}:${expiresAt.toISOString()}:${attempt}`,
        requestHash: null,
        failureCode: null,
        failureMessage: null,
        paidAt: null,
        createdAt: now,
        updatedAt: now,
      },
      [
        {
          description: `${fresh.productName}: renewal, ${TERM_WORDS[fresh.term]}, ${PLAN_WORDS[fresh.supportPlan]}`,
          quantity: fresh.totalLicenses,
          unitAmount: unit ?? 0,
          amount: subtotal,
          periodStartsAt: start,
          periodEndsAt: end,
        },
      ],
      {
        id: paymentId,
        gateway: method?.gateway ?? "none",
        gatewayRef: null,
        status: "pending",
        amount: money.total,
        currency: settings.currency,
        cardBrand: method?.brand ?? null,
        cardLast4: method?.last4 ?? null,
        failureCode: null,
        failureMessage: null,
        confirmedByUserId: null,
        createdAt: now,
        updatedAt: now,
      },
    );
    const started = { key, orderId, paymentId };
    const problem =
      unit === undefined || subtotal > MAX_AMOUNT
        ? { code: "price_unavailable", message: "This term and support plan are no longer sold online. Contact sales to renew." }
        : !method
          ? { code: "no_payment_method", message: "There is no saved payment method for automatic renewal." }
          : !deps.gateways.has(method.gateway)
            ? { code: "payment_method_unavailable", message: "The saved payment method's provider is no longer available." }
            : null;
    if (problem) {
      await recordFailure(trx, deps, started, { ...problem, gatewayRef: null, card: null }, now);
      return { ...started, charge: false };
    }
    return { ...started, charge: true };
  });
}

/**
 * Charges a started attempt's order with the saved method, nobody present (`offSession`),
 * and records the outcome. The charge runs outside any transaction; its idempotency key is
 * the payment's id, so a retry of the same attempt (after a crash) gets the provider's
 * first answer instead of a second charge. A throw (network, provider down) leaves the
 * attempt claimed: the job takes it over again once the claim is stale.
 */
export async function chargeAttempt(deps: AttemptDeps, started: StartedAttempt, now: () => Date) {
  const { db } = deps.database;
  const order = await db
    .selectFrom("orders as o")
    .innerJoin("subscriptions as s", "s.id", "o.subscriptionId")
    .select(["o.accountId", "o.total", "o.currency", "o.reference", "s.displayName"])
    .where("o.id", "=", started.orderId)
    .executeTakeFirstOrThrow();
  const method = await findPaymentMethod(db, order.accountId);
  const gateway = method ? deps.gateways.get(method.gateway) : undefined;
  const outcome =
    method && gateway
      ? await gateway.charge({
          amount: order.total,
          currency: order.currency,
          token: method.token,
          idempotencyKey: started.paymentId,
          description: `Renewal of ${order.displayName} (${order.reference})`,
          returnUrl: storeUrls(deps.settlement.publicUrl, order.accountId).order(started.orderId),
          offSession: true,
          orderId: started.orderId,
        })
      : ({
          status: "declined",
          ref: null,
          code: "no_payment_method",
          message: "The saved payment method was removed.",
          card: null,
        } as const);
  const at = now();
  return db.transaction().execute(async (trx) => {
    // The subscription first, as startAttempt takes it: on PostgreSQL, another process's
    // startAttempt holding it while waiting on this attempt's row would otherwise deadlock
    // with settlement, which locks the subscription after the attempt row.
    await lockSubscription(trx, deps.database.engine, started.key.subscriptionId);
    if (outcome.status === "succeeded") {
      if (!(await finishAttempt(trx, started.key, { status: "succeeded", failureCode: null, nextAttemptAt: null })))
        return "taken";
      const settled = await settleOrder(trx, deps.settlement, {
        orderId: started.orderId,
        paymentId: started.paymentId,
        gatewayRef: outcome.ref,
        card: outcome.card,
        confirmedByUserId: null,
        now: at,
      });
      return settled.status === "paid" ? "renewed" : "not_applied";
    }
    // Nobody is there to take an extra step: a card that asks for one is a decline here.
    const failure =
      outcome.status === "declined"
        ? { code: outcome.code, message: outcome.message, gatewayRef: outcome.ref, card: outcome.card }
        : {
            code: "authentication_required",
            message: "The card asks for the cardholder's confirmation, so it cannot be charged automatically.",
            gatewayRef: outcome.ref,
            card: outcome.card,
          };
    return (await recordFailure(trx, deps, started, failure, at)) ? "failed" : "taken";
  });
}

/**
 * A failed attempt: the order fails, the payment is declined, and the Account
 * Administrators hear about it. The first failure starts the payment grace (expiry + 7
 * days); each failure but the last says when the next try is; after the last one the grace
 * is cleared (the subscription then expires as any other) and `renewal-ended` goes out.
 */
async function recordFailure(
  trx: Transaction<DB>,
  deps: AttemptDeps,
  started: StartedAttempt,
  failure: {
    code: string;
    message: string;
    gatewayRef: string | null;
    card: { brand: string; last4: string; expMonth: number; expYear: number } | null;
  },
  now: Date,
): Promise<boolean> {
  const { key } = started;
  const isLast = key.attempt >= RETRY_DAYS.length;
  const nextAttemptAt = isLast ? null : attemptDueAt(key.periodEndsAt, key.attempt + 1);
  if (!(await finishAttempt(trx, key, { status: "failed", failureCode: failure.code.slice(0, 60), nextAttemptAt }))) return false;
  await failOrder(trx, { orderId: started.orderId, paymentId: started.paymentId, ...failure, now });
  const s = await trx
    .selectFrom("subscriptions")
    .select(["accountId", "displayName", "paymentGraceEndsAt"])
    .where("id", "=", key.subscriptionId)
    .executeTakeFirstOrThrow();
  const order = await trx
    .selectFrom("orders")
    .select(["total", "currency"])
    .where("id", "=", started.orderId)
    .executeTakeFirstOrThrow();
  if (!s.accountId) return true;
  const graceEndsAt = new Date(key.periodEndsAt.getTime() + PAYMENT_GRACE_DAYS * DAY_MS);
  await trx
    .updateTable("subscriptions")
    .set({ paymentGraceEndsAt: isLast ? null : (s.paymentGraceEndsAt ?? graceEndsAt), updatedAt: now })
    .where("id", "=", key.subscriptionId)
    .execute();
  const urls = storeUrls(deps.settlement.publicUrl, s.accountId);
  const admins = await listAccountAdmins(trx, s.accountId);
  if (isLast) {
    await queueStoreEmail(trx, admins, "renewal-ended", {
      subscriptionName: s.displayName,
      expiresAt: key.periodEndsAt.toISOString(),
      url: urls.subscription(key.subscriptionId),
    });
  } else {
    await queueStoreEmail(trx, admins, "renewal-payment-failed", {
      subscriptionName: s.displayName,
      ...amountData(order.total, order.currency),
      failureReason: failure.message,
      retryAt: (nextAttemptAt ?? graceEndsAt).toISOString(),
      graceEndsAt: (s.paymentGraceEndsAt ?? graceEndsAt).toISOString(),
      url: urls.paymentMethod(),
    });
  }
  await insertAuditEvent(trx, {
    action: isLast ? "store.renewal_ended" : "store.renewal_payment_failed",
    outcome: "failure",
    accountId: s.accountId,
    targetType: "subscription",
    targetId: key.subscriptionId,
    metadata: { orderId: started.orderId, attempt: key.attempt, code: failure.code, expiresAt: key.periodEndsAt.toISOString() },
  });
  return true;
}
