import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { findPaymentByRef } from "./orders.repo.ts";
import type { PaymentGateway } from "./payments/gateway.ts";
import { failOrder, type SettlementDeps, settleOrder } from "./settlement.ts";

type Deps = { database: Database; clock: Clock; gateways: ReadonlyMap<string, PaymentGateway>; settlement: SettlementDeps };

export type GatewayEventResult = { applied: boolean; orderId: string };

const invalidEvent = (detail: string) => new AppError(400, "GATEWAY_EVENT_INVALID", `The payment event was refused: ${detail}.`);

/**
 * Applies a payment provider's event (its webhook, or the test gateway's authentication
 * page, which calls this in-process with an event it signed) exactly once: the event's id
 * is inserted into gateway_events in the same transaction that settles or fails the order,
 * so a replay (or two deliveries at once) finds the row and changes nothing. A bad
 * signature or body changes nothing either (400 GATEWAY_EVENT_INVALID).
 */
export function createGatewayEventHandler({ database, clock, gateways, settlement }: Deps) {
  return async function handleGatewayEvent(
    gatewayName: string,
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<GatewayEventResult> {
    const gateway = gateways.get(gatewayName);
    if (!gateway) throw new AppError(404, "GATEWAY_NOT_FOUND", "No such payment gateway.");
    let event: ReturnType<PaymentGateway["verifyEvent"]>;
    try {
      event = gateway.verifyEvent(rawBody, headers);
    } catch {
      throw invalidEvent("its signature or body is not valid");
    }
    const now = clock.now();
    return database.db.transaction().execute(async (trx) => {
      const payment = await findPaymentByRef(trx, gateway.name, event.paymentRef);
      if (!payment || payment.orderId !== event.orderId) throw invalidEvent("it names a payment this portal does not know");
      const inserted = await trx
        .insertInto("gatewayEvents")
        .values({ gateway: gateway.name, eventId: event.id, paymentId: payment.id, receivedAt: now })
        .onConflict((oc) => oc.columns(["gateway", "eventId"]).doNothing())
        .executeTakeFirst();
      const replay = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0;
      if (replay) return { applied: false, orderId: payment.orderId };
      const waiting = payment.status === "requires_action" || payment.status === "pending";
      // Money taken for an order an operator canceled meanwhile: settleOrder records it for a refund (and provisions nothing).
      const lateSuccess = payment.status === "canceled" && event.outcome.status === "succeeded";
      // Otherwise a payment that already has its final answer (two different events for one payment): nothing to do.
      if (!waiting && !lateSuccess) return { applied: false, orderId: payment.orderId };
      if (event.outcome.status === "succeeded") {
        await settleOrder(trx, settlement, {
          orderId: payment.orderId,
          paymentId: payment.id,
          gatewayRef: null,
          card: null,
          confirmedByUserId: null,
          now,
        });
      } else {
        await failOrder(trx, {
          orderId: payment.orderId,
          paymentId: payment.id,
          gatewayRef: null,
          card: null,
          code: event.outcome.code,
          message: event.outcome.message,
          now,
        });
      }
      return { applied: true, orderId: payment.orderId };
    });
  };
}

export type GatewayEventHandler = ReturnType<typeof createGatewayEventHandler>;
