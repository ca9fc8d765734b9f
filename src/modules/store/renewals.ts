import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { createPeriodicJob } from "../../server/periodic-job.ts";
import type { PaymentGateway } from "./payments/gateway.ts";
import {
  type AttemptDeps,
  attemptDueAt,
  chargeAttempt,
  PAYMENT_GRACE_DAYS,
  RETRY_DAYS,
  type StartedAttempt,
  startAttempt,
} from "./renewals/renewal-attempt.ts";
import {
  type AttemptKey,
  clearGrace,
  type DueSubscription,
  listAttempts,
  listDueSubscriptions,
  listLooseGraces,
  listStaleClaims,
  reclaimStaleAttempt,
} from "./renewals.repo.ts";
import type { SettlementDeps } from "./settlement.ts";
import { listAccountAdmins, queueStoreEmail, storeUrls } from "./store-emails.ts";

/** How often the job looks; an attempt is made at most this late. */
export const RENEWAL_INTERVAL_MS = 5 * 60 * 1000;
/**
 * A claimed attempt whose process has not finished it after this long is taken over. A
 * charge takes seconds; 15 minutes leaves room for a slow provider without leaving a
 * customer unrenewed for long.
 */
export const STALE_CLAIM_MS = 15 * 60 * 1000;
/** The job still makes the last attempt up to a day after it was due (it runs every 5 minutes). */
const LOOK_BACK_DAYS = PAYMENT_GRACE_DAYS + 1;
const DAY_MS = 24 * 60 * 60 * 1000;

type Deps = {
  database: Database;
  clock: Clock;
  /** The store's gateways by name (store.plugin.ts); with none, nothing can be charged and the job does nothing. */
  gateways: ReadonlyMap<string, PaymentGateway>;
  settlement: SettlementDeps;
  logger?: Pick<FastifyBaseLogger, "error" | "info">;
  /** Instead of RENEWAL_INTERVAL_MS (JOB_INTERVAL_MS: tests, demos). */
  intervalMs?: number;
};

export type RenewalPass = { renewed: number; failed: number; recovered: number };

/**
 * Automatic renewal of subscriptions bought online, run every few minutes in every
 * server process.
 *
 * Schedule: attempt 1 at expiry, retries 1, 3, 5 and 7 days after it (RETRY_DAYS), all
 * inside the 7-day payment grace that the first failure starts. A job that runs late
 * makes only the latest attempt due (a customer is never charged twice in a row to catch
 * up). Turning renewal off stops further attempts; so do suspension and cancellation.
 *
 * Exactly once, however many processes run it: an attempt is claimed by inserting its
 * `renewal_attempts` row (primary key: subscription, expiry, attempt) in the transaction
 * that writes its order and payment; a process that loses the insert skips it. The charge
 * then runs outside any transaction, and its outcome is written only while the attempt is
 * still `claimed` (a conditional update), so it is applied once too.
 *
 * Crashes: a process can die after claiming and before finishing (before the charge, or
 * after it and before recording it). Such a claim stays `claimed`; once it is older than
 * STALE_CLAIM_MS another pass takes it over (a conditional update of its time, so one
 * process does) and charges again with the SAME order and payment: the payment id is the
 * gateway's idempotency key, so a charge that did go through is answered with its first
 * outcome and never taken twice. (A real provider may refuse the key if the saved card
 * changed in between; the attempt then fails and the next retry uses a new payment.)
 */
