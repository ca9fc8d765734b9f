/**
 * Licensing at scale (issue 4, point 11). Boots the real app over real HTTP on a fresh database,
 * seeds one business account with 1,000 subscriptions and 20,000 license keys (licensing-seed.ts),
 * and measures with a keep-alive client in a worker thread, one request at a time:
 *
 *   baseline      a bare route on the same server returning a small JSON (the floor)
 *   access        session lookup + membership check only (diagnostic: what every account route pays)
 *   dashboard     GET /api/accounts/:id/dashboard                          target: server p95 < 30 ms
 *   list          GET /api/accounts/:id/subscriptions: first page; display=expiring_soon; sort=-licenses
 *   details       GET /api/accounts/:id/subscriptions/:sid, random subscriptions (~20 keys) target: server p95 < 30 ms
 *   details (LA)  the same as a License Administrator of one key in each of 20 subscriptions  target: same
 *
 *   node --import tsx bench/licensing-dashboard.bench.ts [--engine=sqlite|postgres] [--requests=300]
 *     [--warmup=50] [--subscriptions=1000] [--keys=20000] [--json=FILE]
 *
 * Prints a Markdown table and writes JSON to bench/results/licensing-dashboard-<engine>.json.
 * Exit code 0 whether or not the targets are met. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { checkMembership } from "../src/modules/accounts/account-access.ts";
import { SESSION_EXPIRES_IN_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "../src/modules/identity/auth.ts";
import { createSessionResolver } from "../src/modules/identity/session-resolver.ts";
import { createLicenseKeyCrypto } from "../src/modules/licensing/license-key-crypto.ts";
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
import { createAdminOverHttp } from "./business-users-seed.ts";
import type { HttpRequestSpec } from "./http-worker.ts";
import { createOperatorOverHttp, joinOverHttp, seedLicensing, subscriptionOverHttp } from "./licensing-seed.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    requests: { type: "string", default: "300" },
    warmup: { type: "string", default: "50" },
    subscriptions: { type: "string", default: "1000" },
    keys: { type: "string", default: "20000" },
    json: { type: "string" },
  },
  strict: true,
});
if (args.engine !== "sqlite" && args.engine !== "postgres")
  throw new Error(`--engine must be sqlite or postgres, not ${args.engine}`);
const engine: "sqlite" | "postgres" = args.engine;
const FLAGS = ["requests", "warmup", "subscriptions", "keys"] as const;
const [requests, warmup, subscriptionCount, keyCount] = FLAGS.map((flag) => {
  const value = Number(args[flag]);
  if (!(Number.isInteger(value) && value >= 0)) throw new Error(`--${flag} must be a whole number`);
  return value;
}) as [number, number, number, number];
/** Issue 4, point 11: p95 of the server time (Fastify's reply.elapsedTime), on both engines. */
const SERVER_P95_TARGET_MS = 30;
/** The License Administrator administers one additional key in this many subscriptions. */
const LA_SUBSCRIPTIONS = 20;
const DB_PROCESS = engine === "postgres" ? "postgres" : undefined;
const jsonFile = args.json ?? new URL(`./results/licensing-dashboard-${engine}.json`, import.meta.url).pathname;
const loads = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");

type Phase = { key: string; label: string; client: HttpWorker; target: boolean; make(n: number): HttpRequestSpec[] };
type PhaseResult = {
  key: string;
  label: string;
  http: Summary;
  server: Summary;
  target: number | null;
  pass: boolean | null;
  statuses: Record<string, number>;
  firstFailure?: string;
  bodyBytes: number;
} & CpuUsage;

