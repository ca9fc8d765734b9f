/**
 * The issue's own measurement, in one process with no HTTP client competing for the
 * 2 cores: session lookups are `auth.api.getSession` calls (the ~1.5 ms operation the
 * issue quotes), while N loops sign people up through the real route
 * (`app.inject` POST /api/identity/sign-up: Zod, password policy, hash before the
 * transaction, Better Auth, outbox). Phase "naive" is the same with Better Auth's
 * signUpEmail called directly, so argon2 runs inside its transaction, as Better
 * Auth does by default.
 *
 *   node --import tsx bench/signup-contention-inprocess.bench.ts [--engine=sqlite|postgres] [--duration=10]
 *     [--concurrency=4] [--lookup-gap-ms=0]
 *
 * --lookup-gap-ms paces the lookups (0 = back to back, one lookup always waiting).
 * --lookup=me (default) times a whole GET /api/me through app.inject: the session check
 * every API request makes (identity's session resolver) plus one query. --lookup=better-auth
 * times `auth.api.getSession`, the call the 1.5 ms figure refers to.
 *
 * Prints numbers; exit code 0 whether or not targets are met. See bench/README.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { createDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { buildApp } from "../src/server/app.ts";
import { createThrowawayDatabase } from "../test/helpers/test-database.ts";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
    "lookup-gap-ms": { type: "string", default: "0" },
    lookup: { type: "string", default: "me" },
  },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const lookupGapMs = Number(values["lookup-gap-ms"]);
const PASSWORD = "violet-harbour-engine-42-bench";

const dir = mkdtempSync(join(tmpdir(), "lp-bench-"));
const throwaway = values.engine === "postgres" ? await createThrowawayDatabase("postgres") : undefined;
const config = loadConfig({
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  AUTH_RATE_LIMIT: "off",
  DATABASE_URL: throwaway?.url ?? `sqlite:${join(dir, "bench.sqlite")}`,
});
const database = createDatabase(config.database);
await migrateToLatest(database.authDb);
const app = await buildApp({ config, database, startWorkers: false });
await app.ready();
const headers = { origin: config.publicUrl, "content-type": "application/json" };

let serial = 0;
const email = () => `bench-${process.pid}-${serial++}@example.com`;
const signUpViaRoute = async () => {
  const response = await app.inject({
    method: "POST",
    url: "/api/identity/sign-up",
    headers,
    payload: { firstName: "Bench", lastName: "User", email: email(), password: PASSWORD },
  });
  if (response.statusCode !== 202) throw new Error(`sign-up answered ${response.statusCode}: ${response.body}`);
};
const signUpNaive = async () => {
  await app.auth.api.signUpEmail({
    body: { name: "Bench User", email: email(), password: PASSWORD, firstName: "Bench", lastName: "User", locale: "en" },
  });
};

// One verified, signed-in person whose session the lookups read.
const person = email();
await app.inject({
  method: "POST",
  url: "/api/identity/sign-up",
  headers,
  payload: { firstName: "A", lastName: "B", email: person, password: PASSWORD },
});
const mail = await database.db
  .selectFrom("outbox")
  .select("payloadJson")
  .where("recipient", "=", person)
  .executeTakeFirstOrThrow();
const verified = await app.inject({ url: String(mail.payloadJson.url).replace(config.publicUrl, "") });
const cookie = String(verified.headers["set-cookie"]).split(";")[0] ?? "";
const lookupHeaders = new Headers({ cookie });
const lookupOnce =
  values.lookup === "better-auth"
    ? async () => Boolean(await app.auth.api.getSession({ headers: lookupHeaders }))
    : async () => (await app.inject({ url: "/api/me", headers: { cookie } })).statusCode === 200;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

async function lookupsFor(ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const started = performance.now();
    if (!(await lookupOnce())) throw new Error("session lookup failed");
    latencies.push(performance.now() - started);
    // A real request arrives as an I/O event. Without a macrotask turn between lookups, a
    // lookup that completes in microtasks alone (GET /api/me on SQLite does) starves the
    // sign-ups' worker-thread callbacks, and the bench would measure that artifact.
    if (lookupGapMs > 0) await new Promise((resolve) => setTimeout(resolve, lookupGapMs));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  return latencies.sort((a, b) => a - b);
}

type Row = { phase: string; lookups: number[]; signUpsPerSecond?: number };
async function phase(name: string, signUp?: () => Promise<void>): Promise<Row> {
  if (!signUp) return { phase: name, lookups: await lookupsFor(durationMs / 2) };
  let completed = 0;
  let stop = false;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stop) {
      await signUp();
      completed += 1;
    }
  });
  const started = performance.now();
  const lookups = await lookupsFor(durationMs);
  stop = true;
  await Promise.all(loops);
  return { phase: name, lookups, signUpsPerSecond: completed / ((performance.now() - started) / 1000) };
}

await lookupsFor(1000); // warm-up
await signUpViaRoute();
const rows = [
  await phase("idle"),
  await phase("our sign-up route", signUpViaRoute),
  await phase("naive (hash in txn)", signUpNaive),
];

console.log(
  `in-process sign-up contention: engine=${values.engine}, ${availableParallelism()} cores, ${concurrency} sign-up loops, ${durationMs / 1000} s, lookup ${values.lookup === "better-auth" ? "auth.api.getSession" : "GET /api/me"}, gap ${lookupGapMs} ms`,
);
console.log("phase                  lookups   p50 ms   p95 ms   p99 ms   max ms  sign-ups/s");
for (const row of rows) {
  const l = row.lookups;
  const cells = [l.length, percentile(l, 0.5), percentile(l, 0.95), percentile(l, 0.99), l.at(-1) ?? Number.NaN];
  const formatted = cells.map((v, i) => (i === 0 ? String(v) : v.toFixed(2)).padStart(i === 0 ? 7 : 8));
  console.log(`${row.phase.padEnd(22)} ${formatted.join(" ")}  ${row.signUpsPerSecond?.toFixed(1).padStart(10) ?? "         -"}`);
}
const ours = rows[1];
const p99 = ours ? percentile(ours.lookups, 0.99) : Number.NaN;
const rate = ours?.signUpsPerSecond ?? 0;
console.log(`\nsession p99 under contention (in-process): ${p99.toFixed(2)} ms (target < 10 ms) ${p99 < 10 ? "PASS" : "FAIL"}`);
console.log(`sign-ups/s (in-process): ${rate.toFixed(1)} (target >= 60) ${rate >= 60 ? "PASS" : "FAIL"}`);

await app.close();
await database.destroy();
await throwaway?.drop();
rmSync(dir, { recursive: true, force: true });
