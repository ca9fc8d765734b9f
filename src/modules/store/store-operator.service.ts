import { COUNTRY_CODES } from "../../../contracts/countries.ts";
import type { OperatorOrderListQuery, OperatorOrderPage, OrderView, PriceList } from "../../../contracts/store.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import { loadOrderView, type OrderViewDeps, toOperatorSummaries } from "./order-view.ts";
import { listOrderPage, listPayments, lockOrder, transitionOrder } from "./orders.repo.ts";
import { orderNotFound } from "./orders.service.ts";
import { readPriceList, replacePriceList } from "./price-list.repo.ts";
import { type SettlementDeps, settleOrder } from "./settlement.ts";

type Deps = {
  database: Database;
  clock: Clock;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
  views: OrderViewDeps;
  settlement: SettlementDeps;
};

type FieldError = { field: string; message: string };
const COUNTRIES = new Set<string>(COUNTRY_CODES);
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** What PUT refuses beyond the schema: tiers out of order, duplicates, unknown products, countries and currencies. */
function priceListErrors(list: PriceList, productIds: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!CURRENCIES.has(list.currency)) errors.push({ field: "currency", message: "Use an ISO 4217 currency code, such as USD." });
  const offers = new Set<string>();
  list.prices.forEach((entry, i) => {
    const key = `${entry.productId}|${entry.term}|${entry.supportPlan}`;
    if (!productIds.has(entry.productId)) errors.push({ field: `prices.${i}.productId`, message: "No such product." });
    if (offers.has(key))
      errors.push({ field: `prices.${i}`, message: "This product, term and support plan already have a price." });
    offers.add(key);
    if (entry.tiers[0]?.minQuantity !== 1)
      errors.push({ field: `prices.${i}.tiers.0.minQuantity`, message: "The first tier starts at 1." });
    entry.tiers.forEach((tier, j) => {
      const previous = entry.tiers[j - 1];
      if (previous && tier.minQuantity <= previous.minQuantity) {
        errors.push({ field: `prices.${i}.tiers.${j}.minQuantity`, message: "Each tier starts above the one before it." });
      }
    });
  });
  const countries = new Set<string>();
  list.taxRates.forEach((rate, i) => {
    if (!COUNTRIES.has(rate.country)) errors.push({ field: `taxRates.${i}.country`, message: "No such country." });
    if (countries.has(rate.country)) errors.push({ field: `taxRates.${i}.country`, message: "This country already has a rate." });
    countries.add(rate.country);
  });
  return errors;
}

/**
 * The operators' side of the store: the price list, every account's orders, and bank
 * transfers, which an operator confirms (the order then settles exactly like a card
 * payment) or cancels. Every route checks `users.is_operator` on the server; every change
 * is audited with the operator as actor.
 */
