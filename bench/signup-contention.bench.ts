/**
 * Sign-up contention benchmark. Boots the real app over real HTTP on a fresh
 * database and measures session lookups (GET /api/me: the session check of every API
 * request, plus one query) and sign-ups:
 *
 *   A  idle: sequential session lookups only.
 *   B  prehashed: N loops of POST /api/identity/sign-up (the app's route, which hashes
 *      *before* its one transaction: person, credential, outbox email) while
 *      one loop does sequential session lookups.
 *   C  hash in transaction: as B, but the sign-ups go to a bench-only route that calls
 *      Better Auth's signUpEmail directly, so the (argon2) hash runs *inside* the
 *      transaction, which is what Better Auth does by default.
 *   D  (--stock-hasher) as C, through a second Better Auth instance with the same
 *      options but Better Auth's own scrypt hasher: Better Auth's defaults.
 *   E  (--hash-limit=K) as B, but at most K argon2 hashes in flight (a semaphore held
 *      only while withPrehashedPassword hashes): what the suggested fix would give.
 *
 *   node --import tsx bench/signup-contention.bench.ts [--engine=sqlite|postgres]
 *     [--duration=10] [--concurrency=4] [--baseline=2000] [--lookup-gap-ms=0]
 *     [--stock-hasher] [--hash-limit=K] [--direct-lookups] [--skip-naive] [--json=FILE]
 *
 * --bridge-lookups sends the lookups to GET /api/auth/get-session (Better Auth through the
 * auth bridge) and --direct-lookups to a bench route that calls auth.api.getSession, to
 * compare with Better Auth's own session lookup.
 *
 * Exit code 0 whether or not the targets are met; non-zero only when something crashed.
 * See bench/README.md.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { type EventLoopUtilization, type IntervalHistogram, monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { betterAuth } from "better-auth";
import type { FastifyRequest } from "fastify";
import { loadConfig } from "../src/config.ts";
import { createDatabase, type Database } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { toFetchHeaders } from "../src/modules/identity/auth-bridge.routes.ts";
import { withPrehashedPassword } from "../src/modules/identity/password-hasher.ts";
import { type App, buildApp } from "../src/server/app.ts";
import { createThrowawayDatabase, TEST_PG_ADMIN_URL, type ThrowawayDatabase } from "../test/helpers/test-database.ts";
import type { ClientCommand, ClientResult, ClientSetup } from "./load-client.ts";

const TARGET_LOOKUP_P99_MS = 10;
const TARGET_SIGN_UPS_PER_SECOND = 60;
/** Other processes using more than this many cores during a phase make its numbers suspect. */
const NOISE_CORES = 0.25;

const OUR_PATH = "/api/identity/sign-up";
const NAIVE_PATH = "/bench/naive-sign-up";
const STOCK_PATH = "/bench/stock-sign-up";
const LIMITED_PATH = "/bench/limited-sign-up";
const BRIDGE_LOOKUP_PATH = "/api/auth/get-session";
/** What every API request's session check costs: identity's session resolver, plus one query. */
const ME_LOOKUP_PATH = "/api/me";
const DIRECT_LOOKUP_PATH = "/bench/get-session-direct";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
    baseline: { type: "string", default: "2000" },
    "lookup-gap-ms": { type: "string", default: "0" },
    "stock-hasher": { type: "boolean", default: false },
    "hash-limit": { type: "string" },
    "direct-lookups": { type: "boolean", default: false },
    "bridge-lookups": { type: "boolean", default: false },
    "skip-naive": { type: "boolean", default: false },
    json: { type: "string" },
  },
  strict: true,
});

if (args.engine !== "sqlite" && args.engine !== "postgres")
  throw new Error(`--engine must be sqlite or postgres, not ${args.engine}`);
