import { randomUUID } from "node:crypto";
import { issueInvoice } from "../../src/modules/store/invoices.repo.ts";
import type { TestApp } from "../helpers/test-app.ts";

/**
 * Helpers of the invoice tests: orders written straight into the tables (so invoice
 * numbering can be tested on its own, at any concurrency) and paid with the same
 * transaction shape as settlement: mark paid, then issue the invoice.
 */

export async function plantOrder(
  t: TestApp,
  accountId: string,
  options: { subtotal?: number; taxRateBp?: number; taxName?: string; quantity?: number; at?: Date } = {},
): Promise<string> {
  const id = randomUUID();
  const at = options.at ?? new Date("2027-03-01T10:00:00Z");
  const end = new Date(Date.UTC(at.getUTCFullYear() + 1, at.getUTCMonth(), at.getUTCDate(), 10));
  const quantity = options.quantity ?? 10;
  const subtotal = options.subtotal ?? quantity * 15_000;
  const taxRateBp = options.taxRateBp ?? 1900;
  const taxAmount = Math.floor((subtotal * taxRateBp + 5_000) / 10_000);
  await t.database.db
    .insertInto("orders")
    .values({
      id,
      reference: `LP-${id.slice(0, 8).toUpperCase()}`,
      accountId,
      createdByUserId: null,
      kind: "purchase",
      status: "pending_payment",
      paymentMethod: "card",
      productId: "ras",
      subscriptionId: null,
      term: "1y",
      supportPlan: "standard",
      quantity,
      previousQuantity: null,
      currency: "EUR",
      subtotal,
      taxRateBp,
      taxName: options.taxName ?? "VAT",
      taxAmount,
      total: subtotal + taxAmount,
      renewalAmount: subtotal,
      renewsAt: end,
      periodStartsAt: at,
      periodEndsAt: end,
      idempotencyKey: null,
      requestHash: null,
      failureCode: null,
      failureMessage: null,
      paidAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await t.database.db
    .insertInto("orderLines")
    .values({
      orderId: id,
      position: 1,
      description: "Remote Application Server, 1 year, Standard support",
      quantity,
      unitAmount: subtotal / quantity,
      amount: subtotal,
      periodStartsAt: at,
      periodEndsAt: end,
    })
    .execute();
  return id;
}

/** Marks the order paid and issues its invoice in one transaction (what settlement does); `fail` rolls it back afterwards. */
export async function payAndInvoice(t: TestApp, orderId: string, options: { fail?: boolean; at?: Date } = {}) {
  const now = options.at ?? new Date("2027-03-01T10:05:00Z");
  return t.database.db.transaction().execute(async (trx) => {
    await trx.updateTable("orders").set({ status: "paid", paidAt: now, updatedAt: now }).where("id", "=", orderId).execute();
    const invoice = await issueInvoice(trx, { orderId, now, vendor: t.config.store.vendor });
    if (options.fail) throw new Error("provisioning failed after the invoice was issued");
    return invoice;
  });
}

export async function invoiceRows(t: TestApp) {
  return t.database.db.selectFrom("invoices").selectAll().orderBy("sequence").execute();
}

export async function counterValue(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom("invoiceCounters")
    .select("lastNumber")
    .where("series", "=", "default")
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}

export const invoiceUrl = (accountId: string, orderId: string) =>
  `/api/accounts/${accountId}/store/orders/${orderId}/invoice.pdf`;
