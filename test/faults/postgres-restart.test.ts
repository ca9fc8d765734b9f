import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { type HttpAnswer, http, openApp, type Server, sleep, startServer, waitUntil } from "./fault-kit.ts";
import { type PrivatePostgres, privatePostgresUnavailable, startPrivatePostgres } from "./private-postgres.ts";

/**
 * Issue 8, part 4: PostgreSQL restarts while the portal is serving. The portal runs as
 * a process on a private cluster (never the shared server at 5432), clients keep
 * reading and writing, and the cluster is stopped, left down a moment, and started.
 * While it is down every request is answered quickly with 503 DATABASE_UNAVAILABLE
 * (problem+json, Retry-After) and /readyz says 503; once it is back the same process
 * answers 200 again (the pool reconnects) without being restarted.
 */
const unavailable = TEST_ENGINE === "postgres" ? privatePostgresUnavailable() : null;
// A developer machine without the server binaries skips (and says so); CI must prove it, so there it runs and fails.
const IS_CI = process.env.CI === "true" || process.env.CI === "1";
if (unavailable) console.warn(`postgres-restart: ${IS_CI ? "cannot run" : "skipped"}, ${unavailable}`);
/** A request may wait for a connection (5 s pool timeout) but never hang beyond this. */
const BOUND_MS = 10_000;

type Seen = HttpAnswer & { client: string; phase: "before" | "down" | "after"; ms: number };

describe.runIf(TEST_ENGINE === "postgres" && (!unavailable || IS_CI))("PostgreSQL restarted while serving (postgres)", () => {
  let cluster: PrivatePostgres;
  let server: Server | undefined;
  let admin: Person;
  let accountId: string;
  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const t = await openApp(cluster.url);
    try {
      admin = await person(t, "pg-restart");
      accountId = await businessAccount(t, admin);
    } finally {
      await t.close();
    }
    server = await startServer(cluster.url, { DATABASE_POOL_MAX: "4" });
  }, 90_000);
  afterAll(async () => {
    if (server && server.proc.child.exitCode !== null) console.error(`the portal exited: ${server.proc.stderr()}`);
    await server?.kill();
    await cluster?.destroy();
  });

  it("answers 503 DATABASE_UNAVAILABLE while the database is down and recovers without a restart", async () => {
    if (!server) throw new Error("no server");
    const { base } = server;
    const pid = server.proc.child.pid;
    const seen: Seen[] = [];
    let phase: Seen["phase"] = "before";
    let running = true;
    // Four clients: one reads the account, one writes the profile, one asks /readyz, and one
    // signs in through Better Auth's own handler (the /api/auth bridge).
    const requests: Record<string, () => Promise<HttpAnswer>> = {
      read: () => http(base, "GET", `/api/accounts/${accountId}`, { cookie: admin.cookie, timeoutMs: BOUND_MS * 2 }),
      write: () =>
        http(base, "PUT", "/api/me/profile", {
          cookie: admin.cookie,
          body: { firstName: "Ada", lastName: `Restart ${seen.length}`, locale: "en" },
          timeoutMs: BOUND_MS * 2,
        }),
      readyz: () => http(base, "GET", "/readyz", { timeoutMs: BOUND_MS * 2 }),
      signIn: () =>
        http(base, "POST", "/api/auth/sign-in/email", {
          body: { email: admin.email, password: admin.password },
          timeoutMs: BOUND_MS * 2,
        }),
    };
    const clients = Object.entries(requests).map(async ([client, request]) => {
      while (running) {
        const at = phase;
        const started = Date.now();
        const answer = await request();
        seen.push({ ...answer, client, phase: at, ms: Date.now() - started });
        await sleep(20);
      }
    });
    const count = (p: Seen["phase"], status: number) => seen.filter((s) => s.phase === p && s.status === status).length;
    const names = Object.keys(requests);
    const refusedWhileDown = () => new Set(seen.filter((s) => s.phase === "down" && s.status === 503).map((s) => s.client));

    try {
      await waitUntil("requests succeed", () => count("before", 200) >= 9);
      phase = "down";
      await cluster.stop();
      await waitUntil("every client saw the outage", () => refusedWhileDown().size === names.length, 20_000);
      await cluster.start();
      await waitUntil("the portal answers again", async () => (await http(base, "GET", "/readyz")).status === 200, 20_000);
      phase = "after";
      // Every client, not just the fastest ones: under CI load sign-in (argon2) can trail the others.
      const succeededAfter = () => new Set(seen.filter((s) => s.phase === "after" && s.status === 200).map((s) => s.client));
      await waitUntil(
        "every client succeeds again",
        () => count("after", 200) >= 9 && succeededAfter().size === names.length,
        20_000,
      );
    } finally {
      running = false;
      await Promise.all(clients);
    }

    for (const answer of seen) {
      const label = `${answer.client}, ${answer.phase}: ${answer.status} ${JSON.stringify(answer.body)}`;
      expect(answer.ms, label).toBeLessThan(BOUND_MS);
      if (answer.status === 200) continue;
      expect(answer.status, label).toBe(503);
      if (answer.body.status === "unavailable") continue; // /readyz
      expect(answer.contentType, label).toMatch(/^application\/problem\+json/);
      expect(answer.body, label).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
      expect(Number(answer.headers.get("retry-after")), label).toBeGreaterThan(0);
    }
    // Every kind of request failed cleanly during the outage, and succeeded after it.
    const failed = seen.filter((s) => s.phase === "down" && s.status === 503);
    expect([...refusedWhileDown()].sort()).toEqual([...names].sort());
    const after = seen.filter((s) => s.phase === "after");
    expect(after.filter((s) => s.status !== 200)).toEqual([]);
    expect(new Set(after.map((s) => s.client)).size).toBe(names.length);
    // The same process, never restarted, reads and writes as before.
    expect(server.proc.child.exitCode).toBeNull();
    expect(server.proc.child.pid).toBe(pid);
    const body = { firstName: "Ada", lastName: "After the restart", locale: "en" };
    expect((await http(base, "PUT", "/api/me/profile", { cookie: admin.cookie, body })).status).toBe(200);
    const me = await http(base, "GET", "/api/me", { cookie: admin.cookie });
    expect(me.body).toMatchObject({ lastName: "After the restart" });
    console.log(
      `postgres-restart: ${seen.length} requests, ${failed.length} answered 503 while down, slowest ${Math.max(...seen.map((s) => s.ms))} ms`,
    );
  }, 90_000);
});
