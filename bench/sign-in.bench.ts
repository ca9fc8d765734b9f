/**
 * Sign-in (issue 8, point 1). Boots the real app over real HTTP on a fresh database, signs one
 * person up (verified through the link in the outbox), and measures Better Auth's email/password
 * sign-in through our auth bridge beside a bare route with the same hooks, from worker-thread
 * clients (http-worker.ts, fetch keep-alive, one request at a time each):
 *
 *   bare ×1       POST /bench/noop: same origin header, same JSON body, answers {"ok":true}
 *   sign-in ×1    POST /api/auth/sign-in/email, one client (latency)
 *   bare ×C       the bare route from C clients at once
 *   sign-in ×C    sign-ins from C clients at once (throughput: argon2 verify on its worker thread)
 *
 * Every sign-in must answer 200 and write one sessions row (the bench counts them).
 *
 *   node --import tsx bench/sign-in.bench.ts [--engine=sqlite|postgres] [--requests=200]
 *     [--warmup=20] [--concurrency=4] [--json=FILE]
 *
 * Exit code 0 unless the bench itself failed. See bench/README.md.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { type App, buildApp } from "../src/server/app.ts";
import { createThrowawayDatabase, TEST_PG_ADMIN_URL } from "../test/helpers/test-database.ts";
import {
  type CpuUsage,
  fmt,
  freePort,
  type HttpWorker,
  markdownTable,
  type Summary,
  startCpuProbe,
  startHttpWorker,
  summarize,
} from "./bench-support.ts";
import { signUpOverHttp } from "./business-users-seed.ts";
import type { HttpRequestSpec } from "./http-worker.ts";

/** The password signUpOverHttp gives the people it creates. */
const PASSWORD = "violet-harbour-engine-bench-42";

export type SignInOptions = {
  engine: "sqlite" | "postgres";
  /** Requests per client and phase, after `warmup`. */
  requests: number;
  warmup: number;
  /** Clients in the parallel phases. */
  concurrency: number;
};

export type SignInPhase = {
  key: "bare-1" | "sign-in-1" | "bare-n" | "sign-in-n";
  label: string;
  concurrency: number;
  /** Answers per second over the phase's wall time (all clients). */
  perSecond: number;
  http: Summary;
  server: Summary;
  statuses: Record<string, number>;
  firstFailure?: string;
} & CpuUsage;

export type SignInResult = {
  bench: "sign-in";
  engine: "sqlite" | "postgres";
  node: string;
  cores: number;
  date: string;
  options: SignInOptions;
  phases: SignInPhase[];
  /** sessions rows added during the measured sign-in phases, and sign-ins answered 200 there. */
  sessionsAdded: number;
  signInsAnswered200: number;
};