const engine: "sqlite" | "postgres" = args.engine;
const durationMs = Number(args.duration) * 1000;
const concurrency = Number(args.concurrency);
const baselineCount = Number(args.baseline);
const lookupGapMs = Number(args["lookup-gap-ms"]);
const hashLimit = args["hash-limit"] === undefined ? undefined : Number(args["hash-limit"]);
const lookupPath = args["direct-lookups"] ? DIRECT_LOOKUP_PATH : args["bridge-lookups"] ? BRIDGE_LOOKUP_PATH : ME_LOOKUP_PATH;
for (const [name, value] of Object.entries({ duration: durationMs, concurrency, baseline: baselineCount, hashLimit })) {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new Error(`--${name} must be a positive number`);
}

// ---------------------------------------------------------------- statistics

type Summary = { n: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentiles. */
function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    sorted.length === 0 ? Number.NaN : (sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Machine-wide busy CPU seconds from /proc/stat (Linux), to tell our load from other processes'. */
function machineBusySeconds(): number | undefined {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ
  } catch {
    return undefined;
  }
}

/** CPU seconds of one thread of this process (Linux), or undefined. The main thread's id is the pid. */
function threadCpuSeconds(threadId: number | undefined): number | undefined {
  if (threadId === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ
  } catch {
    return undefined;
  }
}

type Usage = {
  /** Event-loop delay of the server's (main) thread. */
  eventLoopP99: number;
  eventLoopMax: number;
  /** Event-loop utilization of the server's thread: 1 = never idle. */
  eventLoopUtilization: number;
  /** Cores used by this process: server thread, libuv pool (argon2, scrypt, WebCrypto), GC, load client. */
  processCores: number;
  /** Cores used by the server's main thread alone (Linux only). */
  mainCores?: number;
  /** Cores used by the load-client thread (Linux only). */
  clientCores?: number;
  /** Cores used by the whole machine; minus processCores = other processes. */
  machineCores?: number;
};

function startProbe(clientThreadId: number | undefined): { stop(): Usage } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const elu: EventLoopUtilization = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const machine = machineBusySeconds();
  const main = threadCpuSeconds(process.pid);
  const client = threadCpuSeconds(clientThreadId);
  const started = performance.now();
  const rate = (before: number | undefined, after: number | undefined, seconds: number) =>
    before !== undefined && after !== undefined ? (after - before) / seconds : undefined;
  return {
    stop() {
      histogram.disable();
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const mainCores = rate(main, threadCpuSeconds(process.pid), seconds);
      const clientCores = rate(client, threadCpuSeconds(clientThreadId), seconds);
      const machineCores = rate(machine, machineBusySeconds(), seconds);
      return {
        eventLoopP99: histogram.percentile(99) / 1e6,
        eventLoopMax: histogram.max / 1e6,
        eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
        processCores: (used.user + used.system) / 1e6 / seconds,
        ...(mainCores !== undefined ? { mainCores } : {}),
        ...(clientCores !== undefined ? { clientCores } : {}),
        ...(machineCores !== undefined ? { machineCores } : {}),
      };
    },
  };
}

// ---------------------------------------------------------------- environment

async function freePort(): Promise<number> {
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

/** A fresh SQLite file in a temp dir, or a new PostgreSQL database, dropped at the end. */
function createThrowaway(): Promise<ThrowawayDatabase> {
  return createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
}

/** A FIFO semaphore. */
function createLimiter(permits: number) {
  let free = permits;
  const waiting: Array<() => void> = [];
  return {
    async acquire(): Promise<() => void> {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      };
    },
  };
}

type SignUpInput = { firstName: string; lastName: string; email: string; password: string };
type SignUpApi = Pick<App["auth"], "api">;

function signUpEmail(auth: SignUpApi, request: FastifyRequest) {
  const body = request.body as SignUpInput;
  return auth.api.signUpEmail({
    body: {
      name: `${body.firstName} ${body.lastName}`,
      email: body.email.toLowerCase(),
      password: body.password,
      firstName: body.firstName,
      lastName: body.lastName,
      locale: "en",
      callbackURL: "/email-verified",
    },
    headers: toFetchHeaders(request),
  });
}