export function createStoreOperatorService({ database, clock, identity, views, settlement }: Deps) {
  const { db, engine } = database;

  async function operatorView(orderId: string): Promise<OrderView> {
    const view = await loadOrderView(db, views, null, orderId);
    if (!view) throw orderNotFound();
    return view;
  }

  return {
    requireOperator: identity.requireOperator,

    priceList: () => readPriceList(db),

    /** Replaces the whole price list in one transaction. */
    async replacePriceList(operatorId: string, list: PriceList, client: ClientInfo): Promise<PriceList> {
      const products = await db.selectFrom("products").select("id").execute();
      const errors = priceListErrors(list, new Set(products.map((p) => p.id)));
      if (errors.length > 0)
        throw new AppError(400, "VALIDATION_FAILED", errors[0]?.message ?? "The price list is not valid.", { errors });
      await db.transaction().execute(async (trx) => {
        await replacePriceList(trx, list, clock.now());
        await insertAuditEvent(trx, {
          action: "store.price_list_updated",
          outcome: "success",
          actorUserId: operatorId,
          targetType: "price_list",
          targetId: "default",
          ...client,
          metadata: { currency: list.currency, prices: list.prices.length, taxRates: list.taxRates.length },
        });
      });
      return readPriceList(db);
    },

    async orders(query: OperatorOrderListQuery): Promise<OperatorOrderPage> {
      const page = await listOrderPage(db, { accountId: null, status: query.status, limit: query.limit, cursor: query.cursor });
      return { items: await toOperatorSummaries(db, page.items), nextCursor: page.nextCursor };
    },

    /** The money is in the bank: the order settles like a card payment (provisioned once, invoiced, emailed). */
    async confirmTransfer(
      operatorId: string,
      orderId: string,
      body: { amount: number; bankReference: string },
      client: ClientInfo,
    ) {
      const now = clock.now();
      try {
        await db.transaction().execute(async (trx) => {
          const order = await lockOrder(trx, engine, orderId);
          if (!order) throw orderNotFound();
          if (order.status !== "awaiting_transfer") {
            throw new AppError(
              409,
              "ORDER_NOT_AWAITING_TRANSFER",
              `Only orders awaiting a bank transfer can be confirmed; this one is ${order.status}.`,
            );
          }
          if (body.amount !== order.total) {
            throw new AppError(
              422,
              "AMOUNT_MISMATCH",
              `The amount received must equal the order's total (${order.total} in minor units of ${order.currency}). Contact the customer about the difference.`,
              { errors: [{ field: "amount", message: `Expected ${order.total}.` }] },
            );
          }
          const payment = (await listPayments(trx, orderId))
            .filter((p) => p.gateway === "bank_transfer" && p.status === "pending")
            .at(-1);
          if (!payment) throw new Error(`order ${orderId} awaits a transfer without a pending payment`);
          await settleOrder(trx, settlement, {
            orderId,
            paymentId: payment.id,
            gatewayRef: body.bankReference,
            card: null,
            confirmedByUserId: operatorId,
            now,
          });
          await insertAuditEvent(trx, {
            action: "store.transfer_confirmed",
            outcome: "success",
            actorUserId: operatorId,
            accountId: order.accountId,
            targetType: "order",
            targetId: order.id,
            ...client,
            metadata: {
              reference: order.reference,
              amount: body.amount,
              currency: order.currency,
              bankReference: body.bankReference,
            },
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError(409, "BANK_REFERENCE_USED", "This bank reference was already used to confirm another order.", {
          errors: [{ field: "bankReference", message: "Check the bank's reference." }],
        });
      }
      return operatorView(orderId);
    },

    async cancel(operatorId: string, orderId: string, reason: string | undefined, client: ClientInfo) {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const order = await lockOrder(trx, engine, orderId);
        if (!order) throw orderNotFound();
        const canceled = await transitionOrder(trx, orderId, ["pending_payment", "awaiting_transfer"], {
          status: "canceled",
          failureCode: "CANCELED",
          failureMessage: reason ? `Canceled by the vendor: ${reason}` : "Canceled by the vendor.",
          updatedAt: now,
        });
        if (!canceled) {
          throw new AppError(
            409,
            "ORDER_NOT_CANCELABLE",
            `Only orders still waiting for payment can be canceled; this one is ${order.status}.`,
          );
        }
        await trx
          .updateTable("payments")
          .set({ status: "canceled", updatedAt: now })
          .where("orderId", "=", orderId)
          .where("status", "in", ["pending", "requires_action"])
          .execute();
        await insertAuditEvent(trx, {
          action: "store.order_canceled",
          outcome: "success",
          actorUserId: operatorId,
          accountId: order.accountId,
          targetType: "order",
          targetId: order.id,
          ...client,
          metadata: { reference: order.reference, reason: reason ?? null, previousStatus: order.status },
        });
      });
      return operatorView(orderId);
    },
  };
}

export type StoreOperatorService = ReturnType<typeof createStoreOperatorService>;
