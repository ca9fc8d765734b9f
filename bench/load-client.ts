/**
 * The HTTP load generator for signup-contention.bench.ts. It runs in a worker thread
 * so that the client's own request/response handling never waits behind the
 * server's event loop: latencies are what a client on another machine would see,
 * plus loopback. It is started by the bench, never on its own.
 */
import { randomBytes } from "node:crypto";
import { readlinkSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";

export type ClientSetup = {
  baseUrl: string;
  origin: string;
  cookie: string;
  /** Where session lookups go: GET /api/auth/get-session, or the bench's direct route. */
  lookupPath: string;
};

export type ClientCommand =
  | { kind: "lookups"; count: number }
  | { kind: "sign-ups"; path: string; count: number; concurrency: number; tag: string }
  | {
      kind: "contention";
      path: string;
      concurrency: number;
      durationMs: number;
      tag: string;
      /** Run the session-lookup loop alongside the sign-ups. */
      lookups: boolean;
      /** Pause between two session lookups; 0 = back to back. */
      lookupGapMs: number;
    };

export type ClientResult = {
  lookupMs: number[];
  lookupFailures: number;
  signUpMs: number[];
  /** Sign-up responses by HTTP status ("fetch-error" when the request itself failed). */
  signUpStatuses: Record<string, number>;
  /** The first non-202 answer, to show what went wrong. */
  firstSignUpFailure?: string;
  /** From the first request until the last sign-up (or lookup) finished. */
  elapsedMs: number;
  /** This thread's Linux thread id, so the bench can tell its CPU time from the server's. */
  threadId?: number;
};

const setup = workerData as ClientSetup;

function linuxThreadId(): number | undefined {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}
const threadId = linuxThreadId();

function emptyResult(): ClientResult {
  return { lookupMs: [], lookupFailures: 0, signUpMs: [], signUpStatuses: {}, elapsedMs: 0, ...(threadId ? { threadId } : {}) };
}

async function lookupOnce(result: ClientResult) {
  const started = performance.now();
  try {
    const response = await fetch(`${setup.baseUrl}${setup.lookupPath}`, { headers: { cookie: setup.cookie } });
    const text = await response.text();
    result.lookupMs.push(performance.now() - started);
    if (response.status !== 200 || !text.includes('"email"')) result.lookupFailures += 1;
  } catch {
    result.lookupMs.push(performance.now() - started);
    result.lookupFailures += 1;
  }
}

let serial = 0;

async function signUpOnce(result: ClientResult, path: string, tag: string) {
  serial += 1;
  const nonce = randomBytes(5).toString("hex");
  const body = JSON.stringify({
    firstName: "Bench",
    lastName: `Runner ${serial}`,
    email: `bench-${tag}-${serial}-${nonce}@example.com`,
    password: `amber-quartz-lantern-${nonce}`,
  });
  const started = performance.now();
  let status = "fetch-error";
  let detail = "";
  try {
    const response = await fetch(`${setup.baseUrl}${path}`, {
      method: "POST",
      headers: { origin: setup.origin, "content-type": "application/json" },
      body,
    });
    detail = await response.text();
    status = String(response.status);
  } catch (err) {
    detail = err instanceof Error ? err.message : String(err);
  }
  result.signUpMs.push(performance.now() - started);
  result.signUpStatuses[status] = (result.signUpStatuses[status] ?? 0) + 1;
  if (status !== "202" && result.firstSignUpFailure === undefined)
    result.firstSignUpFailure = `${status}: ${detail.slice(0, 300)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(command: ClientCommand): Promise<ClientResult> {
  const result = emptyResult();
  const started = performance.now();
  if (command.kind === "lookups") {
    for (let i = 0; i < command.count; i++) await lookupOnce(result);
  } else if (command.kind === "sign-ups") {
    let remaining = command.count;
    const loop = async () => {
      while (remaining > 0) {
        remaining -= 1;
        await signUpOnce(result, command.path, command.tag);
      }
    };
    await Promise.all(Array.from({ length: command.concurrency }, loop));
  } else {
    const deadline = started + command.durationMs;
    let signUpsRunning = command.concurrency;
    const signUpLoop = async () => {
      while (performance.now() < deadline) await signUpOnce(result, command.path, command.tag);
      signUpsRunning -= 1;
    };
    // Lookups keep going until the last sign-up has answered, so every sign-up overlaps them.
    const lookupLoop = async () => {
      while (signUpsRunning > 0) {
        await lookupOnce(result);
        if (command.lookupGapMs > 0) await sleep(command.lookupGapMs);
      }
    };
    await Promise.all([...Array.from({ length: command.concurrency }, signUpLoop), ...(command.lookups ? [lookupLoop()] : [])]);
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

// The bench ends this worker with worker.terminate() when it is done.
parentPort?.on("message", (command: ClientCommand) => {
  run(command).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) =>
      parentPort?.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
