import { normalizeRow } from "../../db/normalize-results.plugin.ts";
import type { SqliteReadWriteDialect } from "../../db/sqlite-read-write-dialect.ts";
import { dayStart, type FarmContext, hourStart, type KeyState, type Report, STALE_AFTER_MS, toContext } from "./farms.repo.ts";

/**
 * The check-in's statements on SQLite, as prepared statements run synchronously on
 * the raw connections: the same SQL as farms.repo.ts (which PostgreSQL uses), without
 * Kysely building, compiling and transforming each query. That was 31% of a check-in's
 * CPU in bench/farm-checkins.bench.ts, four times what SQLite itself spent.
 *
 * The rules of SqliteReadWriteDialect.connections() apply: reads go to the reader;
 * writes are made only inside the Kysely transaction of the report writer, which holds
 * the writer lock, so they are part of that transaction. The test suite runs on SQLite
 * files, so these statements are what the SQLite half of every farms test exercises.
 */
const CONTEXT_SQL = `
select f.id as farmId, f.account_id as accountId, f.subscription_id as subscriptionId, f.key_id as keyId,
  f.farm_uid as farmUid, f.server_id as serverId, f.name as name, f.status as status,
  f.last_sequence as lastSequence, f.current_users as currentUsers, f.last_peak_users as lastPeakUsers,
  f.peak_users as peakUsers, f.app_version as appVersion,
  k.kind as keyKind, k.licenses as keyLicenses, k.max_users_per_farm as maxUsersPerFarm,
  k.renew_with_subscription as renewWithSubscription, k.custom_expires_at as customExpiresAt,
  k.key_ciphertext as keyCiphertext, k.key_tail as keyTail,
  s.license_type as licenseType, s.total_licenses as totalLicenses, s.expires_at as subscriptionExpiresAt,
  s.suspended_at as suspendedAt, s.canceled_at as canceledAt,
  (select coalesce(sum(r.licenses), 0) from license_keys r where r.subscription_id = s.id and r.kind = 'additional') as reserved
from farms f
join license_keys k on k.id = f.key_id
join subscriptions s on s.id = f.subscription_id
where f.credential_hash = ?`;

// One pass over the key's farms for both the sum and the largest.
const KEY_STATE_SQL = `
select u.grace_started_at as graceStartedAt, u.grace_ends_at as graceEndsAt, u.grace_limit as graceLimit,
  u.episode_id as episodeId,
  coalesce(sum(f.current_users), 0) as othersUsers, coalesce(max(f.current_users), 0) as othersTop
from key_usage u
left join farms f on f.key_id = u.key_id and f.status = 'active' and f.last_report_at >= ? and f.id <> ?
where u.key_id = ?
group by u.key_id`;

const RECORD_SQL = `
update farms set last_sequence = ?, current_users = ?, last_peak_users = ?, peak_users = max(peak_users, ?),
  last_report_at = ?, license_state = ?, app_version = coalesce(?, app_version), updated_at = ?
where id = ? and status = 'active' and last_sequence < ?`;

const RAW_REPORT_SQL = `
insert into farm_reports (farm_id, sequence, key_id, received_at, hour_start, day_start, current_users, peak_users, pooled_users, licensed)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export type SqliteCheckIns = ReturnType<typeof createSqliteCheckIns>;

/** Undefined for an in-memory database, which has no reader connection. */
export function createSqliteCheckIns(sqlite: SqliteReadWriteDialect) {
  const reader = () => sqlite.connections().reader;
  const writer = () => sqlite.connections().writer;
  return {
    /** `writer` only inside the report writer's transaction (see above). */
    findContext(credentialHash: string, on: "reader" | "writer"): FarmContext | undefined {
      const connection = on === "writer" ? writer() : reader();
      if (!connection) return undefined;
      const [row] = connection.prepare(CONTEXT_SQL).all([credentialHash]) as Array<Record<string, unknown>>;
      return row && toContext(normalizeRow(row) as FarmContext);
    },

    /** Null when the key has no usage row yet (the caller creates it through the repository). */
    keyState(c: { keyId: string; farmId: string }, now: Date): KeyState | null {
      const since = new Date(now.getTime() - STALE_AFTER_MS);
      const [raw] = writer().prepare(KEY_STATE_SQL).all([since, c.farmId, c.keyId]) as Array<Record<string, unknown>>;
      if (!raw) return null;
      const row = normalizeRow(raw);
      return {
        grace: {
          startedAt: (row.graceStartedAt as Date | null) ?? null,
          endsAt: (row.graceEndsAt as Date | null) ?? null,
          limit: (row.graceLimit as number | null) ?? null,
          episodeId: (row.episodeId as string | null) ?? null,
        },
        others: { users: Number(row.othersUsers ?? 0), top: Number(row.othersTop ?? 0) },
      };
    },

    recordReport(r: Report): boolean {
      const { changes } = writer()
        .prepare(RECORD_SQL)
        .run([
          r.sequence,
          r.currentUsers,
          r.peakUsers,
          r.peakUsers,
          r.now,
          r.licenseState,
          r.appVersion ?? null,
          r.now,
          r.farmId,
          r.sequence,
        ]);
      return changes === 1;
    },

    insertRawReport(r: {
      farmId: string;
      keyId: string;
      sequence: number;
      currentUsers: number;
      peakUsers: number;
      pooledUsers: number;
      licensed: number;
      now: Date;
    }): void {
      writer()
        .prepare(RAW_REPORT_SQL)
        .run([
          r.farmId,
          r.sequence,
          r.keyId,
          r.now,
          hourStart(r.now),
          dayStart(r.now),
          r.currentUsers,
          r.peakUsers,
          r.pooledUsers,
          r.licensed,
        ]);
    },
  };
}
