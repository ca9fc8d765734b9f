import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { type OrderRow, updatePayment, upsertPaymentMethod } from "./orders.repo.ts";
import { InvalidCardTokenError, type PaymentGateway, type PaymentOutcome, type SavedMethod } from "./payments/gateway.ts";
import { failOrder, type SettlementDeps, type SettleResult, settleOrder } from "./settlement.ts";

export type ChargeDeps = { database: Database; clock: Clock; settlement: SettlementDeps; logger: FastifyBaseLogger };

export type ChargeInput = {
  order: Pick<OrderRow, "id" | "accountId" | "reference" | "total" | "currency">;
  /** The payment row already written (status pending); its id is the gateway's idempotency key. */
  paymentId: string;
  gateway: PaymentGateway;
  /** A one-time card token or a saved method's reusable token. */
  token: string;
  /** Save the card for renewals (checkout's "card" with saveForRenewals). */
  saveForRenewals: boolean;
  returnUrl: string;
  /** Who is paying (null for renewals, which run with nobody present: offSession). */
  actorUserId: string | null;
  offSession?: boolean;
};

export type ChargeResult = { outcome: PaymentOutcome; settled: SettleResult | null };

/**
 * Calls the gateway for one payment, outside any transaction (a slow provider must not
 * hold the database), then applies its answer in one transaction:
 * - succeeded: settleOrder (paid + provisioned once);
 * - declined: the order fails with the gateway's code and message;
 * - requires_action: the payment waits for the buyer's extra step; its result arrives as
 *   a gateway event (gateway-events.ts).
 * A card to be saved for renewals is turned into a reusable token first and charged as
 * such; the saved method is stored when the charge succeeds or asks for the extra step
 * (the provider accepted the card; there is no column to hold the token until the event).
 * If the gateway throws (network), the payment stays pending and a retry of the same
 * checkout resumes it under the same idempotency key.
 */
export async function chargeOrder(deps: ChargeDeps, input: ChargeInput): Promise<ChargeResult> {
  const { db } = deps.database;
  const { order, gateway } = input;
  let saved: SavedMethod | null = null;
  let outcome: PaymentOutcome;
  try {
    if (input.saveForRenewals) saved = await gateway.saveMethod(input.token);
    outcome = await gateway.charge({
      amount: order.total,
      currency: order.currency,
      token: saved?.token ?? input.token,
      idempotencyKey: input.paymentId,
      description: `License Portal order ${order.reference}`,
      returnUrl: input.returnUrl,
      offSession: input.offSession ?? false,
      orderId: order.id,
    });
  } catch (error) {
    if (!(error instanceof InvalidCardTokenError)) {
      deps.logger.error({ err: error, orderId: order.id, paymentId: input.paymentId }, "payment gateway call failed");
      throw new AppError(
        502,
        "PAYMENT_GATEWAY_UNAVAILABLE",
        "The payment provider did not answer. Try again in a moment: submitting the same checkout again never charges twice.",
      );
    }
    outcome = {
      status: "declined",
      ref: null,
      code: "invalid_token",
      message: "The card details could not be used. Enter the card again.",
      card: null,
    };
  }

  const now = deps.clock.now();
  const settled = await db.transaction().execute(async (trx): Promise<SettleResult | null> => {
    const keepCard = saved && (outcome.status === "succeeded" || outcome.status === "requires_action");
    if (keepCard && saved) {
      await upsertPaymentMethod(trx, { accountId: order.accountId, gateway: gateway.name, ...saved }, input.actorUserId, now);
      await insertAuditEvent(trx, {
        action: "store.payment_method_saved",
        outcome: "success",
        actorUserId: input.actorUserId,
        accountId: order.accountId,
        targetType: "order",
        targetId: order.id,
        metadata: { brand: saved.brand, last4: saved.last4, gateway: gateway.name },
      });
    }
    switch (outcome.status) {
      case "succeeded":
        return settleOrder(trx, deps.settlement, {
          orderId: order.id,
          paymentId: input.paymentId,
          gatewayRef: outcome.ref,
          card: outcome.card,
          confirmedByUserId: null,
          now,
        });
      case "declined":
        await failOrder(trx, {
          orderId: order.id,
          paymentId: input.paymentId,
          gatewayRef: outcome.ref,
          card: outcome.card,
          code: outcome.code,
          message: outcome.message,
          now,
        });
        return null;
      case "requires_action":
        await updatePayment(trx, input.paymentId, ["pending"], {
          status: "requires_action",
          gatewayRef: outcome.ref,
          ...(outcome.card ? { cardBrand: outcome.card.brand, cardLast4: outcome.card.last4 } : {}),
          updatedAt: now,
        });
        return null;
    }
  });
  return { outcome, settled };
}