/** Bench-only routes, registered before listen (buildApp returns an app that is not ready yet). */
function registerBenchRoutes(app: App) {
  const accepted = { status: "verification_sent" } as const;

  // C: Better Auth hashes inside its transaction (no withPrehashedPassword).
  app.post(NAIVE_PATH, { schema: { hide: true } }, async (request, reply) => {
    await signUpEmail(app.auth, request);
    return reply.status(202).send(accepted);
  });

  // D: same options (database, hooks, plugins), but Better Auth's default scrypt hasher.
  if (args["stock-hasher"]) {
    const options = app.auth.options;
    const stockAuth = betterAuth({
      ...options,
      emailAndPassword: { ...options.emailAndPassword, password: undefined },
    }) as unknown as SignUpApi;
    app.post(STOCK_PATH, { schema: { hide: true } }, async (request, reply) => {
      await signUpEmail(stockAuth, request);
      return reply.status(202).send(accepted);
    });
  }

  // E: prehashed like our route, with at most `hashLimit` hashes in flight. The permit
  // is held while withPrehashedPassword hashes and released as soon as it calls back,
  // i.e. exactly around the argon2 call, not around the database work.
  if (hashLimit !== undefined) {
    const limiter = createLimiter(hashLimit);
    app.post(LIMITED_PATH, { schema: { hide: true } }, async (request, reply) => {
      const release = await limiter.acquire();
      try {
        await withPrehashedPassword((request.body as SignUpInput).password, () => {
          release();
          return signUpEmail(app.auth, request);
        });
      } finally {
        release();
      }
      return reply.status(202).send(accepted);
    });
  }

  // --direct-lookups: the session through auth.api instead of auth.handler.
  app.get(DIRECT_LOOKUP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const { headers, response } = await app.auth.api.getSession({ headers: toFetchHeaders(request), returnHeaders: true });
    for (const cookie of headers.getSetCookie()) reply.header("set-cookie", cookie);
    return reply.type("application/json").send(JSON.stringify(response));
  });

  // Server-side handling time of the lookups (Fastify's reply.elapsedTime), while recording.
  const timing = { recording: false, lookupMs: [] as number[] };
  app.addHook("onResponse", async (request, reply) => {
    if (timing.recording && request.url.startsWith(lookupPath)) timing.lookupMs.push(reply.elapsedTime);
  });
  return timing;
}

/** Signs a user up over HTTP, follows the verification link from the outbox, returns the session cookie. */
async function signedInCookie(baseUrl: string, database: Database): Promise<string> {
  const email = `bench-owner-${randomBytes(4).toString("hex")}@example.com`;
  const response = await fetch(`${baseUrl}${OUR_PATH}`, {
    method: "POST",
    headers: { origin: baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ firstName: "Bench", lastName: "Owner", email, password: "violet-harbour-engine-bench-42" }),
  });
  if (response.status !== 202) throw new Error(`sign-up of the bench user failed: ${response.status} ${await response.text()}`);
  const mail = await database.db
    .selectFrom("outbox")
    .select("payloadJson")
    .where("recipient", "=", email)
    .where("template", "=", "verify-email")
    .executeTakeFirst();
  const url = mail?.payloadJson.url;
  if (typeof url !== "string") throw new Error("no verification mail for the bench user");
  const verified = await fetch(url, { redirect: "manual" });
  await verified.arrayBuffer();
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c.includes("session_token="))
    .join("; ");
  if (!cookie) throw new Error(`verification did not sign in (status ${verified.status})`);
  for (const path of [BRIDGE_LOOKUP_PATH, DIRECT_LOOKUP_PATH]) {
    const check = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (!(await check.text()).includes(email)) throw new Error(`${path}: the session cookie does not resolve to the bench user`);
  }
  return cookie;
}

// ---------------------------------------------------------------- client

/** The load generator runs in a worker thread (see load-client.ts). */
function startClient(setup: ClientSetup) {
  // Node 20 does not apply `--import tsx` to worker threads, so the worker registers
  // tsx itself before it imports the TypeScript client.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./load-client.ts", import.meta.url).href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: setup });
  let pending: { resolve(r: ClientResult): void; reject(e: Error): void } | undefined;
  worker.on("message", (message: { ok: true; result: ClientResult } | { ok: false; error: string }) => {
    const current = pending;
    pending = undefined;
    if (message.ok) current?.resolve(message.result);
    else current?.reject(new Error(`load client failed: ${message.error}`));
  });
  worker.on("error", (err) => pending?.reject(err));
  return {
    run(command: ClientCommand): Promise<ClientResult> {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(command);
      });
    },
    stop: () => worker.terminate(),
  };
}

