import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on their own thread.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that pushes the WAL past 1,000
 * pages: it copies those pages into the database file and syncs it, on whichever
 * connection committed, which here is the event loop. Under a check-in storm that was
 * the single biggest cost (22% of the server thread in bench/farm-checkins.bench.ts)
 * and the source of the worst latencies. This worker runs PASSIVE checkpoints from
 * its own connection every half second instead; PASSIVE never blocks readers or the
 * writer. The writer keeps a high automatic threshold as a backstop, so the WAL stays
 * bounded even if this thread were to stop.
 */
const sqlitePath = createRequire(import.meta.url).resolve("better-sqlite3");
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(${JSON.stringify(sqlitePath)});
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
  db.close();
  parentPort.postMessage("stopped");
});`;

/** The writer's automatic checkpoint threshold while the worker runs (pages; ~80 MB). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 20_000;

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(file: string, intervalMs = 500): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs } });
  worker.unref();
  worker.on("error", () => {
    // The writer's backstop threshold takes over; nothing to do here.
  });
  return {
    stop() {
      return new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once("exit", done);
        worker.once("message", () => void worker.terminate().then(done, done));
        worker.postMessage("stop");
        // A worker that died already never answers.
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      });
    },
  };
}
