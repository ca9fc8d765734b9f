import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Engine } from "./farms.repo.ts";

/** The most reports one SQLite transaction carries: bounds how long the writer is held. */
const MAX_BATCH = 200;

type Waiting<P, O> = { report: P; resolve(outcome: O): void; reject(error: unknown): void };

/**
 * Writes check-ins. On SQLite, group commit: the reports that arrive while the single
 * writer is busy are applied one after another in ONE transaction, and each request is
 * answered only after that transaction has committed. Every report still sees the ones
 * before it (the pooled count stays exact) and nothing is acknowledged before it is on
 * disk; what is saved is a BEGIN/COMMIT (and a WAL sync) per report. If a batch fails,
 * its reports are retried one by one, so one bad report cannot fail its neighbours.
 *
 * On PostgreSQL each report has its own transaction: the pool runs them in parallel,
 * and batching reports of different keys would lock keys in arbitrary order across
 * server processes (deadlocks).
 */
export function createReportWriter<P, O>(db: Kysely<DB>, engine: Engine, apply: (trx: Transaction<DB>, report: P) => Promise<O>) {
  const alone = (report: P) => db.transaction().execute((trx) => apply(trx, report));
  if (engine === "postgres") return { write: alone };

  const queue: Waiting<P, O>[] = [];
  let draining = false;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await db.transaction().execute(async (trx) => {
          const out: O[] = [];
          for (const item of batch) out.push(await apply(trx, item.report));
          return out;
        });
        for (const [i, item] of batch.entries()) item.resolve(outcomes[i] as O);
      } catch {
        for (const item of batch) {
          try {
            item.resolve(await alone(item.report));
          } catch (error) {
            item.reject(error);
          }
        }
      }
    }
    draining = false;
  }

  return {
    write(report: P): Promise<O> {
      return new Promise((resolve, reject) => {
        queue.push({ report, resolve, reject });
        if (!draining) {
          draining = true;
          // Let the requests that arrived in this turn of the event loop join the batch.
          setImmediate(() => void drain());
        }
      });
    },
  };
}
