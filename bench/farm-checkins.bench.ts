/**
 * Farm check-ins at scale. Seeds K license keys and F active farms (farm-seed.ts), boots the
 * real app over HTTP on a free port, and drives it from a worker-thread load client
 * (farm-checkins-client.ts) with C connections, each keeping one request in flight:
 *
 *   warm-up    check-ins, not measured
 *   bare       POST /bench/noop on the same server: same headers, same small JSON body, answers {"ok":true}
 *   check-in   POST /api/farm/v1/check-in: random farms, each with its own growing sequence number
 *
 *   node --import tsx bench/farm-checkins.bench.ts [--engine=sqlite|postgres] [--keys=100000]
 *     [--farms=200000] [--duration=15] [--bare-duration=10] [--warmup=2] [--connections=50]
 *     [--json=FILE] [--cpu-prof]
 *
 * Target (SQLite): ≥ 5,000 check-ins/s with p99 < 20 ms. Exit code 0 whether or not it is met.
 * See bench/README.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { createLicenseKeyCrypto } from "../src/modules/licensing/license-key-crypto.ts";
import { type App, buildApp } from "../src/server/app.ts";
import { createThrowawayDatabase, TEST_PG_ADMIN_URL } from "../test/helpers/test-database.ts";
import { type CpuUsage, fmt, freePort, markdownTable, type Summary, startCpuProbe, summarize } from "./bench-support.ts";
import type { ClientCommand, ClientResult, ClientSetup } from "./farm-checkins-client.ts";
import { startCpuProfile } from "./farm-checkins-profile.ts";
import { type FarmSeed, postgresWriter, seedFarms, sqliteWriter } from "./farm-seed.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    keys: { type: "string", default: "100000" },
    farms: { type: "string", default: "200000" },
    duration: { type: "string", default: "15" },
    "bare-duration": { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    json: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
  },
  strict: true,
});
if (args.engine !== "sqlite" && args.engine !== "postgres") throw new Error(`--engine must be sqlite or postgres`);
const engine: "sqlite" | "postgres" = args.engine;
const int = (flag: "keys" | "farms" | "duration" | "bare-duration" | "warmup" | "connections") => {
  const value = Number(args[flag]);
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`--${flag} must be a number`);
  return value;
};
const [keyCount, farmCount, connections] = [int("keys"), int("farms"), Math.max(1, int("connections"))];
const TARGET = { checkInsPerSecond: 5000, p99Ms: 20 };
const DB_PROCESS = engine === "postgres" ? "postgres" : undefined;
const loads = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");

/** The commit measured (the check-in code changes as it is optimized), "+changes" if the farm module has local edits. */
function revision(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "src/modules/farms", "src/db"], { encoding: "utf8" }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}

/** CPU seconds of one thread of this process (Linux; the main thread's id is the pid). */
function threadCpuSeconds(tid: number | undefined): number {
  if (tid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The load client in a worker thread (Node 20 does not apply `--import tsx` to workers: it registers tsx itself). */
function startClient(setup: ClientSetup) {
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./farm-checkins-client.ts", import.meta.url).href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: setup });
  let pending: { resolve(r: ClientResult): void; reject(e: Error): void } | undefined;
  worker.on("message", (m: { ok: true; result: ClientResult } | { ok: false; error: string }) => {
    const current = pending;
    pending = undefined;
    if (m.ok) current?.resolve(m.result);
    else current?.reject(new Error(`load client failed: ${m.error}`));
  });
  worker.on("error", (err) => pending?.reject(err));
  return {
    run: (command: ClientCommand) =>
      new Promise<ClientResult>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(command);
      }),
    stop: () => worker.terminate(),
  };
}

type PhaseResult = {
  phase: string;
  requests: number;
  perSecond: number;
  http: Summary;
  server: Summary;
  statuses: Record<string, number>;
  states: Record<string, number>;
  replayed: number;
  firstFailure?: string;
  /** Event-loop utilization of the server thread (1 = never idle). */
  elu: number;
  mainCores: number;
  clientCores: number;
} & CpuUsage;

