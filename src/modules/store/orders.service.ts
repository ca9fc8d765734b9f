import type { Catalog, OrderListQuery, OrderPage, OrderView } from "../../../contracts/store.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { loadOrderView, type OrderViewDeps, toSummaries } from "./order-view.ts";
import { deletePaymentMethod, findPaymentMethod, listOrderPage, upsertPaymentMethod } from "./orders.repo.ts";
import { InvalidCardTokenError, type PaymentGateway } from "./payments/gateway.ts";
import { readPriceList } from "./price-list.repo.ts";

type Deps = { database: Database; clock: Clock; views: OrderViewDeps; cardGateway: PaymentGateway | null };

export const orderNotFound = () => new AppError(404, "ORDER_NOT_FOUND", "No such order in this account.");

/**
 * What customers read: the catalogue, their account's orders (Account Administrators only:
 * orders carry prices and payment details), and Payment Options, the card saved for
 * auto-renewal. Every query is scoped to the account in the URL.
 */
export function createOrdersService({ database, clock, views, cardGateway }: Deps) {
  const { db } = database;

  async function paymentMethod(accountId: string) {
    const row = await findPaymentMethod(db, accountId);
    return {
      paymentMethod: row
        ? {
            gateway: row.gateway,
            brand: row.brand,
            last4: row.last4,
            expMonth: row.expMonth,
            expYear: row.expYear,
            updatedAt: row.updatedAt.toISOString(),
          }
        : null,
    };
  }

  return {
    /** The purchase page's offers: products with the terms and plans that have a price. */
    async catalog(): Promise<Catalog> {
      const [list, products] = await Promise.all([
        readPriceList(db),
        db.selectFrom("products").select(["id", "name"]).orderBy("name").execute(),
      ]);
      return {
        currency: list.currency,
        products: products
          .map((p) => ({
            id: p.id,
            name: p.name,
            offers: list.prices
              .filter((entry) => entry.productId === p.id)
              .map((entry) => ({ term: entry.term, supportPlan: entry.supportPlan, tiers: entry.tiers })),
          }))
          .filter((p) => p.offers.length > 0),
        testMode: cardGateway?.testMode ?? false,
        bankTransfer: views.bankTransferDetails !== null,
      };
    },

    async list(actor: AccountActor, query: OrderListQuery): Promise<OrderPage> {
      const page = await listOrderPage(db, {
        accountId: actor.accountId,
        status: query.status,
        subscriptionId: query.subscriptionId,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: await toSummaries(db, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: AccountActor, orderId: string): Promise<OrderView> {
      const order = await loadOrderView(db, views, actor.accountId, orderId);
      if (!order) throw orderNotFound();
      return order;
    },

    paymentMethod: (actor: AccountActor) => paymentMethod(actor.accountId),

    /** Payment Options: a card token from the gateway becomes the saved method for auto-renewal (replacing any other). */
    async savePaymentMethod(actor: AccountActor, token: string, client: ClientInfo) {
      if (!cardGateway) throw new AppError(409, "CARD_PAYMENTS_UNAVAILABLE", "Card payments are not available.");
      let saved: Awaited<ReturnType<PaymentGateway["saveMethod"]>>;
      try {
        saved = await cardGateway.saveMethod(token);
      } catch (error) {
        if (!(error instanceof InvalidCardTokenError)) throw error;
        throw new AppError(400, "CARD_TOKEN_INVALID", "The card details could not be used. Enter the card again.", {
          errors: [{ field: "token", message: "Enter the card again." }],
        });
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await upsertPaymentMethod(trx, { accountId: actor.accountId, gateway: cardGateway.name, ...saved }, actor.userId, now);
        await insertAuditEvent(trx, {
          action: "store.payment_method_saved",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "account",
          targetId: actor.accountId,
          ...client,
          metadata: { brand: saved.brand, last4: saved.last4, gateway: cardGateway.name },
        });
      });
      return paymentMethod(actor.accountId);
    },

    async removePaymentMethod(actor: AccountActor, client: ClientInfo) {
      await db.transaction().execute(async (trx) => {
        if (!(await deletePaymentMethod(trx, actor.accountId))) return;
        await insertAuditEvent(trx, {
          action: "store.payment_method_removed",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "account",
          targetId: actor.accountId,
          ...client,
        });
      });
      return { paymentMethod: null };
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