export function createRenewalJob({ database, clock, gateways, settlement, logger, intervalMs = RENEWAL_INTERVAL_MS }: Deps) {
  const { db } = database;
  const deps: AttemptDeps = { database, gateways, settlement };

  async function charge(started: StartedAttempt, pass: RenewalPass) {
    const result = await chargeAttempt(deps, started, () => clock.now());
    if (result === "renewed") pass.renewed += 1;
    else if (result === "failed") pass.failed += 1;
  }

  /** The next attempt for a due subscription, if one is due and nobody is making it. */
  async function attemptFor(s: DueSubscription, now: Date, pass: RenewalPass) {
    if (!s.expiresAt) return;
    const made = await listAttempts(db, s.id, s.expiresAt);
    const last = made.at(-1);
    if (last && last.status !== "failed") return; // in flight (stale ones are recovered separately) or done
    let next: number | undefined;
    for (let attempt = (last?.attempt ?? 0) + 1; attempt <= RETRY_DAYS.length; attempt++) {
      if (attemptDueAt(s.expiresAt, attempt) <= now) next = attempt;
    }
    if (next === undefined) return;
    const started = await startAttempt(deps, s, next, now);
    if (!started) return;
    if (!started.charge) {
      pass.failed += 1;
      return;
    }
    await charge(started, pass);
  }

  async function recoverStale(now: Date, pass: RenewalPass) {
    for (const claim of await listStaleClaims(db, new Date(now.getTime() - STALE_CLAIM_MS))) {
      if (!claim.orderId) continue;
      const key: AttemptKey = { subscriptionId: claim.subscriptionId, periodEndsAt: claim.periodEndsAt, attempt: claim.attempt };
      if (!(await reclaimStaleAttempt(db, key, new Date(now.getTime() - STALE_CLAIM_MS), now))) continue;
      const payment = await db
        .selectFrom("payments")
        .select("id")
        .where("orderId", "=", claim.orderId)
        .orderBy("createdAt")
        .executeTakeFirst();
      if (!payment) continue;
      pass.recovered += 1;
      try {
        await charge({ key, orderId: claim.orderId, paymentId: payment.id }, pass);
      } catch (error) {
        logger?.error({ err: error, subscriptionId: key.subscriptionId }, "renewal attempt recovery failed");
      }
    }
  }

  /**
   * Graces that must end without another attempt: renewal turned off, the subscription
   * suspended, canceled or renewed another way (silently), or a grace whose last attempt
   * the job missed (with `renewal-ended`). The conditional clear picks one process.
   */
  async function closeLooseGraces(now: Date) {
    for (const s of await listLooseGraces(db, now, new Date(now.getTime() - DAY_MS))) {
      if (!s.paymentGraceEndsAt) continue;
      const overdue =
        s.renewalEnabled && s.paymentGraceEndsAt.getTime() < now.getTime() - DAY_MS && !!s.expiresAt && s.expiresAt <= now;
      const graceEndsAt = s.paymentGraceEndsAt;
      await db.transaction().execute(async (trx) => {
        if (!(await clearGrace(trx, s.id, graceEndsAt, now)) || !overdue || !s.accountId || !s.expiresAt) return;
        await queueStoreEmail(trx, await listAccountAdmins(trx, s.accountId), "renewal-ended", {
          subscriptionName: s.displayName,
          expiresAt: s.expiresAt.toISOString(),
          url: storeUrls(settlement.publicUrl, s.accountId).subscription(s.id),
        });
      });
    }
  }

  async function runPass(now: Date): Promise<RenewalPass> {
    const pass: RenewalPass = { renewed: 0, failed: 0, recovered: 0 };
    // No payment provider configured (production without one): leave every subscription to expire as it would.
    if (gateways.size === 0) return pass;
    await recoverStale(now, pass);
    for (const s of await listDueSubscriptions(db, now, LOOK_BACK_DAYS)) {
      try {
        await attemptFor(s, now, pass);
      } catch (error) {
        // One subscription's trouble (a provider timeout) must not stop the others; its claim is recovered later.
        logger?.error({ err: error, subscriptionId: s.id }, "renewal attempt failed");
      }
    }
    await closeLooseGraces(now);
    return pass;
  }

  return createPeriodicJob({
    /**
     * One pass at `now` (the clock's time unless a test gives one); concurrent calls in one
     * process share a pass. Two jobs (two processes) race for real.
     */
    run: (now: Date = clock.now()) => runPass(now),
    intervalMs,
    runOnStart: true,
    failureMessage: "subscription renewals failed",
    logger,
  });
}

export type RenewalJob = ReturnType<typeof createRenewalJob>;