async function main() {
  const throwaway = await createThrowawayDatabase(engine, process.env.BENCH_PG_ADMIN_URL ?? TEST_PG_ADMIN_URL);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...{ NODE_ENV: "test", LOG_LEVEL: "silent", AUTH_RATE_LIMIT: "off", DATABASE_URL: throwaway.url },
    ...{ PUBLIC_URL: baseUrl, HOST: "127.0.0.1", PORT: String(port) },
  });
  const database = createDatabase(config.database);
  let app: App | undefined;
  let client: ReturnType<typeof startClient> | undefined;
  try {
    await migrateToLatest(database.authDb);
    const crypto = createLicenseKeyCrypto(config.licenseKeySecret);
    const seedStarted = performance.now();
    let seed: FarmSeed;
    if (config.database.kind === "sqlite") {
      const writer = sqliteWriter(config.database.file);
      writer.begin();
      seed = await seedFarms(writer, crypto, { keys: keyCount, farms: farmCount });
      writer.commit();
      await writer.close();
    } else {
      const writer = await postgresWriter(throwaway.url);
      await writer.client.query("begin");
      seed = await seedFarms(writer, crypto, { keys: keyCount, farms: farmCount });
      await writer.client.query("commit");
      await writer.client.query("analyze"); // what autovacuum does after a bulk load
      await writer.close();
    }
    const seedMs = performance.now() - seedStarted;

    app = await buildApp({ config, database, startWorkers: false });
    const server = app;
    // Bench-only, registered before listen so the app's hooks (helmet, CSRF, metrics) apply as to the farm API.
    server.post("/bench/noop", { schema: { hide: true } }, async () => ({ ok: true }));
    let serverMs: number[] | undefined;
    server.addHook("onResponse", async (_request, reply) => {
      serverMs?.push(reply.elapsedTime);
    });
    await server.listen({ host: "127.0.0.1", port });
    const reports = async () =>
      Number(
        (
          await database.db
            .selectFrom("farmReports")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    console.log(
      `farm-checkins bench: engine=${engine}, commit ${revision()}, node ${process.version}, ` +
        `${availableParallelism()} cores, load average ${loads()}\n` +
        `seeded ${seed.accounts} accounts, ${seed.subscriptions} subscriptions, ${seed.keys} keys, ${seed.farms} farms ` +
        `(${seed.keysWithSeveralFarms} keys with several farms, at most ${seed.maxFarmsPerKey}) in ${(seedMs / 1000).toFixed(1)} s ` +
        `(${Object.entries(seed.timings)
          .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}`)
          .join(", ")} s${engine === "postgres" ? ", then ANALYZE" : ""}); ` +
        `${connections} connections; warm-up ${args.warmup} s, bare ${args["bare-duration"]} s, check-ins ${args.duration} s\n`,
    );

    client = startClient({ host: "127.0.0.1", port, farmShare: seed.farmShare });
    const results: PhaseResult[] = [];
    let clientTid: number | undefined;
    let profileSummary: string | undefined;
    const phase = async (name: string, kind: ClientCommand["kind"], seconds: number, record: boolean) => {
      const recorded: number[] = [];
      serverMs = recorded;
      const probe = startCpuProbe(DB_PROCESS);
      const main0 = threadCpuSeconds(process.pid);
      const client0 = threadCpuSeconds(clientTid);
      const elu0 = performance.eventLoopUtilization();
      const profiler = record && kind === "check-in" && args["cpu-prof"] ? await startCpuProfile() : undefined;
      const r = await (client as NonNullable<typeof client>).run({ kind, durationMs: seconds * 1000, connections });
      if (profiler) {
        const file = new URL(`./results/farm-checkins-${engine}.cpuprofile`, import.meta.url).pathname;
        mkdirSync(dirname(file), { recursive: true });
        profileSummary = `${await profiler.stop(file)}\n(profile written to ${file})`;
      }
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const cpu = probe.stop();
      serverMs = undefined;
      clientTid = r.threadId;
      if (!record) return r;
      const s = r.elapsedMs / 1000;
      results.push({
        phase: name,
        requests: r.ms.length,
        perSecond: (r.statuses["200"] ?? 0) / s,
        http: summarize(Array.from(r.ms)),
        server: summarize(recorded),
        statuses: r.statuses,
        states: r.states,
        replayed: r.replayed,
        ...(r.firstFailure ? { firstFailure: r.firstFailure } : {}),
        elu,
        mainCores: (threadCpuSeconds(process.pid) - main0) / s,
        clientCores: (threadCpuSeconds(clientTid) - client0) / s,
        ...cpu,
      });
      return r;
    };

    const before = await reports();
    const warm = await phase("warm-up", "check-in", int("warmup"), false);
    if (warm.firstFailure) console.log(`warm-up: unexpected answer: ${warm.firstFailure}`);
    await phase("bare route", "noop", int("bare-duration"), true);
    const checkIns = await phase("check-in", "check-in", int("duration"), true);
    const counted = (await reports()) - before;
    const accepted = (warm.statuses["200"] ?? 0) - warm.replayed + (checkIns.statuses["200"] ?? 0) - checkIns.replayed;

    const header = [engine, "requests", "req/s", "p50", "p95", "p99", "max", "srv p50", "srv p95", "srv p99", "ELU"];
    const rows = results.map((r) => [
      r.phase,
      String(r.requests),
      fmt(r.perSecond, 0),
      ...[r.http.p50, r.http.p95, r.http.p99, r.http.max, r.server.p50, r.server.p95, r.server.p99].map((v) => fmt(v)),
      fmt(r.elu),
      `${fmt(r.mainCores)} / ${fmt(r.clientCores)} / ${fmt(r.processCores - r.mainCores - r.clientCores)} / ${fmt(r.dbCores)} / ${fmt(r.otherCores)}`,
    ]);
    console.log(`${markdownTable([...header, "cores: server / client / rest / db / others"], rows)}\n`);
    const [bare, check] = results;
    if (bare && check) {
      const pass = check.perSecond >= TARGET.checkInsPerSecond && check.http.p99 < TARGET.p99Ms;
      console.log(
        `check-in / bare: ${fmt((100 * check.perSecond) / bare.perSecond, 1)}% of the bare route's throughput, ` +
          `p50 ${fmt(check.http.p50 / bare.http.p50, 1)}×; server CPU per request: bare ${fmt((1000 * bare.mainCores) / bare.perSecond, 3)} ms, ` +
          `check-in ${fmt((1000 * check.mainCores) / check.perSecond, 3)} ms (main thread)\n` +
          `target (SQLite): ≥ ${TARGET.checkInsPerSecond} check-ins/s with p99 < ${TARGET.p99Ms} ms: ` +
          `${fmt(check.perSecond, 0)}/s, p99 ${fmt(check.http.p99)} ms → ${pass ? "PASS" : "FAIL"}`,
      );
      console.log(`check-in answers by license state: ${JSON.stringify(check.states)}; replayed ${check.replayed}`);
    }
    console.log(`farm_reports rows added: ${counted}; check-ins answered 200 and not replayed (warm-up included): ${accepted}`);
    for (const r of results)
      if (r.firstFailure) console.log(`${r.phase}: unexpected answer: ${r.firstFailure} ${JSON.stringify(r.statuses)}`);
    const noisy = results.filter((r) => (r.otherCores ?? 0) > 0.25).map((r) => r.phase);
    if (noisy.length > 0)
      console.log(`WARNING: other processes used > 0.25 cores during: ${noisy.join(", ")}; those numbers are inflated.`);
    console.log(
      "All times in ms. p50..max: client-observed over HTTP keep-alive (worker thread). srv: Fastify reply.elapsedTime. " +
        "ELU: event-loop utilization of the server thread. cores: CPU used during the phase by the server's main thread / " +
        "the load client's thread / the rest of this process (GC, libuv pool) / PostgreSQL's processes / everything else.",
    );
    if (profileSummary) console.log(`\n${profileSummary}`);
    if (args.json) {
      mkdirSync(dirname(args.json), { recursive: true });
      const meta = { bench: "farm-checkins", engine, commit: revision(), node: process.version, cores: availableParallelism() };
      const seedInfo = { ...seed, farmShare: undefined, seedMs };
      const body = { ...meta, date: new Date(), connections, seed: seedInfo, counted, accepted, results };
      writeFileSync(args.json, `${JSON.stringify(body, null, 2)}\n`);
      console.log(`JSON written to ${args.json}`);
    }
    console.log(`load average after: ${loads()}`);
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