async function main() {
  const throwaway = await createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
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
  const { db } = database;
  let app: App | undefined;
  const workers: HttpWorker[] = [];
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
      const lookup = await sessions.lookup(request.headers.cookie);
      if (lookup.kind !== "valid") throw new Error(`no session (${lookup.kind})`);
      await checkMembership(db, request.params.accountId, lookup.session.userId, {});
      return { ok: true };
    });
    let serverMs: number[] | undefined;
    server.addHook("onResponse", async (_request, reply) => {
      serverMs?.push(reply.elapsedTime);
    });
    await server.listen({ host: "127.0.0.1", port });

    // People and one subscription through the API; the bulk of the account by direct inserts.
    const admin = await createAdminOverHttp(baseUrl, database);
    const { accountId } = admin;
    const op = await createOperatorOverHttp(baseUrl, database);
    const licenseAdmin = await joinOverHttp(baseUrl, database, admin);
    const viaApi = await subscriptionOverHttp(baseUrl, op, admin, licenseAdmin);
    const seed = await seedLicensing(database, createLicenseKeyCrypto(config.licenseKeySecret), {
      accountId,
      adminUserId: admin.userId,
      operatorUserId: op.userId,
      licenseAdminUserId: licenseAdmin.userId,
      subscriptions: subscriptionCount - 1, // the API added 1 subscription with 2 keys
      keys: keyCount - 2,
      licenseAdminSubscriptions: LA_SUBSCRIPTIONS - 1,
      members: 50,
    });
    if (engine === "postgres") await sql`analyze`.execute(db); // what autovacuum does after a bulk load
    const laSubscriptions = [viaApi.subscriptionId, ...seed.licenseAdminSubscriptions];

    // Checks: the seeded account is what the API sees.
    const count = async (table: "subscriptions" | "licenseKeys") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("accountId", "=", accountId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [subscriptionsInDb, keysInDb] = [await count("subscriptions"), await count("licenseKeys")];
    if (subscriptionsInDb !== subscriptionCount || keysInDb !== keyCount)
      throw new Error(`seeded ${subscriptionsInDb} subscriptions and ${keysInDb} keys`);
    const getJson = async (path: string, cookie: string) => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const dashboardPath = `/api/accounts/${accountId}/dashboard`;
    const [card] = (await getJson(dashboardPath, admin.cookie)).cards as Array<Record<string, number>>;
    const expected = { ...seed.statuses, active: seed.statuses.active + 1 };
    const shown = {
      active: card?.active,
      expiring_soon: card?.expiringSoon,
      grace: card?.grace,
      expired: card?.expired,
      suspended: card?.suspended,
    };
    for (const [status, n] of Object.entries(shown))
      if (n !== expected[status as keyof typeof expected])
        throw new Error(`Dashboard shows ${n} ${status}, seeded ${JSON.stringify(expected)}`);
    const detailsPath = (id: string) => `/api/accounts/${accountId}/subscriptions/${id}`;
    for (const id of laSubscriptions) {
      const keys = (await getJson(detailsPath(id), licenseAdmin.cookie)).keys as unknown[];
      if (keys.length !== 1) throw new Error(`the License Administrator sees ${keys.length} keys of ${id}`);
    }
    const allIds = (await db.selectFrom("subscriptions").select("id").where("accountId", "=", accountId).execute()).map(
      (r) => r.id,
    );
    console.log(
      `licensing-dashboard bench: engine=${engine}, node ${process.version}, ${availableParallelism()} cores, load average ${loads()}\n` +
        `seeded ${subscriptionsInDb} subscriptions, ${keysInDb} keys (${seed.additionalKeys + 1} additional), ` +
        `${seed.keyAdminGrants + 1} License Administrator grants among ${seed.members + 1} members in ${(seed.ms / 1000).toFixed(1)} s ` +
        `(+1 subscription and 1 key through the API); statuses ${JSON.stringify(expected)}; ` +
        `${requests} requests per phase after ${warmup} warm-up\n`,
    );

    let state = 7;
    const randomId = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return allIds[state % allIds.length] ?? "";
    };
    const adminClient = startHttpWorker({ baseUrl, origin: baseUrl, cookie: admin.cookie });
    const laClient = startHttpWorker({ baseUrl, origin: baseUrl, cookie: licenseAdmin.cookie });
    workers.push(adminClient, laClient);
    const cycle = (n: number, path: (i: number) => string): HttpRequestSpec[] =>
      Array.from({ length: n }, (_, i) => ({ method: "GET", path: path(i) }));
    const list = (query: Record<string, string>) => `/api/accounts/${accountId}/subscriptions?${new URLSearchParams(query)}`;
    const phase = (key: string, label: string, path: (i: number) => string, target = false, client = adminClient): Phase => ({
      key,
      label,
      client,
      target,
      make: (n) => cycle(n, path),
    });
    const phases: Phase[] = [
      phase("baseline", "baseline: bare route, small JSON", () => "/bench/ping"),
      phase("access", "diag: session + membership check", () => `/bench/access/${accountId}`),
      phase("dashboard", "Dashboard", () => dashboardPath, true),
      phase("list", "list: first page (50, sort=name)", () => list({})),
      phase("expiring", "list: display=expiring_soon", () => list({ display: "expiring_soon" })),
      phase("licenses", "list: sort=-licenses", () => list({ sort: "-licenses" })),
      phase("details", "Subscription Details (admin, random)", () => detailsPath(randomId()), true),
      phase(
        "la",
        "Subscription Details (License Admin)",
        (i) => detailsPath(laSubscriptions[i % LA_SUBSCRIPTIONS] ?? ""),
        true,
        laClient,
      ),
    ];

    const results: PhaseResult[] = [];
    for (const p of phases) {
      await p.client.run({ requests: p.make(warmup), expectStatus: 200 });
      const recorded: number[] = [];
      serverMs = recorded;
      const probe = startCpuProbe(DB_PROCESS);
      const { ms, statuses, firstFailure, lastBodyBytes } = await p.client.run({ requests: p.make(requests), expectStatus: 200 });
      const cpu = probe.stop();
      serverMs = undefined;
      const srv = summarize(recorded);
      results.push({
        key: p.key,
        label: p.label,
        http: summarize(ms),
        server: srv,
        target: p.target ? SERVER_P95_TARGET_MS : null,
        pass: p.target ? srv.p95 < SERVER_P95_TARGET_MS : null,
        statuses,
        bodyBytes: lastBodyBytes,
        ...(firstFailure ? { firstFailure } : {}),
        ...cpu,
      });
    }

    const rows = results.map((r) => [
      r.label,
      String(r.http.n),
      ...[r.http.p50, r.http.p95, r.http.p99, r.http.max, r.server.p50, r.server.p95, r.server.p99].map((v) => fmt(v)),
      String(r.bodyBytes),
      r.target === null ? "" : `srv p95 < ${r.target}`,
      r.pass === null ? "" : r.pass ? "PASS" : "FAIL",
      `${fmt(r.processCores)} / ${fmt(r.dbCores)} / ${fmt(r.otherCores)}`,
    ]);
    const header = [`${engine}`, "n", "p50", "p95", "p99", "max", "srv p50", "srv p95", "srv p99", "bytes", "target", ""];
    console.log(`${markdownTable([...header, "cores: us / db / others"], rows)}\n`);
    for (const r of results) if (r.firstFailure) console.log(`${r.label}: unexpected answer: ${r.firstFailure}`);
    const noisy = results.filter((r) => (r.otherCores ?? 0) > 0.25).map((r) => r.label);
    if (noisy.length > 0)
      console.log(`WARNING: other processes used > 0.25 cores during: ${noisy.join(", ")}; those numbers are inflated.`);
    console.log(
      "All times in ms. p50..max: client-observed over HTTP keep-alive (worker thread). srv: Fastify reply.elapsedTime. " +
        "bytes: body of the last answer. cores: CPU used during the phase by this process (server + client threads) / " +
        "PostgreSQL's processes (all databases) / everything else on the machine (> 0.25 inflates the numbers).",
    );

    mkdirSync(dirname(jsonFile), { recursive: true });
    const meta = { bench: "licensing-dashboard", engine, node: process.version, cores: availableParallelism(), date: new Date() };
    const settings = { requests, warmup, serverP95TargetMs: SERVER_P95_TARGET_MS, licenseAdminSubscriptions: LA_SUBSCRIPTIONS };
    writeFileSync(jsonFile, `${JSON.stringify({ ...meta, seed, ...settings, results }, null, 2)}\n`);
    console.log(`load average after: ${loads()}; JSON written to ${jsonFile}`);
  } finally {
    for (const worker of workers) await worker.stop();
    await app?.close();
    await database.destroy();
    await throwaway.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
