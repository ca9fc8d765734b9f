import { CompiledQuery, type Transaction } from "kysely";
import type { Database } from "../../db/database.ts";
import { normalizeRow } from "../../db/normalize-results.plugin.ts";
import type { DB } from "../../db/schema.ts";
import { dayStart, type FarmContext, hourStart, type KeyState, type Report, STALE_AFTER_MS, toContext } from "./farms.repo.ts";

/**
 * A check-in's statements, written once for both engines (`?` placeholders, portable
 * SQL) and run without Kysely building, compiling and transforming each query: that
 * was 31% of a check-in's CPU in bench/farm-checkins.bench.ts, four times what SQLite
 * itself spent.
 * - SQLite: prepared statements run synchronously on the raw connections. Reads of the
 *   report's transaction and all writes use the writer, and only inside the report
 *   writer's Kysely transaction, which holds the writer lock: they are part of it and
 *   nothing interleaves (SqliteReadWriteDialect.connections()).
 * - PostgreSQL: the same text with `$n` placeholders, sent through the transaction's
 *   connection as a precompiled query. The key's usage row is locked by its own
 *   statement first (see LOCK_SQL).
 */
const CONTEXT_SQL = `
select f.id as "farmId", f.account_id as "accountId", f.subscription_id as "subscriptionId", f.key_id as "keyId",
  f.farm_uid as "farmUid", f.server_id as "serverId", f.name as "name", f.status as "status",
  f.last_sequence as "lastSequence", f.current_users as "currentUsers", f.last_peak_users as "lastPeakUsers",
  f.peak_users as "peakUsers", f.app_version as "appVersion",
  k.kind as "keyKind", k.licenses as "keyLicenses", k.max_users_per_farm as "maxUsersPerFarm",
  k.renew_with_subscription as "renewWithSubscription", k.custom_expires_at as "customExpiresAt",
  k.key_ciphertext as "keyCiphertext", k.key_tail as "keyTail",
  s.license_type as "licenseType", s.total_licenses as "totalLicenses", s.expires_at as "subscriptionExpiresAt",
  s.suspended_at as "suspendedAt", s.canceled_at as "canceledAt",
  (select coalesce(sum(r.licenses), 0) from license_keys r where r.subscription_id = s.id and r.kind = 'additional') as "reserved"
from farms f
join license_keys k on k.id = f.key_id
join subscriptions s on s.id = f.subscription_id
where f.credential_hash = ?`;

// One pass over the key's farms for both the sum and the largest. Aliases are quoted:
// PostgreSQL folds unquoted names to lower case.
const KEY_STATE_SQL = `
select u.grace_started_at as "graceStartedAt", u.grace_ends_at as "graceEndsAt", u.grace_limit as "graceLimit",
  u.episode_id as "episodeId",
  coalesce(sum(f.current_users), 0) as "othersUsers", coalesce(max(f.current_users), 0) as "othersTop"
from key_usage u
left join farms f on f.key_id = u.key_id and f.status = 'active' and f.last_report_at >= ? and f.id <> ?
where u.key_id = ?
group by u.key_id`;

const RECORD_SQL = `
update farms set last_sequence = ?, current_users = ?, last_peak_users = ?,
  peak_users = case when peak_users > ? then peak_users else ? end,
  last_report_at = ?, license_state = ?, app_version = coalesce(?, app_version), updated_at = ?
where id = ? and status = 'active' and last_sequence < ?`;

/**
 * PostgreSQL only: lock first, count after, in two statements. A statement that waits
 * for the lock still reads the other farms as they were when it started, missing the
 * reports committed while it waited (READ COMMITTED takes one snapshot per statement).
 */
const LOCK_SQL = "select key_id from key_usage where key_id = ? for update";

// Every activation creates the key's usage row; this covers keys activated before it existed.
const ENSURE_KEY_USAGE_SQL = "insert into key_usage (key_id, updated_at) values (?, ?) on conflict (key_id) do nothing";