export async function runSignIn(options: SignInOptions): Promise<SignInResult> {
  const { engine, requests, warmup, concurrency } = options;
  const throwaway = await createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...{ NODE_ENV: "test", LOG_LEVEL: "silent", AUTH_RATE_LIMIT: "off", DATABASE_URL: throwaway.url },
    ...{ PUBLIC_URL: baseUrl, HOST: "127.0.0.1", PORT: String(port) },
  });
  const database = createDatabase(config.database);
  const { db } = database;
  let app: App | undefined;
  const workers: HttpWorker[] = [];
  try {
    await migrateToLatest(database.authDb);
    app = await buildApp({ config, database, startWorkers: false });
    const server = app;
    // Bench-only, registered before listen so the app's hooks (helmet, CSRF check, metrics) apply to it too.
    server.post("/bench/noop", { schema: { hide: true } }, async () => ({ ok: true }));
    let serverMs: number[] | undefined;
    server.addHook("onResponse", async (_request, reply) => {
      serverMs?.push(reply.elapsedTime);
    });
    await server.listen({ host: "127.0.0.1", port });

    const person = await signUpOverHttp(baseUrl, database, "bench-sign-in", "Signer");
    const body = JSON.stringify({ email: person.email, password: PASSWORD });
    const signIn: HttpRequestSpec = { method: "POST", path: "/api/auth/sign-in/email", body };
    const bare: HttpRequestSpec = { method: "POST", path: "/bench/noop", body };
    // Signed out: no cookie, as on the sign-in page.
    for (let i = 0; i < Math.max(1, concurrency); i++) workers.push(startHttpWorker({ baseUrl, origin: baseUrl, cookie: "" }));
    const sessions = async () =>
      Number(
        (
          await db
            .selectFrom("sessions")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const phases: SignInPhase[] = [];
    let sessionsAdded = 0;
    let signInsAnswered200 = 0;
    const phase = async (key: SignInPhase["key"], label: string, spec: HttpRequestSpec, clients: number) => {
      const used = workers.slice(0, clients);
      await Promise.all(used.map((w) => w.run({ requests: Array(warmup).fill(spec), expectStatus: 200 })));
      const before = await sessions();
      const recorded: number[] = [];
      serverMs = recorded;
      const probe = startCpuProbe(engine === "postgres" ? "postgres" : undefined);
      const started = performance.now();
      const answers = await Promise.all(used.map((w) => w.run({ requests: Array(requests).fill(spec), expectStatus: 200 })));
      const seconds = (performance.now() - started) / 1000;
      const cpu = probe.stop();
      serverMs = undefined;
      const statuses: Record<string, number> = {};
      for (const a of answers) for (const [s, n] of Object.entries(a.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
      const firstFailure = answers.find((a) => a.firstFailure)?.firstFailure;
      if (spec === signIn) {
        sessionsAdded += (await sessions()) - before;
        signInsAnswered200 += statuses["200"] ?? 0;
      }
      phases.push({
        key,
        label,
        concurrency: clients,
        perSecond: (statuses["200"] ?? 0) / seconds,
        http: summarize(answers.flatMap((a) => a.ms)),
        server: summarize(recorded),
        statuses,
        ...(firstFailure ? { firstFailure } : {}),
        ...cpu,
      });
    };
    await phase("bare-1", "bare route, 1 client", bare, 1);
    await phase("sign-in-1", "sign-in, 1 client", signIn, 1);
    await phase("bare-n", `bare route, ${concurrency} clients`, bare, concurrency);
    await phase("sign-in-n", `sign-in, ${concurrency} clients`, signIn, concurrency);
    return {
      bench: "sign-in",
      engine,
      node: process.version,
      cores: availableParallelism(),
      date: new Date().toISOString(),
      options,
      phases,
      sessionsAdded,
      signInsAnswered200,
    };
  } finally {
    for (const worker of workers) await worker.stop();
    await app?.close();
    await database.destroy();
    await throwaway.drop();
  }
}

export function printSignIn(result: SignInResult) {
  const header = [result.engine, "n", "req/s", "p50", "p95", "p99", "max", "srv p50", "srv p95", "cores: us / db / others"];
  const rows = result.phases.map((p) => [
    p.label,
    String(p.http.n),
    fmt(p.perSecond, 0),
    ...[p.http.p50, p.http.p95, p.http.p99, p.http.max, p.server.p50, p.server.p95].map((v) => fmt(v)),
    `${fmt(p.processCores)} / ${fmt(p.dbCores)} / ${fmt(p.otherCores)}`,
  ]);
  console.log(`${markdownTable(header, rows)}\n`);
  for (const p of result.phases) if (p.firstFailure) console.log(`${p.label}: unexpected answer: ${p.firstFailure}`);
  console.log(
    `sessions rows added by the measured sign-ins: ${result.sessionsAdded}; sign-ins answered 200: ${result.signInsAnswered200}` +
      (result.sessionsAdded === result.signInsAnswered200 ? "" : "  MISMATCH"),
  );
  console.log(
    "All times in ms, client-observed over HTTP keep-alive (worker threads); srv: Fastify reply.elapsedTime. " +
      "req/s: answers 200 ÷ the phase's wall time. cores: this process / PostgreSQL / everything else (> 0.25: noisy).",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: args } = parseArgs({
    options: {
      engine: { type: "string", default: "sqlite" },
      requests: { type: "string", default: "200" },
      warmup: { type: "string", default: "20" },
      concurrency: { type: "string", default: "4" },
      json: { type: "string" },
    },
    strict: true,
  });
  if (args.engine !== "sqlite" && args.engine !== "postgres") throw new Error("--engine must be sqlite or postgres");
  const whole = (flag: "requests" | "warmup" | "concurrency") => {
    const value = Number(args[flag]);
    if (!(Number.isInteger(value) && value >= 0)) throw new Error(`--${flag} must be a whole number`);
    return value;
  };
  const options = { engine: args.engine, requests: whole("requests"), warmup: whole("warmup") } as const;
  runSignIn({ ...options, concurrency: Math.max(1, whole("concurrency")) }).then(
    (result) => {
      printSignIn(result);
      if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
