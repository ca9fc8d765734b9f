import { loadConfig } from "../../src/config.ts";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import { buildApp } from "../../src/server/app.ts";
import { freePort, type PortalProcess, runPortal, waitForOutput } from "../helpers/portal-process.ts";
import { TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { testLogStream } from "../helpers/test-logs.ts";

/**
 * Helpers of the fault tests (issue 8, part 4): an in-process app on a database the
 * test owns (to prepare people, accounts and keys quickly), and the real server as a
 * process on the same database, to be killed and restarted.
 */

/** An in-process app (no workers) on an existing database; closing it leaves the database alone. */
export async function openApp(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    // As in createTestApp: within a full run the logs go to a file that is scanned for secrets.
    LOG_LEVEL: testLogStream() ? "debug" : "silent",
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_RATE_LIMIT: "off",
    ...env,
  });
  const database = createDatabase(config.database);
  await migrateToLatest(database.authDb);
  const app = await buildApp({ config, database, startWorkers: false, logStream: testLogStream() });
  await app.ready();
  return {
    app,
    config,
    database,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

/**
 * A plain connection to the database, for checking what a killed process left. Opened
 * only after the kill, so on SQLite it recovers the WAL as a restarted server would.
 */
export function openDatabase(databaseUrl: string): Database {
  return createDatabase(loadConfig({ NODE_ENV: "test", DATABASE_URL: databaseUrl }).database);
}

export type Server = { proc: PortalProcess; base: string; port: number; kill(): Promise<void>; stop(): Promise<void> };

/**
 * `license-portal serve` as a real process. PUBLIC_URL is the test origin, so the
 * session cookies made in-process (openApp) and the same-origin check both work.
 * OUTBOX_POLL_MS defaults to the maximum: the worker stays idle unless a test wants it.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, port?: number): Promise<Server> {
  const listenPort = port ?? (await freePort());
  const proc = runPortal(["serve"], {
    DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(listenPort),
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_RATE_LIMIT: "off",
    OUTBOX_POLL_MS: "60000",
    ...env,
  });
  // Generous: loading the modules takes seconds, and much longer on a busy CI machine.
  await waitForOutput(proc, "License Portal is running", 60_000);
  return {
    proc,
    port: listenPort,
    base: `http://127.0.0.1:${listenPort}`,
    /** SIGKILL: no shutdown hook, no graceful close, like a power cut for the process. */
    async kill() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGKILL");
      await proc.exit;
    },
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGTERM");
      await proc.exit;
    },
  };
}

export type HttpAnswer = { status: number; body: Record<string, unknown>; contentType: string; headers: Headers };

/** A request as the web app (cookie, same origin) or a farm (bearer) sends it, over real HTTP. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { cookie?: string; bearer?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: response.status, body, contentType: response.headers.get("content-type") ?? "", headers: response.headers };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true, or fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000, stepMs = 50) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(stepMs);
  }
}
