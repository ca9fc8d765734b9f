import type { Kysely, Transaction } from "kysely";
import type { DB, RenewalAttemptsTable } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/** One renewal attempt's key: the subscription, the expiry being renewed, and the attempt's number (1–5). */
export type AttemptKey = { subscriptionId: string; periodEndsAt: Date; attempt: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Subscriptions the renewal job looks at: bought online, renewing, not suspended or
 * canceled, with a term, registered to an account, and expired (due) but by no more than
 * `lookBackDays` (the payment grace plus the job's slack). A renewed subscription's expiry
 * is in the future, so it drops out by itself. Reseller and direct-sales subscriptions are
 * never charged: they renew through their seller.
 */
export async function listDueSubscriptions(executor: Executor, now: Date, lookBackDays: number) {
  return executor
    .selectFrom("subscriptions as s")
    .innerJoin("products as p", "p.id", "s.productId")
    .select([
      "s.id",
      "s.accountId",
      "s.expiresAt",
      "s.displayName",
      "s.productId",
      "p.name as productName",
      "s.term",
      "s.supportPlan",
      "s.totalLicenses",
      "s.startsAt",
      "s.billingAnchorAt",
      "s.paymentGraceEndsAt",
    ])
    .where("s.licenseType", "=", "subscription")
    .where("s.salesChannel", "=", "online")
    .where("s.renewalEnabled", "=", true)
    .where("s.suspendedAt", "is", null)
    .where("s.canceledAt", "is", null)
    .where("s.term", "is not", null)
    .where("s.accountId", "is not", null)
    .where("s.expiresAt", "<=", now)
    .where("s.expiresAt", ">", new Date(now.getTime() - lookBackDays * DAY_MS))
    .orderBy("s.expiresAt")
    .execute();
}

export type DueSubscription = Awaited<ReturnType<typeof listDueSubscriptions>>[number];

/**
 * Subscriptions whose payment grace must be cleared without another attempt: renewal was
 * turned off (or the subscription suspended or canceled) while payments were failing, or
 * the grace ended while the job was not running.
 */
export async function listLooseGraces(executor: Executor, now: Date, overdueBefore: Date) {
  return (
    executor
      .selectFrom("subscriptions as s")
      .select(["s.id", "s.accountId", "s.displayName", "s.expiresAt", "s.paymentGraceEndsAt", "s.renewalEnabled"])
      .where("s.paymentGraceEndsAt", "is not", null)
      .where((eb) =>
        eb.or([
          eb("s.renewalEnabled", "=", false),
          eb("s.suspendedAt", "is not", null),
          eb("s.canceledAt", "is not", null),
          eb("s.expiresAt", ">", now),
          eb("s.paymentGraceEndsAt", "<", overdueBefore),
        ]),
      )
      // An attempt still in flight finishes first (and clears the grace itself if it was the last).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("renewalAttempts as a")
              .select("a.attempt")
              .whereRef("a.subscriptionId", "=", "s.id")
              .where("a.status", "=", "claimed"),
          ),
        ),
      )
      .execute()
  );
}

/** Clears the grace if it is still the one read: of several processes, exactly one does it (and sends its email). */
export async function clearGrace(executor: Executor, subscriptionId: string, graceEndsAt: Date, now: Date): Promise<boolean> {
  const result = await executor
    .updateTable("subscriptions")
    .set({ paymentGraceEndsAt: null, updatedAt: now })
    .where("id", "=", subscriptionId)
    .where("paymentGraceEndsAt", "=", graceEndsAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Claims older than `staleBefore` whose process stopped before finishing, of any subscription. */
export async function listStaleClaims(executor: Executor, staleBefore: Date) {
  return executor
    .selectFrom("renewalAttempts")
    .selectAll()
    .where("status", "=", "claimed")
    .where("attemptedAt", "<", staleBefore)
    .execute();
}

export async function listAttempts(executor: Executor, subscriptionId: string, periodEndsAt: Date) {
  return executor
    .selectFrom("renewalAttempts")
    .selectAll()
    .where("subscriptionId", "=", subscriptionId)
    .where("periodEndsAt", "=", periodEndsAt)
    .orderBy("attempt")
    .execute();
}

/**
 * Claims an attempt by inserting its row: the primary key lets exactly one process (and
 * one pass) win. On PostgreSQL a concurrent insert of the same key waits for the other
 * transaction and then does nothing, so the loser simply sees `false`.
 */
export async function claimAttempt(trx: Transaction<DB>, key: AttemptKey, orderId: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto("renewalAttempts")
    .values({ ...key, orderId, status: "claimed", failureCode: null, attemptedAt: now, nextAttemptAt: null })
    .onConflict((oc) => oc.columns(["subscriptionId", "periodEndsAt", "attempt"]).doNothing())
    .returning("attempt")
    .execute();
  return inserted.length === 1;
}

/**
 * Takes over a claim whose process stopped before finishing (it is older than `staleBefore`):
 * a conditional update, so of several processes only one takes it over.
 */
export async function reclaimStaleAttempt(executor: Executor, key: AttemptKey, staleBefore: Date, now: Date): Promise<boolean> {
  const result = await executor
    .updateTable("renewalAttempts")
    .set({ attemptedAt: now })
    .where("subscriptionId", "=", key.subscriptionId)
    .where("periodEndsAt", "=", key.periodEndsAt)
    .where("attempt", "=", key.attempt)
    .where("status", "=", "claimed")
    .where("attemptedAt", "<", staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the attempt's outcome, once: only a still-claimed attempt is finished. */
export async function finishAttempt(
  trx: Transaction<DB>,
  key: AttemptKey,
  outcome: Pick<RenewalAttemptsTable, "status" | "failureCode" | "nextAttemptAt">,
): Promise<boolean> {
  const result = await trx
    .updateTable("renewalAttempts")
    .set(outcome)
    .where("subscriptionId", "=", key.subscriptionId)
    .where("periodEndsAt", "=", key.periodEndsAt)
    .where("attempt", "=", key.attempt)
    .where("status", "=", "claimed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