const RAW_REPORT_SQL = `
insert into farm_reports (farm_id, sequence, key_id, received_at, hour_start, day_start, current_users, peak_users, pooled_users, licensed)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type Row = Record<string, unknown>;
/** How one engine runs a statement: rows for a query, the number of changed rows for a write. */
type Runner = {
  all(sql: string, params: unknown[]): Row[] | Promise<Row[]>;
  run(sql: string, params: unknown[]): number | Promise<number>;
};

/** The PostgreSQL text of each statement, made once: `?` → `$1`, `$2`, … (no statement has a literal `?`). */
const postgresText = new Map<string, string>();
function pg(text: string): string {
  let out = postgresText.get(text);
  if (!out) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    postgresText.set(text, out);
  }
  return out;
}

/** The runner for one report's transaction. */
function runnerFor(database: Database, trx: Transaction<DB>): Runner {
  if (database.sqlite) {
    const writer = database.sqlite.connections().writer;
    return {
      all: (text, params) => writer.prepare(text).all(params) as Row[],
      run: (text, params) => writer.prepare(text).run(params).changes,
    };
  }
  return {
    all: async (text, params) => (await trx.executeQuery<Row>(CompiledQuery.raw(pg(text), params))).rows,
    run: async (text, params) => Number((await trx.executeQuery(CompiledQuery.raw(pg(text), params))).numAffectedRows ?? 0),
  };
}

export type CheckInStatements = ReturnType<typeof checkInStatements>;

/** The statements of one report, in the report writer's transaction `trx`. */
export function checkInStatements(database: Database, trx: Transaction<DB>) {
  const db = runnerFor(database, trx);
  return {
    async findContext(credentialHash: string): Promise<FarmContext | undefined> {
      const [row] = await db.all(CONTEXT_SQL, [credentialHash]);
      return row && toContext(normalizeRow(row) as FarmContext);
    },

    /**
     * The key's grace record and the users on its other farms. With `lock` (the default:
     * a report is being applied) the key's usage row is locked first on PostgreSQL, so
     * check-ins of one key's farms take turns; SQLite transactions are serialized already.
     */
    async keyState(c: { keyId: string; farmId: string }, now: Date, { lock = true } = {}): Promise<KeyState> {
      if (lock && database.engine === "postgres") await db.all(LOCK_SQL, [c.keyId]);
      const since = new Date(now.getTime() - STALE_AFTER_MS);
      let [raw] = await db.all(KEY_STATE_SQL, [since, c.farmId, c.keyId]);
      if (!raw) {
        await db.run(ENSURE_KEY_USAGE_SQL, [c.keyId, now]);
        if (lock && database.engine === "postgres") await db.all(LOCK_SQL, [c.keyId]);
        [raw] = await db.all(KEY_STATE_SQL, [since, c.farmId, c.keyId]);
      }
      const row = normalizeRow(raw ?? {});
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

    async recordReport(r: Report): Promise<boolean> {
      const params: unknown[] = [r.sequence, r.currentUsers, r.peakUsers, r.peakUsers, r.peakUsers, r.now];
      params.push(r.licenseState, r.appVersion ?? null, r.now, r.farmId, r.sequence);
      return (await db.run(RECORD_SQL, params)) === 1;
    },

    async insertRawReport(r: {
      farmId: string;
      keyId: string;
      sequence: number;
      currentUsers: number;
      peakUsers: number;
      pooledUsers: number;
      licensed: number;
      now: Date;
    }): Promise<void> {
      await db.run(RAW_REPORT_SQL, [
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

/** The key's state as a repeat or an activation is answered: read in a transaction of its own, nothing locked. */
export function readKeyState(database: Database, c: { keyId: string; farmId: string }, now: Date): Promise<KeyState> {
  return database.db.transaction().execute((trx) => checkInStatements(database, trx).keyState(c, now, { lock: false }));
}
