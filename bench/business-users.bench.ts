/**
 * Business Account Users at scale (issue 3, point 14). Boots the real app over real HTTP
 * on a fresh database, seeds one business account with 10,000 members and 2,000
 * pending invitations, and measures with a keep-alive client in a worker thread:
 *
 *   baseline    a bare route on the same server returning a small JSON (the floor)
 *   access      session lookup + membership check only (diagnostic: what every account route pays)
 *   (a)         GET /api/accounts/:id/users?limit=50&sort=name, the first page
 *   (b)         the same with ?q= a common surname substring / a part of an email (varied), and rare terms
 *   (c)         the 10th page through the keyset cursor
 *   (d)         POST /api/accounts/:id/invitations with 100 fresh addresses, rows counted after each send
 *   csv         GET /api/accounts/:id/users.csv, every row (the peer's unlimited list takes ~1 s)
 *
 *   node --import tsx bench/business-users.bench.ts [--engine=sqlite|postgres] [--rounds=2]
 *     [--requests=500] [--warmup=100] [--sends=30] [--csv-runs=5] [--members=10000] [--invitations=2000] [--json=FILE]
 *
 * Prints Markdown tables and writes JSON to bench/results/business-users-<engine>.json.
 * Exit code 0 whether or not the targets are met. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { checkMembership } from "../src/modules/accounts/account-access.ts";
import { SESSION_EXPIRES_IN_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "../src/modules/identity/auth.ts";
import { createSessionResolver } from "../src/modules/identity/session-resolver.ts";
import { listRoster } from "../src/modules/membership/roster.repo.ts";
import { type App, buildApp } from "../src/server/app.ts";
import { createThrowawayDatabase, TEST_PG_ADMIN_URL } from "../test/helpers/test-database.ts";
import { freePort, startCpuProbe, startHttpWorker, summarize } from "./bench-support.ts";
import { createSendPhase } from "./business-users-invitations.ts";
import { type PhaseResult, printRound, REPO_RUNS, type SendChecks, TARGETS } from "./business-users-report.ts";
import { createAdminOverHttp, EMAIL_TERMS, NAME_TERMS, RARE_TERMS, seedBusinessAccount } from "./business-users-seed.ts";
import type { HttpRequestSpec } from "./http-worker.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    rounds: { type: "string", default: "2" },
    requests: { type: "string", default: "500" },
    warmup: { type: "string", default: "100" },
    sends: { type: "string", default: "30" },
    "csv-runs": { type: "string", default: "5" },
    members: { type: "string", default: "10000" },
    invitations: { type: "string", default: "2000" },
    json: { type: "string" },
  },
  strict: true,
});
if (args.engine !== "sqlite" && args.engine !== "postgres")
  throw new Error(`--engine must be sqlite or postgres, not ${args.engine}`);
const engine: "sqlite" | "postgres" = args.engine;
const FLAGS = ["rounds", "requests", "warmup", "sends", "csv-runs", "members", "invitations"] as const;
const [rounds, requests, warmup, sends, csvRuns, memberCount, invitationCount] = FLAGS.map((flag) => {
  const value = Number(args[flag]);
  if (!(Number.isInteger(value) && value >= 0)) throw new Error(`--${flag} must be a whole number`);
  return value;
}) as [number, number, number, number, number, number, number];
/** PostgreSQL's server processes, so their CPU is not counted as other people's. */
const DB_PROCESS = engine === "postgres" ? "postgres" : undefined;
const jsonFile = args.json ?? new URL(`./results/business-users-${engine}.json`, import.meta.url).pathname;
const loads = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");

type Phase = { key: string; label: string; make(n: number): HttpRequestSpec[]; repo?(i: number): Promise<unknown> };

