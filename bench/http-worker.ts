/**
 * A sequential HTTP client for the benches (business users, licensing, sign-in). It runs in a worker thread, so
 * its request/response handling has its own event loop and never waits behind the
 * server's: latencies are what a client on another machine would see, plus loopback.
 * Node's global fetch (undici) keeps the connection alive between requests.
 * It is started by the bench (startHttpWorker in bench-support.ts), never on its own.
 */
import { readlinkSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

export type HttpWorkerSetup = { baseUrl: string; origin: string; cookie: string };

export type HttpRequestSpec = { method: "GET" | "POST"; path: string; body?: string };

/** Sends the requests one after another (each waits for the previous answer, body included). */
export type HttpWorkerCommand = { requests: HttpRequestSpec[]; expectStatus: number };

export type HttpWorkerResult = {
  /** Client-observed latency of each request, body read included, in ms. */
  ms: number[];
  /** Answers by HTTP status ("fetch-error" when the request itself failed). */
  statuses: Record<string, number>;
  /** The first unexpected answer, to show what went wrong. */
  firstFailure?: string;
  /** Body size of the last answer, in bytes. */
  lastBodyBytes: number;
  /** This thread's Linux thread id, so the bench can tell its CPU time from the server's. */
  threadId?: number;
};

const setup = workerData as HttpWorkerSetup;

function linuxThreadId(): number | undefined {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}
const threadId = linuxThreadId();

async function run(command: HttpWorkerCommand): Promise<HttpWorkerResult> {
  const result: HttpWorkerResult = { ms: [], statuses: {}, lastBodyBytes: 0, ...(threadId ? { threadId } : {}) };
  for (const request of command.requests) {
    const headers: Record<string, string> = { accept: "application/json" };
    if (setup.cookie) headers.cookie = setup.cookie; // empty: signed out (the sign-in bench)
    if (request.method === "POST") Object.assign(headers, { origin: setup.origin, "content-type": "application/json" });
    const started = performance.now();
    let status = "fetch-error";
    let body = "";
    try {
      const response = await fetch(`${setup.baseUrl}${request.path}`, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      body = await response.text();
      status = String(response.status);
    } catch (err) {
      body = err instanceof Error ? err.message : String(err);
    }
    result.ms.push(performance.now() - started);
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    result.lastBodyBytes = Buffer.byteLength(body);
    if (status !== String(command.expectStatus) && result.firstFailure === undefined) {
      result.firstFailure = `${request.method} ${request.path.slice(0, 120)} → ${status}: ${body.slice(0, 300)}`;
    }
  }
  return result;
}

// The bench ends this worker with worker.terminate() when it is done.
parentPort?.on("message", (command: HttpWorkerCommand) => {
  run(command).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) =>
      parentPort?.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
