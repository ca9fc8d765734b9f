import type { FastifyBaseLogger } from "fastify";
import { REOPEN_WINDOW_DAYS } from "../../../contracts/support.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { createPeriodicJob } from "../../server/periodic-job.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { SupportAttachments } from "./attachments.ts";
import { emailTicketStatus, type SupportEmailDeps } from "./support-emails.ts";

/** How often the job runs; a resolved ticket is closed at most this long after its window ends. */
export const SUPPORT_JOB_INTERVAL_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type Deps = {
  database: Database;
  clock: Clock;
  attachments: Pick<SupportAttachments, "sweepStale">;
  emails: SupportEmailDeps;
  logger?: Pick<FastifyBaseLogger, "error">;
  /** Instead of SUPPORT_JOB_INTERVAL_MS (JOB_INTERVAL_MS: tests, demos). */
  intervalMs?: number;
};

/**
 * Support's periodic work: close resolved tickets whose 14-day reopen window is over, and
 * sweep abandoned uploads. Safe with several processes: each close is a conditional update
 * (`status = 'resolved'` and still past the window), so exactly one process closes a ticket
 * and writes its email and audit record, in that update's transaction.
 */
export function createSupportJobs({ database, clock, attachments, emails, logger, intervalMs = SUPPORT_JOB_INTERVAL_MS }: Deps) {
  const { db } = database;

  /** Closes resolved tickets past their reopen window; returns how many this call closed. */
  async function closeResolved(): Promise<number> {
    const now = clock.now();
    const cutoff = new Date(now.getTime() - REOPEN_WINDOW_DAYS * DAY_MS);
    const due = await db
      .selectFrom("supportTickets")
      .select("id")
      .where("status", "=", "resolved")
      .where("resolvedAt", "<", cutoff)
      .limit(500)
      .execute();
    let closed = 0;
    for (const { id } of due) {
      closed += await db.transaction().execute(async (trx) => {
        const ticket = await trx
          .updateTable("supportTickets")
          .set({ status: "closed", closedAt: now, lastActivityAt: now, updatedAt: now })
          .where("id", "=", id)
          .where("status", "=", "resolved")
          .where("resolvedAt", "<", cutoff)
          .returningAll()
          .executeTakeFirst();
        if (!ticket) return 0;
        await insertAuditEvent(trx, {
          action: "support.ticket_status_changed",
          outcome: "success",
          actorUserId: null,
          accountId: ticket.accountId,
          targetType: "support_ticket",
          targetId: ticket.id,
          metadata: { name: ticket.reference, reference: ticket.reference, from: "resolved", to: "closed", by: "system" },
        });
        await emailTicketStatus(trx, emails, ticket, "closed", null);
        return 1;
      });
    }
    return closed;
  }

  const job = createPeriodicJob({
    async run() {
      await closeResolved();
      await attachments.sweepStale();
    },
    intervalMs,
    failureMessage: "support job failed",
    logger,
  });

  return { closeResolved, ...job };
}

export type SupportJobs = ReturnType<typeof createSupportJobs>;
