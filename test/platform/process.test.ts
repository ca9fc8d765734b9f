import { once } from "node:events";
import { request } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createDatabase } from "../../src/db/database.ts";
import { freePort, runPortal, waitForOutput } from "../helpers/portal-process.ts";
import { createThrowawayDatabase, TEST_ENGINE, type ThrowawayDatabase } from "../helpers/test-database.ts";

describe(`the license-portal process (${TEST_ENGINE})`, () => {
  let database: ThrowawayDatabase;
  beforeAll(async () => {
    database = await createThrowawayDatabase();
  });
  afterAll(async () => database.drop());

  it("stops with one clear line and exit code 1 on a bad DATABASE_URL", async () => {
    const proc = runPortal(["migrate"], { DATABASE_URL: "mysql://nope" });
    expect(await proc.exit).toBe(1);
    expect(proc.stderr().trim()).toBe(
      "Invalid configuration: DATABASE_URL must start with postgres://, postgresql:// or sqlite:",
    );
  });

  it("stops with one clear line when PostgreSQL cannot be reached", async () => {
    const proc = runPortal(["migrate"], { DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    expect(await proc.exit).toBe(1);
    const lines = proc.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: .*ECONNREFUSED/);
  });

  it("stops with one clear line when the port is taken or invalid", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as { port: number }).port;
    const taken = runPortal(["serve"], { DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1" });
    expect(await taken.exit).toBe(1);
    expect(taken.stderr().trim()).toMatch(new RegExp(`^Cannot start: .*EADDRINUSE.*${port}`));
    blocker.close();

    const invalid = runPortal(["serve"], { DATABASE_URL: database.url, PORT: "99999" });
    expect(await invalid.exit).toBe(1);
    expect(invalid.stderr().trim()).toMatch(/^Invalid configuration: PORT /);
  });

  it("migrates from the command line, then reports it is up to date", async () => {
    const first = runPortal(["migrate"], { DATABASE_URL: database.url });
    expect(await first.exit).toBe(0);
    const second = runPortal(["migrate"], { DATABASE_URL: database.url });
    expect(await second.exit).toBe(0);
    expect(second.stdout()).toContain("Database is up to date.");
  });

  it("creates an operator from the command line, with a password-set link in the outbox", async () => {
    const proc = runPortal(["operator", "create", "--email", "Ops@Vendor.example", "--name", "Olga Operator"], {
      DATABASE_URL: database.url,
    });
    expect(await proc.exit).toBe(0);
    expect(proc.stdout()).toContain("Operator ops@vendor.example created");
    const again = runPortal(["operator", "create", "--email", "ops@vendor.example", "--name", "Olga Operator"], {
      DATABASE_URL: database.url,
    });
    expect(await again.exit).toBe(0);
    expect(again.stdout()).toContain("is now an operator");
    const missing = runPortal(["operator", "create", "--email", "x@example.com"], { DATABASE_URL: database.url });
    expect(await missing.exit).toBe(1);
    expect(missing.stderr()).toContain("needs --email and --name");

    const { db, destroy } = createDatabase(loadConfig({ DATABASE_URL: database.url }).database);
    try {
      const user = await db.selectFrom("users").selectAll().where("email", "=", "ops@vendor.example").executeTakeFirstOrThrow();
      expect(user).toMatchObject({ isOperator: true, emailVerified: true, firstName: "Olga", lastName: "Operator" });
      const mail = await db.selectFrom("outbox").selectAll().where("recipient", "=", "ops@vendor.example").execute();
      expect(mail.map((m) => m.template)).toEqual(["reset-password"]);
      const grants = await db.selectFrom("auditEvents").select("action").where("targetId", "=", user.id).execute();
      expect(grants.map((g) => g.action)).toEqual(["identity.operator_grant", "identity.operator_grant"]);
    } finally {
      await destroy();
    }
  });

  it("on SIGTERM stops accepting, finishes the request in flight, and exits 0; logs carry no secrets", async () => {
    const port = await freePort();
    const proc = runPortal(["serve"], {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      SMTP_URL: "smtp://127.0.0.1:1",
      AUTH_SECRET: "test-secret-test-secret-test-secret-123",
      LICENSE_KEY_SECRET: "license-key-secret-license-key-secret-42",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    await waitForOutput(proc, "License Portal is running");

    await fetch(`http://127.0.0.1:${port}/api/auth/verify-email?token=TOPSECRETTOKEN`);
    await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: `http://127.0.0.1:${port}`,
        cookie: "better-auth.session_token=COOKIESECRET",
      },
      body: JSON.stringify({ email: "a@example.com", password: "PASSWORDSECRET" }),
    });

    // A sign-up whose body is still arriving when SIGTERM lands: it must still be answered.
    const body = JSON.stringify({
      firstName: "A",
      lastName: "B",
      email: "inflight@example.com",
      password: "violet-harbour-engine-42",
    });
    const half = Math.floor(body.length / 2);
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/identity/sign-up",
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            origin: `http://127.0.0.1:${port}`,
          },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => {
            text += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, half));
      setTimeout(() => {
        proc.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(half)), 300);
      }, 200);
    });
    const answer = await inFlight;
    expect(answer.status).toBe(202);
    expect(await proc.exit).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    const logs = proc.stdout();
    expect(logs).toContain('"msg":"shutting down');
    const jsonLines = logs.split("\n").filter((line) => line.startsWith("{"));
    expect(jsonLines.length).toBeGreaterThan(3);
    for (const secret of ["TOPSECRETTOKEN", "PASSWORDSECRET", "COOKIESECRET", "violet-harbour"])
      expect(logs).not.toContain(secret);
  });
});
