import type { Kysely } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * One row per reminder sent: (subscription, kind, the expiry it was about). The primary
 * key is what makes each reminder go out exactly once, however many server processes
 * run the job and however often it restarts; a renewal changes the expiry, which arms
 * the reminders again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .createTable("subscription_reminders")
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("sent_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("subscription_reminders_pk", ["subscription_id", "kind", "expires_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("subscription_reminders").execute();
}
