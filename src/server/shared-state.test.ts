import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test/notifications/smtp-sink.ts";
import { AppError } from "./errors.ts";
import { createRedisState, type SharedState } from "./shared-state.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const quiet = { warn: () => {}, info: () => {} };
const opened: SharedState[] = [];
afterAll(async () => {
  for (const state of opened) await state.close();
});

/** Two "processes": two clients on one Redis, under one key prefix of this run's own. */
async function twoProcesses(url = REDIS_URL) {
  const prefix = `lp-test-${randomBytes(6).toString("hex")}:`;
  const a = await createRedisState(url, prefix, quiet);
  const b = await createRedisState(url, prefix, quiet);
  opened.push(a, b);
  return { a, b };
}

// Skipped only when scripts/test-all.mjs found no Redis outside CI (it says so in its summary).
describe.skipIf(process.env.TEST_REDIS === "off")("shared state in Redis", () => {
  it("counts failures, used codes and Better Auth's limits once for every process", async () => {
    const { a, b } = await twoProcesses();
    let now = 1_000_000;
    const limitA = a.failureLimiter("sign-in", 3, 60_000, () => now);
    const limitB = b.failureLimiter("sign-in", 3, 60_000, () => now);
    await limitA.recordFailure("x@example.com");
    await limitB.recordFailure("x@example.com");
    expect(await limitA.retryAfterSeconds("x@example.com")).toBe(0);
    await limitA.recordFailure("x@example.com");
    expect(await limitB.retryAfterSeconds("x@example.com")).toBe(60);
    expect(await limitB.retryAfterSeconds("y@example.com")).toBe(0);
    now += 59_000;
    expect(await limitA.retryAfterSeconds("x@example.com")).toBe(1);
    now += 1_000; // the first failure has left the window
    expect(await limitB.retryAfterSeconds("x@example.com")).toBe(0);

    await a.expiringMap("totp", 60_000, "fail-closed").set("u1:123456", "1");
    expect(await b.expiringMap("totp", 60_000, "fail-closed").get("u1:123456")).toBe("1");
    expect(await b.expiringMap("totp", 60_000, "fail-closed").get("u1:654321")).toBeUndefined();

    const rule = { window: 60, max: 2 };
    expect((await a.authLimitStorage?.consume("1.2.3.4|/two-factor", rule))?.allowed).toBe(true);
    expect((await b.authLimitStorage?.consume("1.2.3.4|/two-factor", rule))?.allowed).toBe(true);
    const third = await a.authLimitStorage?.consume("1.2.3.4|/two-factor", rule);
    expect(third?.allowed).toBe(false);
    expect(third?.retryAfter).toBeGreaterThan(0);
  });

  it("with Redis unreachable: limiters fall back to memory, the TOTP guard refuses with 503", async () => {
    const { a } = await twoProcesses(`redis://127.0.0.1:${await closedPort()}`);
    const limiter = a.failureLimiter("sign-in", 2, 60_000);
    await limiter.recordFailure("k");
    await limiter.recordFailure("k");
    expect(await limiter.retryAfterSeconds("k")).toBeGreaterThan(0); // still limited, by this process

    const pending = a.expiringMap("pending", 60_000, "fail-open");
    await pending.set("c", "u1");
    expect(await pending.get("c")).toBe("u1");

    const codes = a.expiringMap("totp", 60_000, "fail-closed");
    const refused = await codes.get("u1:123456").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);

    const rule = { window: 60, max: 1 };
    expect((await a.authLimitStorage?.consume("k", rule))?.allowed).toBe(true);
    expect((await a.authLimitStorage?.consume("k", rule))?.allowed).toBe(false);

    // The route throttles fail open: a request is never refused because Redis is away.
    const app = Fastify();
    await app.register(rateLimit, { global: false, ...a.routeLimitOptions });
    app.get("/limited", { config: { rateLimit: { max: 1, timeWindow: 60_000 } } }, async () => "ok");
    expect((await app.inject("/limited")).statusCode).toBe(200);
    expect((await app.inject("/limited")).statusCode).toBe(200);
    await app.close();
  });

  it("uses Redis again once it is back, without a restart", async () => {
    const port = await closedPort();
    const { a, b } = await twoProcesses(`redis://127.0.0.1:${port}`);
    // A private server: the shared one is never stopped.
    const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    try {
      const started = Date.now();
      while ((a.redis?.status !== "ready" || b.redis?.status !== "ready") && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await a.expiringMap("totp", 60_000, "fail-closed").set("u1:123456", "1");
      expect(await b.expiringMap("totp", 60_000, "fail-closed").get("u1:123456")).toBe("1");
    } finally {
      server.kill();
    }
  });
});
