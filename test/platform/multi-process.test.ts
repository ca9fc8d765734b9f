import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOutboxEmails } from "../../src/modules/notifications/outbox.repo.ts";
import { businessAccount, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { freePort, type PortalProcess, runPortal, waitForOutput } from "../helpers/portal-process.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { recipientsOf, type SmtpSink, startSmtpSink } from "../notifications/smtp-sink.ts";
import { openTicket, send, ticketUrl } from "../support/support-kit.ts";

/**
 * Several stateless server processes on one PostgreSQL, no sticky sessions (issue 8,
 * part 5): two real `license-portal serve` processes share the database, Redis and an
 * SMTP server, and a request may reach either.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const DAY_MS = 86_400_000;
/** This run's own keys in the shared Redis. */
const redisPrefix = `lp-test-${randomBytes(6).toString("hex")}:`;

type Server = { proc: PortalProcess; base: string };

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// PostgreSQL only; needs Redis (scripts/test-all.mjs turns it off, and says so, when none is reachable outside CI).
describe.runIf(TEST_ENGINE === "postgres" && process.env.TEST_REDIS !== "off")("two server processes on one PostgreSQL", () => {
  let t: TestApp;
  let sink: SmtpSink;
  let a: Server;
  let b: Server;
  let publicUrl: string;
  let admin: { email: string; password: string };
  let accountId: string;
  let subscriptionId: string;
  let ticketId: string;

  async function http(server: Server, method: "GET" | "POST", path: string, options: { cookie?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { origin: publicUrl };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${server.base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  async function signIn(server: Server, email: string, password: string) {
    return http(server, "POST", "/api/auth/sign-in/email", { body: { email, password } });
  }

  async function sessionCookie(server: Server): Promise<string> {
    const signedIn = await signIn(server, admin.email, admin.password);
    expect(signedIn.status).toBe(200);
    return signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  beforeAll(async () => {
    // A migrated database, and an in-process app on it (no workers) that makes the data
    // while the two servers boot.
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    sink = await startSmtpSink();
    const [portA, portB] = [await freePort(), await freePort()];
    publicUrl = `http://127.0.0.1:${portA}`; // what a load balancer in front of both would be
    const env = (port: number) => ({
      DATABASE_URL: t.config.database.kind === "postgres" ? t.config.database.url : "",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SMTP_URL: sink.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
      OUTBOX_POLL_MS: "100",
      JOB_INTERVAL_MS: "250",
      AUTH_SECRET: t.config.authSecret,
      LICENSE_KEY_SECRET: t.config.licenseKeySecret,
    });
    // Each process signs its emails with its own sender, to tell which worker delivered what.
    const start = (port: number, name: string): Server => ({
      proc: runPortal(["serve"], { ...env(port), MAIL_FROM: `Portal ${name} <${name}@portal.example>` }),
      base: `http://127.0.0.1:${port}`,
    });
    a = start(portA, "a");
    b = start(portB, "b");

    const op = await operator(t);
    const who = await person(t, "mp-admin");
    admin = { email: who.email, password: who.password };
    accountId = await businessAccount(t, who);
    ({ id: subscriptionId } = await issue(t, op, { accountId, licenses: 20, term: "1y" }));
    ticketId = (await openTicket(t, who, accountId)).id;
    const resolved = await send(t, who, "POST", `${ticketUrl(accountId, ticketId)}/status`, { status: "resolved" });
    if (resolved.statusCode !== 200) throw new Error(`resolve failed: ${resolved.body}`);
    // Generous: CI boots them while other test files keep both cores busy.
    await Promise.all([a, b].map((server) => waitForOutput(server.proc, "License Portal is running", 45_000)));
  });

  afterAll(async () => {
    for (const server of [a, b]) {
      if (server && server.proc.child.exitCode === null) {
        server.proc.child.kill("SIGTERM");
        await server.proc.exit;
      }
    }
    await sink?.close();
    await t?.close();
  });

  it("a session opened through one process works through the other, and a sign-out through either ends it", async () => {
    const cookie = await sessionCookie(a);
    const me = await http(b, "GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(admin.email);

    expect((await http(b, "POST", "/api/auth/sign-out", { cookie, body: {} })).status).toBe(200);
    expect((await http(a, "GET", "/api/me", { cookie })).status).toBe(401);
  });

  it("rate limits are counted once for both processes (Redis)", async () => {
    // @fastify/rate-limit on sign-up: 10 a minute per IP, 5 through each process.
    for (const server of [a, b, a, b, a, b, a, b, a, b]) {
      expect((await http(server, "POST", "/api/identity/sign-up", { body: {} })).status).toBe(400);
    }
    expect((await http(a, "POST", "/api/identity/sign-up", { body: {} })).status).toBe(429);
    expect((await http(b, "POST", "/api/identity/sign-up", { body: {} })).status).toBe(429);

    // Our failure windows (here: license keys that do not register, 10 per account and IP), half through each.
    const cookie = await sessionCookie(a);
    const register = (server: Server) =>
      http(server, "POST", `/api/accounts/${accountId}/subscriptions/register`, {
        cookie,
        body: { key: "ABCDEF-ABCDEF-ABCDEF-ABCDEF-ABCDEF" },
      });
    for (const server of [a, b, a, b, a, b, a, b, a, b]) {
      expect((await register(server)).status).toBe(400);
    }
    const limited = await register(a);
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe("RATE_LIMITED");
    expect((await register(b)).status).toBe(429);
  });

  it("both outbox workers drain one queue: every email is delivered exactly once", async () => {
    // Two claims' worth (a worker leases 20 at a time), so the second worker takes part.
    const addresses = Array.from({ length: 40 }, (_, i) => `mp-outbox-${i}-${randomBytes(3).toString("hex")}@example.com`);
    await insertOutboxEmails(
      t.database.db,
      addresses.map((to) => ({ template: "welcome" as const, to, locale: "en", data: { name: "Ada", url: publicUrl } })),
    );
    const mails = () => sink.messages.filter((mail) => recipientsOf(mail).some((to) => addresses.includes(to)));
    await until("40 deliveries", () => mails().length >= addresses.length);
    await new Promise((resolve) => setTimeout(resolve, 500)); // several more polls of both workers
    expect(mails().flatMap(recipientsOf).sort()).toEqual([...addresses].sort());
    const senders = new Set(mails().map((mail) => mail.from?.value[0]?.address));
    expect([...senders].sort()).toEqual(["a@portal.example", "b@portal.example"]);
    const rows = await t.database.db.selectFrom("outbox").select(["status"]).where("recipient", "in", addresses).execute();
    expect(rows.every((row) => row.status === "sent")).toBe(true);
  });

  it("scheduled jobs that become due run in both processes and act once", async () => {
    // 5 days left: the 7-day expiry reminder is due (and the 30-day one is recorded as passed);
    // and a ticket resolved 15 days ago is past its reopen window, so the support job closes it.
    await t.database.db
      .updateTable("subscriptions")
      .set({ expiresAt: new Date(Date.now() + 5 * DAY_MS) })
      .where("id", "=", subscriptionId)
      .execute();
    await t.database.db
      .updateTable("supportTickets")
      .set({ resolvedAt: new Date(Date.now() - 15 * DAY_MS) })
      .where("id", "=", ticketId)
      .execute();
    const emails = (template: string) =>
      t.database.db
        .selectFrom("outbox")
        .select(["status"])
        .where("recipient", "=", admin.email)
        .where("template", "=", template)
        .execute();
    await until("the reminder's delivery", async () => (await emails("subscription-expiring")).some((r) => r.status === "sent"));
    await until("the ticket's closing", async () => (await emails("support-ticket-status")).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // four more passes in each process

    expect(await emails("subscription-expiring")).toEqual([{ status: "sent" }]);
    await until("one expiry email", () => sink.to(admin.email).some((mail) => /expires soon/.test(mail.subject ?? "")));
    expect(sink.to(admin.email).filter((mail) => /expires soon/.test(mail.subject ?? ""))).toHaveLength(1);
    const claims = await t.database.db
      .selectFrom("subscriptionReminders")
      .select("kind")
      .where("subscriptionId", "=", subscriptionId)
      .orderBy("kind")
      .execute();
    expect(claims.map((c) => c.kind)).toEqual(["30d", "7d"]);

    expect(await emails("support-ticket-status")).toHaveLength(1);
    const ticket = await t.database.db
      .selectFrom("supportTickets")
      .select("status")
      .where("id", "=", ticketId)
      .executeTakeFirst();
    expect(ticket?.status).toBe("closed");
    const closings = await t.database.db
      .selectFrom("auditEvents")
      .select("metadataJson")
      .where("targetId", "=", ticketId)
      .where("action", "=", "support.ticket_status_changed")
      .execute();
    expect(closings.filter((row) => (row.metadataJson as { to?: string }).to === "closed")).toHaveLength(1);
  });

  it("a short load alternating between the processes answers every request", async () => {
    const cookie = await sessionCookie(b);
    const paths = ["/api/me", `/api/accounts/${accountId}/dashboard`, `/api/accounts/${accountId}/users`];
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < 200; i = next++) {
        const response = await http(i % 2 ? a : b, "GET", paths[i % paths.length] ?? "/api/me", { cookie });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
