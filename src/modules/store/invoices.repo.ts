import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Config } from "../../config.ts";
import { engineOf } from "../../db/column-types.ts";
import type { DB, InvoiceParty } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type Vendor = Config["store"]["vendor"];

/** The one numbering series; the counter row is seeded by the store migration. */
const SERIES = "default";

/** "INV-000042": six digits, more when the series outgrows them. */
export const invoiceNumber = (sequence: number) => `INV-${String(sequence).padStart(6, "0")}`;

/**
 * Issues the order's invoice inside the caller's transaction (the one that marks the order
 * paid), and returns its number.
 *
 * Gapless: the number comes from incrementing the series' counter row in this same
 * transaction. On PostgreSQL the UPDATE holds the row lock until commit, so concurrent
 * issuers queue on it and each sees the previous one's number; on SQLite the writer
 * transaction is already exclusive. A rollback undoes the increment with everything
 * else, so a failed settlement never burns a number.
 *
 * Idempotent per order: a second call returns the invoice already issued. The order row
 * is locked first (PostgreSQL) so two settlements of the same order cannot both get here.
 */
export async function issueInvoice(
  trx: Transaction<DB>,
  { orderId, now, vendor }: { orderId: string; now: Date; vendor: Vendor },
): Promise<{ number: string }> {
  const orderQuery = trx
    .selectFrom("orders")
    .select(["id", "accountId", "currency", "subtotal", "taxAmount", "total"])
    .where("id", "=", orderId);
  const order = await (engineOf(trx as unknown as Kysely<unknown>) === "postgres"
    ? orderQuery.forUpdate()
    : orderQuery
  ).executeTakeFirst();
  if (!order) throw new Error(`issueInvoice: no order ${orderId}`);

  const existing = await trx.selectFrom("invoices").select("number").where("orderId", "=", orderId).executeTakeFirst();
  if (existing) return { number: existing.number };

  const buyer = await buyerOf(trx, order.accountId);
  const counter = await trx
    .updateTable("invoiceCounters")
    .set((eb) => ({ lastNumber: eb("lastNumber", "+", 1) }))
    .where("series", "=", SERIES)
    .returning("lastNumber")
    .executeTakeFirstOrThrow();
  const sequence = Number(counter.lastNumber);
  const number = invoiceNumber(sequence);
  await trx
    .insertInto("invoices")
    .values({
      id: randomUUID(),
      orderId,
      accountId: order.accountId,
      series: SERIES,
      sequence,
      number,
      issuedAt: now,
      currency: order.currency,
      subtotal: order.subtotal,
      taxAmount: order.taxAmount,
      total: order.total,
      sellerJson: JSON.stringify(sellerOf(vendor)),
      buyerJson: JSON.stringify(buyer),
    })
    .execute();
  return { number };
}

function sellerOf(vendor: Vendor): InvoiceParty {
  return {
    name: vendor.name,
    addressLines: [...vendor.addressLines],
    country: null,
    taxId: vendor.taxId,
    email: vendor.email,
    phone: vendor.phone,
  };
}

/**
 * The buyer as the invoice prints it, frozen now: a business account's Business Profile
 * (company, address, VAT id, phone), or a personal account's owner (name and email).
 */
async function buyerOf(executor: Executor, accountId: string): Promise<InvoiceParty> {
  const account = await executor
    .selectFrom("accounts as a")
    .leftJoin("users as u", "u.id", "a.ownerUserId")
    .select([
      "a.kind",
      "a.companyName",
      "a.addressLine1",
      "a.addressLine2",
      "a.postcode",
      "a.city",
      "a.country",
      "a.vatId",
      "a.businessPhone",
      "u.name as ownerName",
      "u.email as ownerEmail",
    ])
    .where("a.id", "=", accountId)
    .executeTakeFirstOrThrow();
  if (account.kind === "personal") {
    return {
      name: account.ownerName?.trim() || account.ownerEmail || "",
      addressLines: [],
      country: null,
      taxId: null,
      email: account.ownerEmail ?? null,
      phone: null,
    };
  }
  const cityLine = [account.postcode, account.city].filter((part) => part?.trim()).join(" ");
  return {
    name: account.companyName ?? "",
    addressLines: [account.addressLine1, account.addressLine2, cityLine].filter((line): line is string => !!line?.trim()),
    country: account.country,
    taxId: account.vatId,
    email: null,
    phone: account.businessPhone,
  };
}

/** The invoice number and date of an order, if it has one (tenant-scoped). */
export async function findOrderInvoice(executor: Executor, accountId: string, orderId: string) {
  return executor
    .selectFrom("invoices")
    .select(["number", "issuedAt"])
    .where("accountId", "=", accountId)
    .where("orderId", "=", orderId)
    .executeTakeFirst();
}

/** Everything the PDF prints, read from the invoice's snapshots and its order; undefined when the order is not the account's. */
export async function loadInvoiceDocument(executor: Executor, accountId: string, orderId: string) {
  const order = await executor
    .selectFrom("orders as o")
    .innerJoin("products as p", "p.id", "o.productId")
    .select([
      "o.id",
      "o.reference",
      "o.kind",
      "o.paymentMethod",
      "o.currency",
      "o.taxName",
      "o.taxRateBp",
      "o.paidAt",
      "p.name as productName",
    ])
    .where("o.accountId", "=", accountId)
    .where("o.id", "=", orderId)
    .executeTakeFirst();
  if (!order) return { order: undefined, invoice: undefined } as const;
  const invoice = await executor
    .selectFrom("invoices")
    .selectAll()
    .where("accountId", "=", accountId)
    .where("orderId", "=", orderId)
    .executeTakeFirst();
  if (!invoice) return { order, invoice: undefined } as const;
  const lines = await executor
    .selectFrom("orderLines")
    .select(["description", "quantity", "unitAmount", "amount", "periodStartsAt", "periodEndsAt"])
    .where("orderId", "=", orderId)
    .orderBy("position")
    .execute();
  const payment = await executor
    .selectFrom("payments")
    .select(["gateway", "cardBrand", "cardLast4", "updatedAt"])
    .where("orderId", "=", orderId)
    .where("status", "=", "succeeded")
    .orderBy("updatedAt", "desc")
    .executeTakeFirst();
  return { order, invoice, lines, payment } as const;
}
