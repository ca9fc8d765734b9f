import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Mailer } from "./mailer.ts";
import { createOutboxStore, type OutboxRow } from "./outbox.store.ts";
import type { Sealer } from "./sealed-fields.ts";
import { EmailRenderError, renderEmail } from "./templates/render-email.ts";

/** After this many attempts a message is marked `dead` (kept, never deleted). About ten hours of retries. */
export const MAX_ATTEMPTS = 20;
/**
 * How long a claimed row stays ours. It is renewed right before each send and must
 * outlast one send (nodemailer: 10 s connect + 10 s greeting + 20 s idle per step).
 */
export const LEASE_MS = 120_000;
const BATCH = 20;
/** Upper bound on batches per drain, so one drain cannot run forever under constant inflow. */
const MAX_BATCHES = 50;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 3_600_000;

/** Exponential backoff after the n-th failed attempt: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export type OutboxWorker = {
  start(): void;
  /** Stops polling, waits for the message being sent (if any), then closes the transport. */
  stop(): Promise<void>;
  /** Delivers everything due now; used by tests and by the poll loop. Resolves to the number sent. */
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
  /** Opens sealed fields (sealed-fields.ts) just before rendering. */
  sealer?: Sealer;
  /** The wait after the n-th failed attempt; `backoffMs` unless a test needs a shorter one (test/faults). */
  backoff?: (attempts: number) => number;
}): OutboxWorker {
  const { mailer, logger } = deps;
  const backoff = deps.backoff ?? backoffMs;
  const store = createOutboxStore(deps.db, { leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let polling = false;
  let stopping = false;
  let closed = false;

  async function deliverRow(row: OutboxRow, claimedLease: Date): Promise<boolean> {
    const log = { outboxId: row.id, template: row.template, attempts: row.attempts };
    let message: ReturnType<typeof renderEmail>;
    try {
      const data = deps.sealer ? deps.sealer.open(row.payloadJson) : row.payloadJson;
      message = renderEmail(row.template, row.locale, row.recipient, data);
    } catch (err) {
      const permanent = err instanceof EmailRenderError;
      await recordFailure(row, claimedLease, err, permanent);
      return false;
    }
    // Renewing also proves the row is still ours right before the point of no return.
    const lease = await store.renew(row.id, claimedLease, new Date());
    if (!lease) {
      logger.warn(log, "outbox lease lost before sending; another worker owns the message");
      return false;
    }
    try {
      await mailer.send(message);
    } catch (err) {
      await recordFailure(row, lease, err, isPermanentSmtpError(err));
      return false;
    }
    await store.markSent(row.id, new Date());
    logger.debug(log, "email sent");
    return true;
  }

  async function recordFailure(row: OutboxRow, lease: Date, err: unknown, permanent: boolean) {
    const dead = permanent || row.attempts >= MAX_ATTEMPTS;
    const error = describeError(err);
    const recorded = await store.markFailed(row.id, lease, {
      dead,
      nextAttemptAt: new Date(Date.now() + backoff(row.attempts)),
      error,
    });
    const log = { outboxId: row.id, template: row.template, attempts: row.attempts, dead, permanent, err: error };
    if (!recorded) logger.warn(log, "email delivery failed, but the lease was lost; the new owner decides");
    else if (dead) logger.error(log, "email delivery failed for good; message marked dead");
    else logger.warn(log, "email delivery failed; will retry");
  }

  async function deliverDue(): Promise<number> {
    if (mailer.kind === "dev-mailbox") return store.markAllPendingSent(new Date());
    const buried = await store.buryAbandoned(new Date());
    if (buried > 0) logger.error({ count: buried }, "outbox messages abandoned on their last attempt; marked dead");
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES && !stopping; batch += 1) {
      const { rows, lease } = await store.claim(new Date(), BATCH);
      for (const row of rows) {
        if (stopping) await store.release(row.id, lease);
        else if (await deliverRow(row, lease)) sent += 1;
      }
      if (rows.length < BATCH) break;
    }
    return sent;
  }

  function drain(): Promise<number> {
    if (closed) return Promise.resolve(0);
    running ??= deliverDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (!polling) return;
    timer = setTimeout(async () => {
      try {
        await drain();
      } catch (err) {
        logger.error({ err }, "outbox poll failed");
      }
      schedule();
    }, deps.pollMs);
    timer.unref();
  }

  return {
    start() {
      if (polling || closed) return;
      polling = true;
      schedule();
    },
    async stop() {
      polling = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      // Between rows the loop sees `stopping` and hands the rest of its batch back.
      await running?.catch(() => undefined);
      if (!closed) {
        closed = true;
        mailer.close();
      }
    },
    drain,
  };
}

/** An SMTP 5xx for the envelope (e.g. 550 no such mailbox) will not get better by retrying. */
export function isPermanentSmtpError(err: unknown): boolean {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  return code === "EENVELOPE" && typeof responseCode === "number" && responseCode >= 500;
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { code, responseCode } = err as Error & { code?: unknown; responseCode?: unknown };
  const prefix = [code, responseCode].filter((part) => part !== undefined && part !== "").join(" ");
  return `${err.name}${prefix ? ` [${prefix}]` : ""}: ${err.message}`;
}
