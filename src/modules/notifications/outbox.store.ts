import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import { engineOf } from "../../db/column-types.ts";
import type { DB, OutboxTable } from "../../db/schema.ts";

export type OutboxRow = Selectable<OutboxTable>;

/** Claimed rows and the lease they carry; the lease time doubles as a fencing token. */
export type Claim = { rows: OutboxRow[]; lease: Date };

export type FailureUpdate = { dead: boolean; nextAttemptAt: Date; error: string };

const ABANDONED_ERROR = "Gave up: the worker stopped or crashed during the last attempt (its lease expired).";

/**
 * The outbox queries of the delivery worker. A row is claimed by setting
 * `locked_until` (the lease) and counting the attempt in the same statement, so an
 * attempt that dies with its process still counts towards MAX_ATTEMPTS. Writes that
 * end an attempt match `locked_until = lease`: a worker whose lease expired and
 * was taken over cannot overwrite the new owner's state.
 */
export function createOutboxStore(db: Kysely<DB>, options: { leaseMs: number; maxAttempts: number }) {
  const engine = engineOf(db as unknown as Kysely<unknown>);
  const { leaseMs, maxAttempts } = options;

  const isDue = (now: Date) => (eb: ExpressionBuilder<DB, "outbox">) =>
    eb.and([
      eb("status", "=", "pending"),
      eb("nextAttemptAt", "<=", now),
      eb("attempts", "<", maxAttempts),
      eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]),
    ]);

  return {
    /**
     * Leases up to `limit` due rows. PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`
     * and the UPDATE in one transaction, so concurrent workers take disjoint rows
     * without waiting. SQLite: one conditional UPDATE … WHERE id IN (SELECT …) —
     * SQLite runs a write statement alone, so it is atomic across processes too.
     */
    async claim(now: Date, limit: number): Promise<Claim> {
      const lease = new Date(now.getTime() + leaseMs);
      const due = (qb: Kysely<DB>) =>
        qb.selectFrom("outbox").select("id").where(isDue(now)).orderBy("nextAttemptAt").orderBy("id").limit(limit);
      let rows: OutboxRow[];
      if (engine === "postgres") {
        rows = await db.transaction().execute(async (trx) => {
          const ids = (await due(trx).forUpdate().skipLocked().execute()).map((row) => row.id);
          if (ids.length === 0) return [];
          return trx
            .updateTable("outbox")
            .set((eb) => ({ lockedUntil: lease, attempts: eb("attempts", "+", 1) }))
            .where("id", "in", ids)
            .returningAll()
            .execute();
        });
      } else {
        rows = await db
          .updateTable("outbox")
          .set((eb) => ({ lockedUntil: lease, attempts: eb("attempts", "+", 1) }))
          .where("id", "in", due(db))
          .where(isDue(now))
          .returningAll()
          .execute();
      }
      rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      return { rows, lease };
    },

    /** Extends our lease right before a send; `undefined` if another worker owns the row now. */
    async renew(id: string, lease: Date, now: Date): Promise<Date | undefined> {
      const next = new Date(now.getTime() + leaseMs);
      const result = await db
        .updateTable("outbox")
        .set({ lockedUntil: next })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("lockedUntil", "=", lease)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? next : undefined;
    },

    /**
     * Not fenced on purpose: the mail has left, so the row is sent even if our lease
     * ran out meanwhile (that only risks the duplicate at-least-once allows anyway).
     */
    async markSent(id: string, now: Date): Promise<void> {
      await db
        .updateTable("outbox")
        .set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .execute();
    },

    /** Records a failed attempt: back to `pending` with a later next_attempt_at, or `dead`. */
    async markFailed(id: string, lease: Date, failure: FailureUpdate): Promise<boolean> {
      const result = await db
        .updateTable("outbox")
        .set({
          status: failure.dead ? "dead" : "pending",
          nextAttemptAt: failure.nextAttemptAt,
          lockedUntil: null,
          lastError: failure.error.slice(0, 1000),
        })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("lockedUntil", "=", lease)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Gives a claimed row back untouched (graceful stop before its turn): the attempt does not count. */
    async release(id: string, lease: Date): Promise<void> {
      await db
        .updateTable("outbox")
        .set((eb) => ({ lockedUntil: null, attempts: eb("attempts", "-", 1) }))
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where("lockedUntil", "=", lease)
        .execute();
    },

    /** Rows whose last allowed attempt died with its worker: keep them, as `dead`. */
    async buryAbandoned(now: Date): Promise<number> {
      const result = await db
        .updateTable("outbox")
        .set({ status: "dead", lockedUntil: null, lastError: ABANDONED_ERROR })
        .where("status", "=", "pending")
        .where("attempts", ">=", maxAttempts)
        .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Dev-mailbox mode: nothing leaves the machine, the rows are the mailbox. */
    async markAllPendingSent(now: Date): Promise<number> {
      const result = await db
        .updateTable("outbox")
        .set({ status: "sent", sentAt: now, lockedUntil: null })
        .where("status", "=", "pending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
