import type { Kysely } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * Support: the plans (Standard, Premium) with their response targets and incident
 * allowance, tickets tied to the account's license keys and farms, their thread
 * (public replies and operators' internal notes), attachments (rows of stored_files),
 * watchers (members, or any email address reached through a secure link) and the
 * incident ledger. See ARCHITECTURE.md, "Support".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));

  // Plans are rows, not code, so a vendor can change targets without a release.
  // Response targets are in minutes of calendar time (no business hours), by severity.
  await db.schema
    .createTable("support_plans")
    .addColumn("code", "text", (c) => c.primaryKey()) // standard | premium (subscriptions.support_plan)
    .addColumn("name", "text", (c) => c.notNull())
    // Technical incidents per subscription year; null = unlimited.
    .addColumn("incidents_per_year", "integer")
    .addColumn("critical_response_minutes", "integer", (c) => c.notNull())
    .addColumn("high_response_minutes", "integer", (c) => c.notNull())
    .addColumn("normal_response_minutes", "integer", (c) => c.notNull())
    .addColumn("low_response_minutes", "integer", (c) => c.notNull())
    .execute();
  await db
    .insertInto("support_plans")
    .values([
      {
        code: "standard",
        name: "Standard",
        incidents_per_year: 10,
        critical_response_minutes: 4 * 60,
        high_response_minutes: 8 * 60,
        normal_response_minutes: 24 * 60,
        low_response_minutes: 48 * 60,
      },
      {
        code: "premium",
        name: "Premium",
        incidents_per_year: null,
        critical_response_minutes: 60,
        high_response_minutes: 2 * 60,
        normal_response_minutes: 8 * 60,
        low_response_minutes: 24 * 60,
      },
    ])
    .execute();

  await db.schema
    .createTable("support_tickets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    // What people quote: "SR-7KQ2MX4P" (random, so it tells nothing about volume).
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("product_id", "text", (c) => c.notNull().references("products.id"))
    .addColumn("category", "text", (c) => c.notNull()) // technical | licensing | purchase
    .addColumn("severity", "text", (c) => c.notNull()) // low | normal | high | critical
    .addColumn("subject", "text", (c) => c.notNull())
    // new | in_progress | waiting_for_customer | resolved | closed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("license_key_id", "text", (c) => c.references("license_keys.id"))
    .addColumn("farm_id", "text", (c) => c.references("farms.id"))
    // The plan and its target when the ticket was opened (a later plan change does not move the target).
    .addColumn("support_plan", "text") // standard | premium | null (no key: standard's targets)
    .addColumn("response_target_minutes", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("assignee_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    // The first public reply by an operator: the time to first response is measured to it.
    .addColumn("first_response_at", t.timestamp)
    .addColumn("resolved_at", t.timestamp)
    .addColumn("closed_at", t.timestamp)
    .addColumn("last_activity_at", t.timestamp, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("support_tickets_account_idx")
    .on("support_tickets")
    .columns(["account_id", "last_activity_at", "id"])
    .execute();
  await db.schema
    .createIndex("support_tickets_queue_idx")
    .on("support_tickets")
    .columns(["status", "last_activity_at", "id"])
    .execute();
  await db.schema
    .createIndex("support_tickets_assignee_idx")
    .on("support_tickets")
    .columns(["assignee_user_id", "status"])
    .execute();
  await db.schema.createIndex("support_tickets_creator_idx").on("support_tickets").columns(["created_by_user_id"]).execute();

  await db.schema
    .createTable("support_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("support_tickets.id").onDelete("cascade"))
    // customer (a member) | watcher (an outside watcher, by link or email) | operator | system
    .addColumn("author_kind", "text", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    // The address an outside watcher or an inbound email wrote from; null for members and operators.
    .addColumn("author_email", "text")
    // The name shown in the thread, kept as it was when written.
    .addColumn("author_name", "text", (c) => c.notNull())
    // public | internal (an operator's note: never shown to customers or emailed)
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("via", "text", (c) => c.notNull()) // portal | email | link
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("support_messages_ticket_idx")
    .on("support_messages")
    .columns(["ticket_id", "created_at"])
    .execute();

  // Attachments are uploaded first (message_id null, owned by the uploader) and bound to a
  // ticket message when it is posted; unbound uploads older than a day are swept.
  await db.schema
    .createTable("support_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("file_id", "text", (c) => c.notNull().references("stored_files.id"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
    .addColumn("ticket_id", "text", (c) => c.references("support_tickets.id").onDelete("cascade"))
    .addColumn("message_id", "text", (c) => c.references("support_messages.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    // Who uploaded it: a user, or an outside watcher (support_watchers.id) through their link.
    .addColumn("uploaded_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("uploaded_by_watcher_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_attachments_message_idx").on("support_attachments").columns(["message_id"]).execute();
  await db.schema.createIndex("support_attachments_ticket_idx").on("support_attachments").columns(["ticket_id"]).execute();
  await db.schema
    .createIndex("support_attachments_unbound_idx")
    .on("support_attachments")
    .columns(["message_id", "created_at"])
    .execute();

  await db.schema
    .createTable("support_watchers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("support_tickets.id").onDelete("cascade"))
    // Lower-cased; for a member, their address when added.
    .addColumn("email", "text", (c) => c.notNull())
    // Set when the watcher is a member of the account; null for an outside address.
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("added_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("support_watchers_ticket_email_unique", ["ticket_id", "email"])
    .execute();
  await db.schema.createIndex("support_watchers_user_idx").on("support_watchers").columns(["user_id", "ticket_id"]).execute();

  // One row per technical ticket that used an incident of a subscription's allowance. A
  // credit (an operator's decision, e.g. a bug not known before) sets credited_at: the
  // incident is given back, and the row keeps the history.
  await db.schema
    .createTable("support_incidents")
    .addColumn("ticket_id", "text", (c) => c.primaryKey().references("support_tickets.id").onDelete("cascade"))
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id"))
    // The start of the subscription year it counts in.
    .addColumn("period_start", t.timestamp, (c) => c.notNull())
    .addColumn("used_at", t.timestamp, (c) => c.notNull())
    .addColumn("credited_at", t.timestamp)
    .addColumn("credited_by_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("credit_reason", "text")
    .execute();
  await db.schema
    .createIndex("support_incidents_subscription_idx")
    .on("support_incidents")
    .columns(["subscription_id", "period_start"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("support_incidents").execute();
  await db.schema.dropTable("support_watchers").execute();
  await db.schema.dropTable("support_attachments").execute();
  await db.schema.dropTable("support_messages").execute();
  await db.schema.dropTable("support_tickets").execute();
  await db.schema.dropTable("support_plans").execute();
}
