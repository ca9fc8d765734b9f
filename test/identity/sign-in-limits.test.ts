import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { JSON_HEADERS, signIn, signUpVerified, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

describe(`rate limits on identity routes (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("locks an address after twenty failed sign-ins in a minute, with Retry-After, and lets the owner in after the window", async () => {
    const owner = await signUpVerified(t);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    for (let attempt = 1; attempt <= 20; attempt++) {
      const response = await signIn(t, owner.email, "wrong-password-attempt");
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const locked = await signIn(t, owner.email, owner.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["content-type"]).toContain("application/problem+json");
    expect(locked.json().code).toBe("RATE_LIMITED");
    const retryAfter = Number(locked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another address from the same IP is not locked by the attack on this one.
    const bystander = await signUpVerified(t, uniqueEmail("bystander"));
    expect((await signIn(t, bystander.email, bystander.password)).statusCode).toBe(200);

    vi.setSystemTime(new Date(Date.now() + retryAfter * 1000 + 1000));
    const after = await signIn(t, owner.email, owner.password);
    expect(after.statusCode).toBe(200);

    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["outcome"])
      .where("action", "=", "identity.sign_in")
      .where(
        "actorUserId",
        "=",
        (await t.database.db.selectFrom("users").select("id").where("email", "=", owner.email).executeTakeFirstOrThrow()).id,
      )
      .execute();
    const outcomes = audit.map((a) => a.outcome);
    expect(outcomes.filter((o) => o === "failure")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "denied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "success")).toHaveLength(1);
  });

  it("limits password-reset requests per client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        headers: JSON_HEADERS,
        payload: { email: uniqueEmail(), redirectTo: "/reset-password" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
  });

  it("limits sign-ups per client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/identity/sign-up",
        headers: { ...JSON_HEADERS, "x-forwarded-for": "203.0.113.9" },
        payload: { firstName: "A", lastName: "B", email: uniqueEmail(), password: "violet-harbour-engine-42" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(0);
  });
});
