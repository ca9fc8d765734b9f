import type { Kysely } from "kysely";
import { columnTypes, engineOf } from "../column-types.ts";

/**
 * Farms and their usage. See ARCHITECTURE.md, "Farms", for the state rules and the
 * sizing arithmetic behind the retention of each usage table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));

  await db.schema
    .createTable("farms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
    .addColumn("key_id", "text", (c) => c.notNull().references("license_keys.id").onDelete("cascade"))
    // The farm's own ids, as its console shows them.
    .addColumn("farm_uid", "text", (c) => c.notNull())
    .addColumn("server_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", t.sortableText, (c) => c.notNull())
    .addColumn("app_version", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    // What the farm was told last: a cache for the list, recomputed at every report.
    .addColumn("license_state", "text", (c) => c.notNull())
    // SHA-256 of the farm credential; a new activation replaces it.
    .addColumn("credential_hash", "text", (c) => c.notNull().unique())
    .addColumn("last_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("current_users", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_peak_users", "integer", (c) => c.notNull().defaultTo(0))
    // The most concurrent users since activation.
    .addColumn("peak_users", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("activated_at", t.timestamp, (c) => c.notNull())
    .addColumn("activated_by_user_id", "text")
    .addColumn("last_report_at", t.timestamp)
    .addColumn("deactivated_at", t.timestamp)
    .addColumn("deactivated_by_user_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint("farms_key_farm_uid_unique", ["key_id", "farm_uid"])
    .execute();
  // The pooled count of a key: its active farms that reported recently.
  await db.schema.createIndex("farms_key_status_idx").on("farms").columns(["key_id", "status", "last_report_at"]).execute();
  await db.schema.createIndex("farms_account_name_idx").on("farms").columns(["account_id", "name_key", "id"]).execute();

  // Per key: the overuse grace. One row per key that has ever reported.
  await db.schema
    .createTable("key_usage")
    .addColumn("key_id", "text", (c) => c.primaryKey().references("license_keys.id").onDelete("cascade"))
    .addColumn("grace_started_at", t.timestamp)
    .addColumn("grace_ends_at", t.timestamp)
    // The key's limit when the grace started: a higher limit later means licenses were added.
    .addColumn("grace_limit", "integer")
    // The overuse episode under way, if any.
    .addColumn("episode_id", "text")
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  // The record of overuse Keygen does not keep: when, how long, how far over.
  await db.schema
    .createTable("overuse_episodes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_id", "text", (c) => c.notNull().references("license_keys.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("started_at", t.timestamp, (c) => c.notNull())
    .addColumn("ended_at", t.timestamp)
    .addColumn("grace_ends_at", t.timestamp, (c) => c.notNull())
    .addColumn("limit_at_start", "integer", (c) => c.notNull())
    .addColumn("peak_users", "integer", (c) => c.notNull())
    .addColumn("deactivated_at", t.timestamp)
    .execute();
  await db.schema.createIndex("overuse_episodes_key_idx").on("overuse_episodes").columns(["key_id", "started_at"]).execute();
  await db.schema
    .createIndex("overuse_episodes_open_idx")
    .on("overuse_episodes")
    .columns(["ended_at", "grace_ends_at"])
    .execute();

  // Each overuse email once per episode, however many processes run the job.
  await db.schema
    .createTable("overuse_notices")
    .addColumn("episode_id", "text", (c) => c.notNull().references("overuse_episodes.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sent_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("overuse_notices_pk", ["episode_id", "kind"])
    .execute();

  // Raw reports: kept briefly, rolled up into the tables below. Append-only, with no
  // primary key: (farm, sequence) is unique already, because a report is recorded only
  // when farms.last_sequence moves forward; without a second random-order index each
  // report writes one page fewer (bench/farm-checkins.bench.ts).
  await db.schema
    .createTable("farm_reports")
    .addColumn("farm_id", "text", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("received_at", t.timestamp, (c) => c.notNull())
    .addColumn("hour_start", t.timestamp, (c) => c.notNull())
    .addColumn("day_start", t.timestamp, (c) => c.notNull())
    .addColumn("current_users", "integer", (c) => c.notNull())
    .addColumn("peak_users", "integer", (c) => c.notNull())
    // The key's pooled users after this report, and its limit then.
    .addColumn("pooled_users", "integer", (c) => c.notNull())
    .addColumn("licensed", "integer", (c) => c.notNull())
    .execute();
  // Roll-ups read the last hours, retention deletes the oldest: both by time, which only grows.
  await db.schema.createIndex("farm_reports_hour_idx").on("farm_reports").column("hour_start").execute();

  for (const [table, bucket, owner] of [
    ["key_usage_hourly", "hour_start", "key_id"],
    ["key_usage_daily", "day_start", "key_id"],
    ["farm_usage_daily", "day_start", "farm_id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(owner, "text", (c) => c.notNull())
      .addColumn(bucket, t.timestamp, (c) => c.notNull())
      .addColumn("max_users", "integer", (c) => c.notNull())
      .addColumn("licensed", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [owner, bucket])
      .execute();
    await db.schema.createIndex(`${table}_bucket_idx`).on(table).column(bucket).execute();
  }

  // A trial is once per account.
  await db.schema
    .createTable("trial_activations")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
    .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
    .addColumn("started_at", t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "trial_activations",
    "farm_usage_daily",
    "key_usage_daily",
    "key_usage_hourly",
    "farm_reports",
    "overuse_notices",
    "overuse_episodes",
    "key_usage",
    "farms",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
