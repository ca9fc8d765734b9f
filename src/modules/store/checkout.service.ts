import { createHash, randomInt, randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { CheckoutBody, OrderView, PaymentChoice, UpgradeBody } from "../../../contracts/store.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { loadOrderView, type OrderViewDeps } from "./order-view.ts";
import { findOrderByIdempotencyKey, findPaymentMethod, insertOrder, listPayments, type OrderRow } from "./orders.repo.ts";
import { chargeOrder } from "./payment-flow.ts";
import type { PaymentGateway } from "./payments/gateway.ts";
import { type PricedOrder, pricePurchase, priceUpgrade, toQuote, toUpgradeQuote, upgradableSubscription } from "./quotes.ts";
import type { SettlementDeps } from "./settlement.ts";
import { amountData, findBuyer, queueStoreEmail, storeUrls } from "./store-emails.ts";

export type CheckoutDeps = {
  database: Database;
  clock: Clock;
  publicUrl: string;
  /** The card gateway checkout uses (the test gateway unless a real provider is configured); null = no card payments. */
  cardGateway: PaymentGateway | null;
  settlement: SettlementDeps;
  views: OrderViewDeps;
  logger: FastifyBaseLogger;
};

/** A pending payment the gateway never answered (a crash, a timeout) is charged again on a retry after this long. */
const RESUME_AFTER_MS = 30_000;
const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** "LP-" + 8 characters without look-alikes: what people quote on the phone and put on a bank transfer. */
const newReference = () =>
  `LP-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join("")}`;

/** The same request always hashes the same: keys sorted at every level, defaults already applied by Zod. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
const requestHash = (kind: string, body: unknown) =>
  createHash("sha256")
    .update(JSON.stringify(canonical({ kind, body })))
    .digest("base64url");

type Placed = { created: boolean; order: OrderView };
type Request = { kind: "purchase"; body: CheckoutBody } | { kind: "upgrade"; body: UpgradeBody };

/**
 * Quotes, checkout and Pay & Upgrade. An order is written (with its lines and a pending
 * payment) in one transaction, the gateway is called outside any transaction with the
 * payment's id as its idempotency key, and its answer is applied in a second transaction
 * (payment-flow.ts). Nothing is provisioned until the payment is confirmed (settlement.ts).
 *
 * Idempotency: (account, Idempotency-Key) is unique on orders, with a hash of the request.
 * A second submit with the same key answers the same order (200 with its state now), also
 * when both arrive at once (the loser of the insert race reads the winner's order); the
 * same key with another request is refused (422 IDEMPOTENCY_KEY_REUSED).
 */
export function createCheckoutService(deps: CheckoutDeps) {
  const { database, clock, cardGateway } = deps;
  const { db } = database;
  const view = async (accountId: string, orderId: string) => {
    const order = await loadOrderView(db, deps.views, accountId, orderId);
    if (!order) throw new Error(`order ${orderId} vanished`);
    return order;
  };

  /** What the buyer chose to pay with, checked before anything is written. */
  async function paymentSource(accountId: string, choice: PaymentChoice) {
    if (choice.method === "bank_transfer") {
      if (!deps.views.bankTransferDetails) {
        throw new AppError(409, "BANK_TRANSFER_UNAVAILABLE", "Bank transfer is not offered. Pay by card.");
      }
      return { method: choice.method, gateway: null, token: null, save: false, card: null } as const;
    }
    if (choice.method === "saved_card") {
      const saved = await findPaymentMethod(db, accountId);
      if (!saved) throw new AppError(409, "NO_SAVED_PAYMENT_METHOD", "This account has no saved card. Enter a card instead.");
      const gateway = deps.views.gateways.get(saved.gateway);
      if (!gateway) {
        throw new AppError(409, "NO_SAVED_PAYMENT_METHOD", "The saved card can no longer be charged. Enter a card instead.");
      }
      return {
        method: choice.method,
        gateway,
        token: saved.token,
        save: false,
        card: { brand: saved.brand, last4: saved.last4 },
      };
    }
    if (!cardGateway)
      throw new AppError(409, "CARD_PAYMENTS_UNAVAILABLE", "Card payments are not available. Pay by bank transfer.");
    return { method: choice.method, gateway: cardGateway, token: choice.token, save: choice.saveForRenewals, card: null };
  }
  type Source = Awaited<ReturnType<typeof paymentSource>>;

  /** The order an earlier submit with this key made, or undefined; refuses the key with another request. */
  async function earlier(actor: AccountActor, idempotencyKey: string, hash: string, source: () => Promise<Source>) {
    const found = await findOrderByIdempotencyKey(db, actor.accountId, idempotencyKey);
    if (!found) return undefined;
    if (found.requestHash !== hash) {
      throw new AppError(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "This Idempotency-Key was already used for a different order. Start a new checkout to get a new key.",
      );
    }
    await resumeIfStalled(actor, found.id, source);
    return { created: false, order: await view(actor.accountId, found.id) };
  }

  /** A payment the gateway never answered (the process died mid-call) is charged again, under the same idempotency key. */
  async function resumeIfStalled(actor: AccountActor, orderId: string, source: () => Promise<Source>) {
    const payments = await listPayments(db, orderId);
    const latest = payments.at(-1);
    if (latest?.status !== "pending" || latest.gatewayRef || latest.gateway === "bank_transfer") return;
    if (clock.now().getTime() - latest.createdAt.getTime() < RESUME_AFTER_MS) return;
    const order = await db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirstOrThrow();
    if (order.status !== "pending_payment") return;
    // The way to pay may be gone since (a removed saved card): then the order just stays as it is.
    const s = await source().catch(() => null);
    if (s?.gateway) await charge(actor, order, latest.id, s);
  }

  async function charge(actor: AccountActor, order: OrderRow, paymentId: string, source: Source) {
    if (!source.gateway || !source.token) return;
    await chargeOrder(
      { database, clock, settlement: deps.settlement, logger: deps.logger },
      {
        order,
        paymentId,
        gateway: source.gateway,
        token: source.token,
        saveForRenewals: source.save,
        returnUrl: storeUrls(deps.publicUrl, order.accountId).order(order.id),
        actorUserId: actor.userId,
      },
    );
  }

  async function place(actor: AccountActor, request: Request, idempotencyKey: string, client: ClientInfo): Promise<Placed> {
    const hash = requestHash(request.kind, request.body);
    const source = () => paymentSource(actor.accountId, request.body.payment);
    const replay = await earlier(actor, idempotencyKey, hash, source);
    if (replay) return replay;

    const now = clock.now();
    const payment = await source();
    const priced =
      request.kind === "purchase"
        ? await pricePurchase(db, actor.accountId, request.body, now)
        : await priceUpgrade(db, actor.accountId, request.body, now);

    let order: OrderRow | undefined;
    const paymentId = randomUUID();
    for (let attempt = 0; !order; attempt += 1) {
      const candidate = orderRow(actor, priced, request.body.payment.method, idempotencyKey, hash, now);
      try {
        await db.transaction().execute(async (trx) => {
          if (priced.kind === "upgrade" && priced.subscriptionId) {
            // The quote was read outside this transaction: the subscription must still be where it was priced.
            const s = await upgradableSubscription(trx, actor.accountId, priced.subscriptionId, now);
            if (s.totalLicenses !== priced.previousQuantity) {
              throw new AppError(
                409,
                "SUBSCRIPTION_CHANGED",
                "The subscription's licenses changed meanwhile. Review the new quote.",
              );
            }
          }
          await insertOrder(trx, candidate, priced.lines, {
            id: paymentId,
            gateway: payment.gateway?.name ?? "bank_transfer",
            gatewayRef: null,
            status: "pending",
            amount: priced.total,
            currency: priced.currency,
            cardBrand: payment.card?.brand ?? null,
            cardLast4: payment.card?.last4 ?? null,
            createdAt: now,
            updatedAt: now,
          });
          if (payment.method === "bank_transfer") {
            await queueStoreEmail(trx, await findBuyer(trx, actor.userId), "bank-transfer-instructions", {
              orderReference: candidate.reference,
              ...amountData(priced.total, priced.currency),
              payee: (deps.views.bankTransferDetails ?? []).join("\n"),
              url: storeUrls(deps.publicUrl, actor.accountId).order(candidate.id),
            });
          }
          await insertAuditEvent(trx, {
            action: "store.order_placed",
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "order",
            targetId: candidate.id,
            ...client,
            metadata: {
              reference: candidate.reference,
              kind: priced.kind,
              paymentMethod: payment.method,
              quantity: priced.quantity,
              previousQuantity: priced.previousQuantity,
              total: priced.total,
              currency: priced.currency,
            },
          });
        });
        order = candidate;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Lost the race to a concurrent submit with the same key: answer its order.
        const raced = await earlier(actor, idempotencyKey, hash, source);
        if (raced) return raced;
        // Otherwise the random reference collided (40 bits): draw another.
        if (attempt >= 3) throw error;
      }
    }
    await charge(actor, order, paymentId, payment);
    return { created: true, order: await view(actor.accountId, order.id) };
  }

  function orderRow(
    actor: AccountActor,
    priced: PricedOrder,
    method: PaymentChoice["method"],
    idempotencyKey: string,
    hash: string,
    now: Date,
  ) {
    return {
      id: randomUUID(),
      reference: newReference(),
      accountId: actor.accountId,
      createdByUserId: actor.userId,
      kind: priced.kind,
      status: method === "bank_transfer" ? ("awaiting_transfer" as const) : ("pending_payment" as const),
      paymentMethod: method,
      productId: priced.productId,
      subscriptionId: priced.subscriptionId,
      term: priced.term,
      supportPlan: priced.supportPlan,
      quantity: priced.quantity,
      previousQuantity: priced.previousQuantity,
      currency: priced.currency,
      subtotal: priced.subtotal,
      taxRateBp: priced.tax.rateBp,
      taxName: priced.tax.name,
      taxAmount: priced.tax.amount,
      total: priced.total,
      renewalAmount: priced.autoRenews ? priced.renewalAmount : null,
      renewsAt: priced.renewsAt,
      periodStartsAt: priced.periodStartsAt,
      periodEndsAt: priced.periodEndsAt,
      idempotencyKey,
      requestHash: hash,
      failureCode: null,
      failureMessage: null,
      paidAt: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  return {
    async quote(actor: AccountActor, selection: Parameters<typeof pricePurchase>[2]) {
      return toQuote(await pricePurchase(db, actor.accountId, selection, clock.now()));
    },
    async upgradeQuote(actor: AccountActor, selection: Parameters<typeof priceUpgrade>[2]) {
      return toUpgradeQuote(await priceUpgrade(db, actor.accountId, selection, clock.now()));
    },
    checkout: (actor: AccountActor, body: CheckoutBody, idempotencyKey: string, client: ClientInfo) =>
      place(actor, { kind: "purchase", body }, idempotencyKey, client),
    upgrade: (actor: AccountActor, body: UpgradeBody, idempotencyKey: string, client: ClientInfo) =>
      place(actor, { kind: "upgrade", body }, idempotencyKey, client),
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