// ---------------------------------------------------------------- report

type PhaseReport = {
  phase: string;
  lookups: Summary;
  lookupFailures: number;
  serverLookups: Summary;
  signUps?: { completed: number; perSecond: number; failures: number; statuses: Record<string, number>; latency: Summary };
} & Usage;

const opt = (v: number | undefined) => (v === undefined ? "?" : v.toFixed(2));

/** main thread / load client / the rest of this process (libuv pool: argon2, WebCrypto; GC) / whole machine. */
function cpuColumn(r: Usage): string {
  const rest =
    r.mainCores !== undefined && r.clientCores !== undefined ? r.processCores - r.mainCores - r.clientCores : undefined;
  return [r.mainCores, r.clientCores, rest, r.machineCores].map(opt).join("/");
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "-");

function printTable(reports: PhaseReport[]) {
  const header = [
    "phase",
    "lookups",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "srv p99",
    "sign-ups/s",
    "202s",
    "non-202",
    "sign-up p50",
    "sign-up p99",
    "loop p99",
    "ELU",
    "cores main/client/rest/all",
  ];
  const rows = reports.map((r) => [
    r.phase,
    String(r.lookups.n),
    fmt(r.lookups.p50),
    fmt(r.lookups.p95),
    fmt(r.lookups.p99),
    fmt(r.lookups.max),
    fmt(r.serverLookups.p99),
    r.signUps ? r.signUps.perSecond.toFixed(1) : "-",
    r.signUps ? String(r.signUps.completed) : "-",
    r.signUps ? String(r.signUps.failures) : "-",
    r.signUps ? fmt(r.signUps.latency.p50) : "-",
    r.signUps ? fmt(r.signUps.latency.p99) : "-",
    fmt(r.eventLoopP99),
    r.eventLoopUtilization.toFixed(2),
    cpuColumn(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

const LEGEND = `
lookups, p50..max: client-observed GET ${lookupPath}, in ms; srv p99: the same inside Fastify (reply.elapsedTime).
sign-ups/s: 202 answers / phase time. loop p99: event-loop delay of the server thread; ELU: its event-loop
utilization. cores: CPU cores used by the server's main thread / the load-client thread / the rest of this
process (libuv pool: argon2, scrypt, WebCrypto HMAC; GC) / the whole machine (the excess is other processes).
B = POST ${OUR_PATH} (hash before the transaction); C = signUpEmail directly (argon2 inside the transaction);
D = Better Auth's scrypt inside the transaction; E = B with at most K hashes in flight.`;

const cores = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");

// ---------------------------------------------------------------- main

async function main() {
  const throwaway = await createThrowaway();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    AUTH_RATE_LIMIT: "off",
    DATABASE_URL: throwaway.url,
    PUBLIC_URL: baseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
  });
  const database = createDatabase(config.database);
  let app: App | undefined;
  let client: ReturnType<typeof startClient> | undefined;
  try {
    await migrateToLatest(database.authDb);
    app = await buildApp({ config, database, startWorkers: false });
    const timing = registerBenchRoutes(app);
    await app.listen({ host: "127.0.0.1", port });

    const cookie = await signedInCookie(baseUrl, database);
    const load = startClient({ baseUrl, origin: baseUrl, cookie, lookupPath });
    client = load;

    console.log(
      `signup-contention bench: engine=${engine}, node ${process.version}, ${availableParallelism()} cores, ` +
        `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}, load average ${cores(loadavg())}`,
    );
    console.log(
      `A: ${baselineCount} sequential lookups, idle. B..E: ${concurrency} sign-up loops for ${durationMs / 1000} s ` +
        `+ 1 sequential lookup loop (pause ${lookupGapMs} ms). Lookups: GET ${lookupPath}\n`,
    );

    // Warm-up: JIT, prepared statements, pools, keep-alive sockets.
    await load.run({ kind: "lookups", count: 300 });
    const warmPaths = [
      OUR_PATH,
      ...(args["skip-naive"] ? [] : [NAIVE_PATH]),
      ...(args["stock-hasher"] ? [STOCK_PATH] : []),
      ...(hashLimit !== undefined ? [LIMITED_PATH] : []),
    ];
    let clientThreadId: number | undefined;
    for (const path of warmPaths) {
      const warm = await load.run({ kind: "sign-ups", path, count: 2 * concurrency, concurrency, tag: "warm" });
      clientThreadId = warm.threadId;
    }

    const reports: PhaseReport[] = [];
    const measure = async (phase: string, command: ClientCommand) => {
      timing.lookupMs = [];
      timing.recording = true;
      const probe = startProbe(clientThreadId);
      const result = await load.run(command);
      const usage = probe.stop();
      timing.recording = false;
      const completed = result.signUpStatuses["202"] ?? 0;
      const report: PhaseReport = {
        phase,
        lookups: summarize(result.lookupMs),
        lookupFailures: result.lookupFailures,
        serverLookups: summarize(timing.lookupMs),
        ...(command.kind === "contention"
          ? {
              signUps: {
                completed,
                perSecond: completed / (result.elapsedMs / 1000),
                failures: result.signUpMs.length - completed,
                statuses: result.signUpStatuses,
                latency: summarize(result.signUpMs),
              },
            }
          : {}),
        ...usage,
      };
      reports.push(report);
      if (report.lookupFailures > 0) console.log(`${phase}: ${report.lookupFailures} session lookups failed`);
      if (result.firstSignUpFailure) console.log(`${phase}: first non-202 sign-up: ${result.firstSignUpFailure}`);
      return report;
    };
    const contention = (path: string, tag: string): ClientCommand => ({
      kind: "contention",
      path,
      concurrency,
      durationMs,
      tag,
      lookups: true,
      lookupGapMs,
    });

    await measure("A idle", { kind: "lookups", count: baselineCount });
    const ours = await measure("B prehashed", contention(OUR_PATH, "b"));
    if (!args["skip-naive"]) await measure("C hash in txn", contention(NAIVE_PATH, "c"));
    if (args["stock-hasher"]) await measure("D stock scrypt", contention(STOCK_PATH, "d"));
    if (hashLimit !== undefined) await measure(`E limit ${hashLimit}`, contention(LIMITED_PATH, "e"));

    printTable(reports);
    console.log(LEGEND);
    console.log(`load average after: ${cores(loadavg())}`);
    const noisy = reports.filter((r) => r.machineCores !== undefined && r.machineCores - r.processCores > NOISE_CORES);
    if (noisy.length > 0) {
      console.log(
        `WARNING: other processes used more than ${NOISE_CORES} cores during ${noisy.map((r) => r.phase).join(", ")}; ` +
          "those numbers are inflated. Re-run on a quiet machine.",
      );
    }
    console.log();

    const p99 = ours.lookups.p99;
    const rate = ours.signUps?.perSecond ?? 0;
    const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
    console.log(
      `session p99 under contention: ${p99.toFixed(2)} ms (target < ${TARGET_LOOKUP_P99_MS} ms) ${verdict(p99 < TARGET_LOOKUP_P99_MS)}`,
    );
    console.log(
      `sign-ups/s: ${rate.toFixed(1)} (target >= ${TARGET_SIGN_UPS_PER_SECOND}) ${verdict(rate >= TARGET_SIGN_UPS_PER_SECOND)}`,
    );
    if (args.json) {
      const meta = {
        engine,
        node: process.version,
        concurrency,
        durationMs,
        lookupPath,
        hashLimit,
        threadpool: process.env.UV_THREADPOOL_SIZE,
      };
      writeFileSync(args.json, `${JSON.stringify({ ...meta, reports }, null, 2)}\n`);
    }
  } finally {
    await client?.stop();
    await app?.close();
    await database.destroy();
    await throwaway.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
