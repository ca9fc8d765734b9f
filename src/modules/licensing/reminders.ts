import type { FastifyBaseLogger } from "fastify";
import { sql } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { createPeriodicJob } from "../../server/periodic-job.ts";
import { insertOutboxEmails, type OutboxEmail } from "../notifications/outbox.repo.ts";
import { listLicenseRecipients } from "./licensing.repo.ts";
import { addDays, daysLeft, EXPIRING_SOON_DAYS, GRACE_DAYS } from "./subscription-status.ts";

/** The reminders, most urgent last: 30, 7 and 1 days before expiry, and on expiry. */
const KINDS = [
  { kind: "30d", daysBefore: 30 },
  { kind: "7d", daysBefore: 7 },
  { kind: "1d", daysBefore: 1 },
  { kind: "expired", daysBefore: 0 },
] as const;
type Kind = (typeof KINDS)[number]["kind"];

/** How often the job looks; a reminder goes out at most this late. */
export const REMINDER_INTERVAL_MS = 10 * 60 * 1000;

type Deps = {
  database: Database;
  clock: Clock;
  publicUrl: string;
  logger?: Pick<FastifyBaseLogger, "error" | "info">;
  /** Instead of REMINDER_INTERVAL_MS (JOB_INTERVAL_MS: tests, demos). */
  intervalMs?: number;
};

/**
 * Expiry reminders to the account's Administrators and the License Administrators of the
 * subscription's keys. Each (subscription, kind, expiry) is claimed by inserting its row
 * in `subscription_reminders` in the same transaction as the emails: the primary key lets
 * exactly one process win, so every reminder is sent once, with several processes and
 * across restarts. A job that runs late sends only the most urgent reminder due and
 * records the earlier ones as done, so nobody gets three emails at once.
 */
export function createReminderJob({ database, clock, publicUrl, logger, intervalMs = REMINDER_INTERVAL_MS }: Deps) {
  const { db } = database;

  /** One pass; returns the number of emails queued. */
  async function runPass(): Promise<number> {
    const now = clock.now();
    const candidates = await db
      .selectFrom("subscriptions as s")
      .innerJoin("products as p", "p.id", "s.productId")
      .select(["s.id", "s.accountId", "s.displayName", "s.expiresAt", "p.name as productName"])
      .where("s.accountId", "is not", null)
      .where("s.suspendedAt", "is", null)
      .where("s.canceledAt", "is", null)
      .where("s.expiresAt", "is not", null)
      .where("s.expiresAt", "<=", addDays(now, EXPIRING_SOON_DAYS))
      .where("s.expiresAt", ">", addDays(now, -GRACE_DAYS))
      // Online subscriptions that renew automatically are charged at expiry; the store's
      // renewal emails (paid, payment failed, ended) speak for them, not "it expires".
      .where((eb) =>
        eb.not(
          eb.and([
            eb("s.salesChannel", "=", "online"),
            eb("s.licenseType", "=", "subscription"),
            eb("s.renewalEnabled", "=", true),
          ]),
        ),
      )
      .execute();
    let sent = 0;
    for (const s of candidates) {
      if (!s.accountId || !s.expiresAt) continue;
      const expiresAt = s.expiresAt;
      const due = KINDS.filter((k) => expiresAt.getTime() - k.daysBefore * 86_400_000 <= now.getTime());
      const urgent = due.at(-1);
      if (!urgent) continue;
      const already = await db
        .selectFrom("subscriptionReminders")
        .select("kind")
        .where("subscriptionId", "=", s.id)
        .where("expiresAt", "=", expiresAt)
        .execute();
      if (already.some((r) => r.kind === urgent.kind)) continue;
      const people = await listLicenseRecipients(db, s.accountId, { subscriptionId: s.id });
      const url = `${publicUrl}/accounts/${s.accountId}/subscriptions/${s.id}`;
      const mails = people.map(
        (person): OutboxEmail => ({
          to: person.email,
          locale: person.locale,
          ...(urgent.kind === "expired"
            ? {
                template: "subscription-expired" as const,
                data: {
                  name: person.name,
                  subscriptionName: s.displayName,
                  productName: s.productName,
                  expiresAt: expiresAt.toISOString(),
                  graceEndsAt: addDays(expiresAt, GRACE_DAYS).toISOString(),
                  url,
                },
              }
            : {
                template: "subscription-expiring" as const,
                data: {
                  name: person.name,
                  subscriptionName: s.displayName,
                  productName: s.productName,
                  expiresAt: expiresAt.toISOString(),
                  daysLeft: String(Math.max(0, daysLeft(expiresAt, now) ?? 0)),
                  url,
                },
              }),
        }),
      );
      const claimed = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("subscriptionReminders")
          .values(due.map((k) => ({ subscriptionId: s.id, kind: k.kind as Kind, expiresAt, sentAt: now })))
          .onConflict((oc) => oc.columns(["subscriptionId", "kind", "expiresAt"]).doNothing())
          .returning(sql<string>`kind`.as("kind"))
          .execute();
        // Only the process whose insert created the most urgent row sends the emails.
        if (!inserted.some((r) => r.kind === urgent.kind)) return false;
        await insertOutboxEmails(trx, mails);
        return true;
      });
      if (claimed) sent += mails.length;
    }
    return sent;
  }

  // Concurrent runOnce() calls in one process share a pass.
  return createPeriodicJob({
    run: runPass,
    intervalMs,
    runOnStart: true,
    failureMessage: "subscription reminders failed",
    logger,
  });
}

export type ReminderJob = ReturnType<typeof createReminderJob>;
