/**
 * Small pieces the benches share: percentiles, a CPU probe that tells our
 * load from other processes', a free port, the worker-thread HTTP client, and a
 * Markdown table printer.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { HttpWorkerCommand, HttpWorkerResult, HttpWorkerSetup } from "./http-worker.ts";

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentiles, and the mean (so sequential requests give a rate: 1000 ÷ mean ms). */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : (sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN);
  const mean = sorted.length === 0 ? Number.NaN : sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN, mean };
}

/** Machine-wide busy CPU seconds from /proc/stat (Linux), or undefined. */
function machineBusySeconds(): number | undefined {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by the processes named `comm` (Linux), e.g. every PostgreSQL backend; 0 elsewhere. */
function commCpuSeconds(comm: string): number {
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== comm) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

export type CpuUsage = {
  /** Cores used by this process (server thread, worker-thread client, libuv pool, GC). */
  processCores: number;
  /** Cores used by PostgreSQL server processes (ours, and other sessions' on the same server); 0 on SQLite. */
  dbCores?: number;
  /** Cores used by every other process on the machine during the phase (other engineers' tests); undefined off Linux. */
  otherCores?: number;
};

/** Starts measuring CPU use; stop() returns the averages since the start. */
export function startCpuProbe(databaseProcess?: string): { stop(): CpuUsage } {
  const cpu = process.cpuUsage();
  const machine = machineBusySeconds();
  const db = databaseProcess ? commCpuSeconds(databaseProcess) : 0;
  const started = performance.now();
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const processCores = (used.user + used.system) / 1e6 / seconds;
      const dbCores = databaseProcess ? Math.max(0, (commCpuSeconds(databaseProcess) - db) / seconds) : 0;
      const after = machineBusySeconds();
      if (machine === undefined || after === undefined) return { processCores, dbCores };
      return { processCores, dbCores, otherCores: Math.max(0, (after - machine) / seconds - processCores - dbCores) };
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type HttpWorker = { run(command: HttpWorkerCommand): Promise<HttpWorkerResult>; stop(): Promise<number> };

/** Starts the HTTP client (http-worker.ts) in a worker thread. One command at a time. */
export function startHttpWorker(setup: HttpWorkerSetup): HttpWorker {
  // Node 20 does not apply `--import tsx` to worker threads, so the worker registers
  // tsx itself before it imports the TypeScript client.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./http-worker.ts", import.meta.url).href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: setup });
  let pending: { resolve(r: HttpWorkerResult): void; reject(e: Error): void } | undefined;
  worker.on("message", (message: { ok: true; result: HttpWorkerResult } | { ok: false; error: string }) => {
    const current = pending;
    pending = undefined;
    if (message.ok) current?.resolve(message.result);
    else current?.reject(new Error(`HTTP worker failed: ${message.error}`));
  });
  worker.on("error", (err) => pending?.reject(err));
  return {
    run(command) {
      if (pending) return Promise.reject(new Error("the HTTP worker runs one command at a time"));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(command);
      });
    },
    stop: () => worker.terminate(),
  };
}

export const fmt = (v: number | undefined, digits = 2) => (v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : "–");

/** A Markdown table with padded columns; the `left` columns (default: the first) are left-aligned, the rest right-aligned. */
export function markdownTable(header: string[], rows: string[][], left: number[] = [0]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (left.includes(i) ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
