#!/usr/bin/env node
// `npm test`: every suite, on every engine. Prints which suites ran and why any
// was skipped. With CI=true a skip is a failure: CI must prove everything.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import pg from "pg";

const isCi = process.env.CI === "true" || process.env.CI === "1";
const pgAdminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
const results = [];

function run(name, command, args, extraEnv = {}) {
  console.log(`\n━━ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  results.push({ name, outcome: status === 0 ? "passed" : "FAILED", seconds: (Date.now() - started) / 1000 });
}

function skip(name, reason) {
  results.push({ name, outcome: isCi ? "FAILED (skipped in CI)" : "skipped", reason });
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Redis answers PING at TEST_REDIS_URL (the shared rate-limit tests need it). */
async function redisReachable() {
  const url = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2000, () => done("timed out"));
    socket.on("error", (error) => done(error.message));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG") ? true : data.toString().trim()));
  });
}

// Without Redis the tests of Redis-shared state are skipped (named below); CI must run them.
const redis = await redisReachable();
if (redis !== true) {
  env.TEST_REDIS = "off";
  skip("Redis-shared rate limits (src/server/shared-state.test.ts, multi-process)", `no Redis reachable: ${redis}`);
}

run("unit + API (SQLite)", "npx", ["vitest", "run"], { TEST_DB: "sqlite" });

const reachable = await postgresReachable();
if (reachable === true)
  run("unit + API (PostgreSQL)", "npx", ["vitest", "run"], { TEST_DB: "postgres", TEST_PG_ADMIN_URL: pgAdminUrl });
else skip("unit + API (PostgreSQL)", `no PostgreSQL reachable at ${pgAdminUrl.replace(/\/\/[^@]*@/, "//")}: ${reachable}`);

if (existsSync(chromium)) {
  run("web build", "npm", ["run", "build:web", "--silent"]);
  run("browser (Playwright + Chromium)", "npx", ["playwright", "test", "-c", "e2e/playwright.config.ts"], {
    CHROMIUM_PATH: chromium,
  });
} else {
  skip("browser (Playwright + Chromium)", `no Chromium at ${chromium} (apt-get install -y chromium)`);
}

console.log("\n━━ Test suites");
for (const r of results) {
  const detail = r.reason ? ` — ${r.reason}` : r.seconds !== undefined ? ` (${r.seconds.toFixed(1)} s)` : "";
  console.log(`  ${r.outcome.padEnd(8)} ${r.name}${detail}`);
}
const failed = results.filter((r) => r.outcome.startsWith("FAILED"));
console.log(failed.length ? `\n${failed.length} suite(s) failed.` : "\nAll suites that ran passed.");
process.exit(failed.length ? 1 : 0);
