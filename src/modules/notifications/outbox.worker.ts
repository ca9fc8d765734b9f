import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Mailer } from "./mailer.ts";
import { renderEmail } from "./templates/render-email.ts";

/** After this many failed attempts a message is marked `dead` (kept, never deleted). */
export const MAX_ATTEMPTS = 10;
const LEASE_MS = 60_000;
const BATCH = 20;

/** Exponential backoff: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type OutboxWorker = {
  start(): void;
  stop(): Promise<void>;
  /** Delivers everything due now; used by tests and by the poll loop. */
  drain(): Promise<number>;
};

/**
 * Delivers outbox rows. A row is leased (locked_until) before sending, so a second
 * worker or a restarted process skips it; if the process dies mid-send the lease
 * expires and the row is retried. Delivery is therefore at-least-once.
 */
export function createOutboxWorker(deps: {
  db: Kysely<DB>;
  mailer: Mailer;
  pollMs: number;
  logger: FastifyBaseLogger;
}): OutboxWorker {
  const { db, mailer, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function claimDue(now: Date) {
    const due = await db
      .selectFrom("outbox")
      .select(["id"])
      .where("status", "=", "pending")
      .where("nextAttemptAt", "<=", now)
      .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
      .orderBy("nextAttemptAt")
      .limit(BATCH)
      .execute();
    const claimed = [];
    for (const { id } of due) {
      const lease = await db
        .updateTable("outbox")
        .set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .where((eb) => eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]))
        .returningAll()
        .executeTakeFirst();
      if (lease) claimed.push(lease);
    }
    return claimed;
  }

  async function deliverOnce(): Promise<number> {
    // In dev-mailbox mode nothing leaves the machine: the rows are the mailbox.
    if (mailer.kind === "dev-mailbox") {
      const result = await db
        .updateTable("outbox")
        .set({ status: "sent", sentAt: new Date() })
        .where("status", "=", "pending")
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    }
    let sent = 0;
    for (const row of await claimDue(new Date())) {
      try {
        await mailer.send(renderEmail(row.template, row.locale, row.recipient, row.payloadJson));
        await db
          .updateTable("outbox")
          .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
          .where("id", "=", row.id)
          .execute();
        sent += 1;
      } catch (err) {
        const attempts = row.attempts + 1;
        const dead = attempts >= MAX_ATTEMPTS;
        logger.warn({ outboxId: row.id, attempts, dead, err: (err as Error).message }, "email delivery failed");
        await db
          .updateTable("outbox")
          .set({
            attempts,
            status: dead ? "dead" : "pending",
            nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
            lockedUntil: null,
            lastError: String((err as Error).message).slice(0, 1000),
          })
          .where("id", "=", row.id)
          .execute();
      }
    }
    return sent;
  }

  function drain(): Promise<number> {
    running ??= deliverOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await drain();
      } catch (err) {
        logger.error({ err }, "outbox poll failed");
      }
      schedule();
    }, deps.pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      mailer.close();
    },
    drain,
  };
}
