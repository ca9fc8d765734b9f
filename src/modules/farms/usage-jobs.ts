import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../server/clock.ts";
import { createPeriodicJob } from "../../server/periodic-job.ts";
import { hourStart, usersInUse } from "./farms.repo.ts";
import { queueOveruseNotice } from "./overuse-notices.ts";

/**
 * Retention of usage history (sizing in ARCHITECTURE.md, "Farms"):
 * - raw reports: 26 hours (the roll-ups need them for minutes; a day is kept to debug a farm);
 * - hourly maxima per key: 2 days (the 24-hour chart);
 * - daily maxima per key and per farm: 400 days (the 12-month chart).
 */
export const RETENTION = { rawHours: 26, hourlyDays: 2, dailyDays: 400 };
/** How often the job runs: roll-ups lag at most this much; the current hour is read live. */
export const USAGE_JOB_INTERVAL_MS = 5 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type Deps = {
  database: Database;
  clock: Clock;
  publicUrl: string;
  logger?: Pick<FastifyBaseLogger, "error">;
  /** Instead of USAGE_JOB_INTERVAL_MS (JOB_INTERVAL_MS: tests, demos). */
  intervalMs?: number;
};

/** "Keep the larger": re-running a roll-up over rows it has seen can never lower a maximum. */
const larger = (table: string) =>
  sql<number>`case when excluded.max_users > ${sql.ref(`${table}.max_users`)} then excluded.max_users else ${sql.ref(`${table}.max_users`)} end`;

/**
 * Rolls raw reports from `from` on into the hourly and daily tables. Idempotent. The rows
 * are upserted in key order, so two processes rolling up at once lock them in the same
 * order and queue behind each other instead of deadlocking (PostgreSQL).
 */
export async function rollUp(db: Kysely<DB>, from: Date): Promise<void> {
  const since = hourStart(from);
  const upsert = async (
    table: "key_usage_hourly" | "key_usage_daily" | "farm_usage_daily",
    owner: string,
    bucket: string,
    value: string,
  ) => {
    await sql`
      insert into ${sql.table(table)} (${sql.ref(owner)}, ${sql.ref(bucket)}, max_users, licensed)
      select ${sql.ref(owner)}, ${sql.ref(bucket)}, max(${sql.ref(value)}), max(licensed)
      from farm_reports where hour_start >= ${since}
      group by ${sql.ref(owner)}, ${sql.ref(bucket)}
      order by ${sql.ref(owner)}, ${sql.ref(bucket)}
      on conflict (${sql.ref(owner)}, ${sql.ref(bucket)})
      do update set max_users = ${larger(table)}, licensed = excluded.licensed`.execute(db);
  };
  await upsert("key_usage_hourly", "key_id", "hour_start", "pooled_users");
  await upsert("key_usage_daily", "key_id", "day_start", "pooled_users");
  await upsert("farm_usage_daily", "farm_id", "day_start", "peak_users");
}

export async function applyRetention(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom("farmReports")
    .where("hourStart", "<", new Date(now.getTime() - RETENTION.rawHours * HOUR_MS))
    .execute();
  await db
    .deleteFrom("keyUsageHourly")
    .where("hourStart", "<", new Date(now.getTime() - RETENTION.hourlyDays * DAY_MS))
    .execute();
  const dailyCutoff = new Date(now.getTime() - RETENTION.dailyDays * DAY_MS);
  await db.deleteFrom("keyUsageDaily").where("dayStart", "<", dailyCutoff).execute();
  await db.deleteFrom("farmUsageDaily").where("dayStart", "<", dailyCutoff).execute();
}

/** "One day left" emails for overuse episodes whose grace ends within 24 hours. */
export async function queueGraceEndingNotices(db: Kysely<DB>, publicUrl: string, now: Date): Promise<number> {
  const due = await db
    .selectFrom("overuseEpisodes as e")
    .innerJoin("keyUsage as u", "u.episodeId", "e.id")
    .select(["e.id", "e.keyId", "e.accountId", "e.limitAtStart", "u.graceEndsAt"])
    .where("e.endedAt", "is", null)
    .where("u.graceEndsAt", ">", now)
    .where("u.graceEndsAt", "<=", new Date(now.getTime() + DAY_MS))
    .execute();
  let queued = 0;
  for (const e of due) {
    const inUse = (await usersInUse(db, [e.keyId], now)).get(e.keyId) ?? 0;
    queued += await db.transaction().execute((trx) =>
      queueOveruseNotice(trx, publicUrl, {
        episodeId: e.id,
        kind: "grace_ending",
        accountId: e.accountId,
        keyId: e.keyId,
        limit: e.limitAtStart,
        inUse,
        graceEndsAt: e.graceEndsAt,
        now,
      }),
    );
  }
  return queued;
}

/**
 * The farms' periodic work. Safe with several server processes: roll-ups keep the
 * larger value, deletes are idempotent, and each email is claimed once (overuse_notices).
 */
export function createUsageJobs({ database, clock, publicUrl, logger, intervalMs = USAGE_JOB_INTERVAL_MS }: Deps) {
  const { db } = database;
  // Look back one hour more than the interval on the first run after a restart.
  let watermark: Date | undefined;

  return createPeriodicJob({
    async run() {
      const now = clock.now();
      const from = watermark ?? new Date(now.getTime() - 2 * HOUR_MS);
      await rollUp(db, from);
      await applyRetention(db, now);
      await queueGraceEndingNotices(db, publicUrl, now);
      watermark = now;
    },
    intervalMs,
    failureMessage: "farm usage job failed",
    logger,
  });
}

export type UsageJobs = ReturnType<typeof createUsageJobs>;
