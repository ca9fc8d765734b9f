import { type Kysely, sql } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * The store: the price list operators keep, orders with their lines and payments,
 * gateway events (callbacks are idempotent by event id), saved payment methods,
 * gapless invoice numbers, and renewal attempts (each claimed once by its primary key,
 * however many server processes run the renewal job). Money is integer minor units
 * of the order's currency. See ARCHITECTURE.md, "Store".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  // One row ("default"): the price list's currency and the tax rate when no country rate applies.
  await db.schema
    .createTable("store_settings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("default_tax_rate_bp", "integer", (c) => c.notNull())
    .addColumn("default_tax_name", "text", (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db
    .insertInto("store_settings")
    .values({ id: "default", currency: "USD", default_tax_rate_bp: 0, default_tax_name: "Tax" })
    .execute();

  // Tax by the buyer's country (the Business Profile's), in basis points: 2000 = 20%.
  await db.schema
    .createTable("tax_rates")
    .addColumn("country", "text", (c) => c.primaryKey())
    .addColumn("rate_bp", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  // Price per license per term. Volume tiers are rows with a higher min_quantity: the
  // tier whose min_quantity is the largest not above the quantity prices every license.
  await db.schema
    .createTable("prices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id").onDelete("cascade"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("support_plan", "text", (c) => c.notNull())
    .addColumn("min_quantity", "integer", (c) => c.notNull())
    .addColumn("unit_amount", "integer", (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint("prices_tier_unique", ["product_id", "term", "support_plan", "min_quantity"])
    .execute();
  const seed: Array<[string, string, number, number]> = [
    // term, support plan, min quantity, unit amount in cents
    ["1m", "standard", 1, 1_500],
    ["1m", "premium", 1, 1_900],
    ["1y", "standard", 1, 15_000],
    ["1y", "standard", 100, 13_500],
    ["1y", "standard", 500, 12_000],
    ["1y", "premium", 1, 18_000],
    ["1y", "premium", 100, 16_200],
    ["1y", "premium", 500, 14_400],
    ["2y", "standard", 1, 28_500],
    ["2y", "premium", 1, 34_200],
    ["3y", "standard", 1, 40_500],
    ["3y", "premium", 1, 48_600],
  ];
  await db
    .insertInto("prices")
    .values(
      seed.map(([term, plan, min, amount]) => ({
        id: `ras-${term}-${plan}-${min}`,
        product_id: "ras",
        term,
        support_plan: plan,
        min_quantity: min,
        unit_amount: amount,
      })),
    )
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    // What people quote on the phone and what the bank transfer reference carries: "LP-" + 8 characters.
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    // Null for renewals the job starts.
    .addColumn("created_by_user_id", "text")
    // purchase | upgrade | renewal
    .addColumn("kind", "text", (c) => c.notNull())
    // pending_payment | awaiting_transfer | paid | failed | canceled
    .addColumn("status", "text", (c) => c.notNull())
    // card | saved_card | bank_transfer
    .addColumn("payment_method", "text", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    // Null for a purchase until it is paid and provisioned.
    .addColumn("subscription_id", "text", (c) => c.references("subscriptions.id").onDelete("set null"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("support_plan", "text", (c) => c.notNull())
    // Licenses after the order: a purchase's count, an upgrade's new total, a renewal's total.
    .addColumn("quantity", "integer", (c) => c.notNull())
    // Upgrades: the total before.
    .addColumn("previous_quantity", "integer")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("subtotal", "integer", (c) => c.notNull())
    .addColumn("tax_rate_bp", "integer", (c) => c.notNull())
    .addColumn("tax_name", "text", (c) => c.notNull())
    .addColumn("tax_amount", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    // What the next renewal costs at today's prices, and when it falls.
    .addColumn("renewal_amount", "integer")
    .addColumn("renews_at", t.timestamp)
    .addColumn("period_starts_at", t.timestamp, (c) => c.notNull())
    .addColumn("period_ends_at", t.timestamp, (c) => c.notNull())
    // The client's Idempotency-Key and a hash of the request it came with: the same key with another body is refused.
    .addColumn("idempotency_key", "text")
    .addColumn("request_hash", "text")
    .addColumn("failure_code", "text")
    .addColumn("failure_message", "text")
    .addColumn("paid_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("orders_idempotency_unique")
    .on("orders")
    .columns(["account_id", "idempotency_key"])
    .unique()
    .where(sql.ref("idempotency_key"), "is not", null)
    .execute();
  await db.schema.createIndex("orders_account_created_idx").on("orders").columns(["account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("orders_status_created_idx").on("orders").columns(["status", "created_at", "id"]).execute();
  await db.schema.createIndex("orders_subscription_idx").on("orders").columns(["subscription_id"]).execute();

  await db.schema
    .createTable("order_lines")
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("unit_amount", "integer", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("period_starts_at", t.timestamp, (c) => c.notNull())
    .addColumn("period_ends_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("order_lines_pk", ["order_id", "position"])
    .execute();

  await db.schema
    .createTable("payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id").onDelete("cascade"))
    // test | bank_transfer | (a real provider's name)
    .addColumn("gateway", "text", (c) => c.notNull())
    // The gateway's id for the payment (or the bank's reference); null until it answers.
    .addColumn("gateway_ref", "text")
    // requires_action | pending | succeeded | declined | canceled
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("card_brand", "text")
    .addColumn("card_last4", "text")
    .addColumn("failure_code", "text")
    .addColumn("failure_message", "text")
    .addColumn("confirmed_by_user_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("payments_order_idx").on("payments").columns(["order_id", "created_at"]).execute();
  await db.schema
    .createIndex("payments_gateway_ref_unique")
    .on("payments")
    .columns(["gateway", "gateway_ref"])
    .unique()
    .where(sql.ref("gateway_ref"), "is not", null)
    .execute();

  // A callback is applied once: its event id is inserted in the transaction that applies it.
  await db.schema
    .createTable("gateway_events")
    .addColumn("gateway", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("payment_id", "text")
    .addColumn("received_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("gateway_events_pk", ["gateway", "event_id"])
    .execute();

  // The saved method for auto-renewal: one per account, the gateway's reusable token (never a card number).
  await db.schema
    .createTable("payment_methods")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("gateway", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("last4", "text", (c) => c.notNull())
    .addColumn("exp_month", "integer", (c) => c.notNull())
    .addColumn("exp_year", "integer", (c) => c.notNull())
    .addColumn("saved_by_user_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  // Gapless numbering: the counter is incremented in the transaction that issues the
  // invoice, so a rollback gives the number back and concurrent issuers queue on the row.
  await db.schema
    .createTable("invoice_counters")
    .addColumn("series", "text", (c) => c.primaryKey())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("invoice_counters").values({ series: "default", last_number: 0 }).execute();

  await db.schema
    .createTable("invoices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().unique().references("orders.id").onDelete("restrict"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull())
    // As printed: "INV-000042".
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("issued_at", t.timestamp, (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("subtotal", "integer", (c) => c.notNull())
    .addColumn("tax_amount", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    // Snapshots, so a later profile or configuration change never rewrites an issued invoice.
    .addColumn("seller_json", t.json, (c) => c.notNull())
    .addColumn("buyer_json", t.json, (c) => c.notNull())
    .addUniqueConstraint("invoices_series_sequence_unique", ["series", "sequence"])
    .execute();
  await db.schema.createIndex("invoices_account_idx").on("invoices").columns(["account_id", "issued_at"]).execute();

  // Auto-renewal: one row per attempt to renew a subscription's period; the primary key
  // is what lets exactly one process make each attempt.
  await db.schema
    .createTable("renewal_attempts")
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
    // The expiry being renewed.
    .addColumn("period_ends_at", t.timestamp, (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("order_id", "text")
    // claimed | succeeded | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("failure_code", "text")
    .addColumn("attempted_at", t.timestamp, (c) => c.notNull())
    .addColumn("next_attempt_at", t.timestamp)
    .addPrimaryKeyConstraint("renewal_attempts_pk", ["subscription_id", "period_ends_at", "attempt"])
    .execute();

  // The job's scan for attempts a crashed process left claimed.
  await db.schema
    .createIndex("renewal_attempts_claimed_idx")
    .on("renewal_attempts")
    .columns(["attempted_at"])
    .where(sql<boolean>`status = 'claimed'`)
    .execute();

  // When a renewal payment has failed: the 7-day grace in which it is retried.
  await db.schema.alterTable("subscriptions").addColumn("payment_grace_ends_at", t.timestamp).execute();
  // The day renewals count from (periods end on the same day of the month, clamped to short months).
  await db.schema.alterTable("subscriptions").addColumn("billing_anchor_at", t.timestamp).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("subscriptions").dropColumn("billing_anchor_at").execute();
  await db.schema.alterTable("subscriptions").dropColumn("payment_grace_ends_at").execute();
  for (const table of [
    "renewal_attempts",
    "invoices",
    "invoice_counters",
    "payment_methods",
    "gateway_events",
    "payments",
    "order_lines",
    "orders",
    "prices",
    "tax_rates",
    "store_settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
