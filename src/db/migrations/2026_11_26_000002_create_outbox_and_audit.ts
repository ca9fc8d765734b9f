import type { Kysely } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/** The transactional outbox (notifications module) and the audit log (audit module). */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("payload_json", t.json, (c) => c.notNull())
    // pending → sent | dead. `dead` after the last retry; an operator can requeue it.
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", t.timestamp, (c) => c.notNull())
    // A worker leases a row until this time; a crashed worker's lease simply expires.
    .addColumn("locked_until", t.timestamp)
    .addColumn("last_error", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("sent_at", t.timestamp)
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("occurred_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("actor_user_id", "text")
    .addColumn("account_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("ip_address", "text")
    .addColumn("user_agent", "text")
    .addColumn("metadata_json", t.json)
    .execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_user_id", "occurred_at"]).execute();
  await db.schema.createIndex("audit_events_account_idx").on("audit_events").columns(["account_id", "occurred_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  await db.schema.dropTable("outbox").execute();
}