async function main() {
  const throwaway = await createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    AUTH_RATE_LIMIT: "off",
    // 30 sends of 100 exceed the default 500 a day; the limit's count query still runs on every send.
    INVITATION_DAILY_LIMIT: "1000000",
    DATABASE_URL: throwaway.url,
    PUBLIC_URL: baseUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
  });
  const database = createDatabase(config.database);
  const { db } = database;
  let app: App | undefined;
  let worker: ReturnType<typeof startHttpWorker> | undefined;
  try {
    await migrateToLatest(database.authDb);
    app = await buildApp({ config, database, startWorkers: false });
    const server = app;
    const sessions = createSessionResolver({
      db,
      secret: config.authSecret,
      secureCookies: false,
      expiresInSeconds: SESSION_EXPIRES_IN_SECONDS,
      updateAgeSeconds: SESSION_UPDATE_AGE_SECONDS,
    });
    // Bench-only routes, registered before listen, so the app's hooks (helmet, CSRF, metrics) apply to them too.
    server.get("/bench/ping", { schema: { hide: true } }, async () => ({ ok: true }));
    server.get<{ Params: { accountId: string } }>("/bench/access/:accountId", { schema: { hide: true } }, async (request) => {
      // The same check every account route makes: identity's session resolver, then the membership.
      const lookup = await sessions.lookup(request.headers.cookie);
      if (lookup.kind !== "valid") throw new Error(`no session (${lookup.kind})`);
      await checkMembership(db, request.params.accountId, lookup.session.userId, { admin: true, business: true });
      return { ok: true };
    });
    let serverMs: number[] | undefined;
    server.addHook("onResponse", async (_request, reply) => {
      serverMs?.push(reply.elapsedTime);
    });
    const recordServer = () => {
      const recorded: number[] = [];
      serverMs = recorded;
      return () => {
        serverMs = undefined;
        return recorded;
      };
    };
    await server.listen({ host: "127.0.0.1", port });

    const admin = await createAdminOverHttp(baseUrl, database);
    const { accountId } = admin;
    const seed = await seedBusinessAccount(database, {
      accountId,
      adminUserId: admin.userId,
      adminEmail: admin.email,
      members: memberCount,
      invitations: invitationCount,
    });
    // PostgreSQL: what autovacuum does after a bulk load. SQLite: nothing (the app never runs ANALYZE).
    if (engine === "postgres") await sql`analyze`.execute(db);
    console.log(
      `business-users bench: engine=${engine}, node ${process.version}, ${availableParallelism()} cores, load average ${loads()}\n` +
        `seeded ${seed.members} members (${seed.admins} admins, ${seed.blocked} blocked) + ${seed.invitations} pending ` +
        `invitations (${seed.expiredInvitations} past expiry) in ${(seed.ms / 1000).toFixed(1)} s; ${requests} requests ` +
        `per phase after ${warmup} warm-up, ${sends} sends of 100, ${rounds} round(s)\n`,
    );

    const users = (query: Record<string, string> = {}) =>
      `/api/accounts/${accountId}/users?${new URLSearchParams({ limit: "50", sort: "name", ...query })}`;
    const getJson = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: admin.cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: unknown[]; nextCursor: string | null };
    };
    // The 10th page's cursor (pages 1..9 walked once), and a check that every search term finds people.
    let cursor: string | null = null;
    for (let page = 1; page < 10; page++) cursor = (await getJson(users(cursor ? { cursor } : {}))).nextCursor;
    if (!cursor) throw new Error("fewer than 10 pages");
    const pageTen = cursor;
    for (const q of [...NAME_TERMS, ...EMAIL_TERMS]) {
      if ((await getJson(users({ q }))).items.length === 0) throw new Error(`search ${q} finds nobody`);
    }

    const cycle = (n: number, path: (i: number) => string): HttpRequestSpec[] =>
      Array.from({ length: n }, (_, i) => ({ method: "GET", path: path(i) }));
    const term = (terms: string[], i: number) => terms[i % terms.length] ?? "";
    const roster = (q: string | undefined, pageCursor?: string) =>
      listRoster(db, engine, accountId, { sort: "name", ...(q ? { q } : {}) }, { limit: 50, cursor: pageCursor });
    const search = (key: string, label: string, terms: string[]): Phase => ({
      key,
      label,
      make: (n) => cycle(n, (i) => users({ q: term(terms, i) })),
      repo: (i) => roster(term(terms, i)),
    });
    const phases: Phase[] = [
      { key: "baseline", label: "baseline: bare route, small JSON", make: (n) => cycle(n, () => "/bench/ping") },
      { key: "access", label: "diag: session + membership check", make: (n) => cycle(n, () => `/bench/access/${accountId}`) },
      {
        key: "first",
        label: "(a) first page, 50, sort=name",
        make: (n) => cycle(n, () => users()),
        repo: () => roster(undefined),
      },
      search("name", "(b) search by name", NAME_TERMS),
      search("email", "(b) search by email", EMAIL_TERMS),
      search("rare", "diag: search, rare terms (few hits)", RARE_TERMS),
      {
        key: "page10",
        label: "(c) 10th page via cursor",
        make: (n) => cycle(n, () => users({ cursor: pageTen })),
        repo: () => roster(undefined, pageTen),
      },
    ];
    const csvPath = `/api/accounts/${accountId}/users.csv?sort=name`;

    worker = startHttpWorker({ baseUrl, origin: baseUrl, cookie: admin.cookie });
    const client = worker;
    /** Runs the requests one after another in the worker; client and server (reply.elapsedTime) latencies. */
    const timed = async (key: string, label: string, specs: HttpRequestSpec[]): Promise<PhaseResult> => {
      const stopServer = recordServer();
      const probe = startCpuProbe(DB_PROCESS);
      const { ms, statuses, firstFailure, lastBodyBytes } = await client.run({ requests: specs, expectStatus: 200 });
      const cpu = probe.stop();
      const server = summarize(stopServer());
      return {
        key,
        label,
        http: summarize(ms),
        server,
        statuses,
        bodyBytes: lastBodyBytes,
        ...(firstFailure ? { firstFailure } : {}),
        ...cpu,
      };
    };
    const measureSends = createSendPhase({ database, accountId, client, recordServer, databaseProcess: DB_PROCESS });

    const report: Array<{ round: number; phases: PhaseResult[]; sendChecks: SendChecks }> = [];
    for (let round = 1; round <= rounds; round++) {
      const results: PhaseResult[] = [];
      for (const phase of phases) {
        await client.run({ requests: phase.make(warmup), expectStatus: 200 });
        const result = await timed(phase.key, phase.label, phase.make(requests));
        if (phase.repo) {
          for (let i = 0; i < 20; i++) await phase.repo(i);
          const ms: number[] = [];
          for (let i = 0; i < REPO_RUNS; i++) {
            const started = performance.now();
            await phase.repo(i);
            ms.push(performance.now() - started);
          }
          result.repo = summarize(ms);
        }
        results.push(result);
      }
      const sent = await measureSends(sends);
      results.push(sent.result);
      if (csvRuns > 0) {
        await client.run({ requests: cycle(1, () => csvPath), expectStatus: 200 });
        const rows = memberCount + invitationCount + 1;
        results.push(
          await timed(
            "csv",
            `CSV export, all ${rows} rows`,
            cycle(csvRuns, () => csvPath),
          ),
        );
      }
      report.push({ round, phases: results, sendChecks: sent.checks });
      printRound(round, results, sent.checks);
    }

    mkdirSync(dirname(jsonFile), { recursive: true });
    const meta = { bench: "business-users", engine, node: process.version, cores: availableParallelism(), date: new Date() };
    const settings = { requests, warmup, sends, repoRuns: REPO_RUNS, targets: TARGETS };
    writeFileSync(jsonFile, `${JSON.stringify({ ...meta, seed, ...settings, rounds: report }, null, 2)}\n`);
    console.log(`load average after: ${loads()}; JSON written to ${jsonFile}`);
  } finally {
    await worker?.stop();
    await app?.close();
    await database.destroy();
    await throwaway.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
