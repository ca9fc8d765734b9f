import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessAccount, type Person, person, userIdOf } from "../helpers/account-fixtures.ts";
import { type Fingerprint, fingerprinter, tableNames } from "../helpers/database-fingerprint.ts";
import { issue } from "../helpers/licensing-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/**
 * Routes a browser's cookies give no authority over, so the CSRF check lets them through.
 * Each carries its own credential in the request and never reads the session cookie.
 */
const NOT_COOKIE_AUTHORIZED: Record<string, string> = {
  "POST /api/farm/v1/activate": "farm API: email + password (+ TOTP) in the body",
  "POST /api/farm/v1/check-in": "farm API: Bearer farm credential",
  "POST /api/farm/v1/deactivate": "farm API: Bearer farm credential",
  "POST /api/store/gateways/{gateway}/events": "payment provider's webhook: authenticated by its signature",
};

/** Better Auth's endpoints are mounted behind one hidden wildcard route, so they are not in the OpenAPI document. */
const AUTH_ROUTES = [
  "sign-in/email",
  "sign-out",
  "change-password",
  "request-password-reset",
  "reset-password",
  "send-verification-email",
  "revoke-session",
  "revoke-sessions",
  "revoke-other-sessions",
  "two-factor/enable",
  "two-factor/disable",
  "two-factor/verify-totp",
  "two-factor/verify-backup-code",
  "two-factor/generate-backup-codes",
].map((path) => `POST /api/auth/${path}`);

const EVIL = "https://evil.example";

/** The ways a forged request can arrive, as src/server/csrf.ts reads them. */
const FORGERIES: Array<{ name: string; headers: Record<string, string> }> = [
  { name: "foreign Origin", headers: { origin: EVIL } },
  { name: "Origin: null (sandboxed frame, privacy redirect)", headers: { origin: "null" } },
  { name: "same host, another port", headers: { origin: "http://localhost:3001" } },
  { name: "same host, another scheme", headers: { origin: "https://localhost:3000" } },
  { name: "no Origin, foreign Referer", headers: { referer: `${EVIL}/page` } },
  { name: "no Origin, Sec-Fetch-Site: cross-site", headers: { "sec-fetch-site": "cross-site" } },
  { name: "neither Origin nor Sec-Fetch-Site", headers: {} },
];

describe(`CSRF: cross-origin state changes are refused (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let ids: Record<string, string>;
  let routes: string[];
  let fingerprint: () => Promise<Fingerprint>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person(t, "admin");
    // One person who is both an Account Administrator and an operator: their cookie would
    // authorize every route, so only the CSRF check can stop a forged request.
    await t.database.db.updateTable("users").set({ isOperator: true }).where("email", "=", admin.email).execute();
    const accountId = await businessAccount(t, admin);
    const subscription = await issue(t, admin, { accountId });
    ids = {
      accountId,
      userId: await userIdOf(t, admin.email),
      subscriptionId: subscription.id,
      gateway: "test",
      token: "watcher.token",
    };
    fingerprint = fingerprinter(t, await tableNames(t));
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, object> };
    routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => !["get", "head", "options"].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => t?.close());

  const urlOf = (route: string) =>
    (route.split(" ")[1] ?? "").replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? crypto.randomUUID());

  const send = (route: string, headers: Record<string, string>, url = urlOf(route)) =>
    t.app.inject({
      method: route.split(" ")[0] as "POST",
      url,
      headers: { "content-type": "application/json", cookie: admin.cookie, ...headers },
      payload: {},
    });

  it("names only exceptions that exist, and finds the state-changing routes", () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const route of Object.keys(NOT_COOKIE_AUTHORIZED)) expect(routes).toContain(route);
  });

  it("refuses every cookie-authorized state change forged from another origin, and nothing changes", async () => {
    const before = await fingerprint();
    const guarded = [...routes.filter((route) => !(route in NOT_COOKIE_AUTHORIZED)), ...AUTH_ROUTES];
    const failures: string[] = [];
    for (const forgery of FORGERIES) {
      const answers = await Promise.all(guarded.map((route) => send(route, forgery.headers)));
      answers.forEach((answer, i) => {
        const ok =
          answer.statusCode === 403 &&
          answer.headers["content-type"]?.toString().startsWith("application/problem+json") &&
          answer.json().code === "CROSS_ORIGIN_REQUEST_REFUSED";
        if (!ok) failures.push(`${guarded[i]} (${forgery.name}): ${answer.statusCode} ${answer.body.slice(0, 120)}`);
      });
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it("decides on the routed path, so an encoded path cannot slip past the check", async () => {
    const before = await fingerprint();
    const profile = { firstName: "Eve", lastName: "Mallory", locale: "en" };
    for (const url of ["/%61pi/me/profile", "/api/%6De/profile", "/api/me/profile?next=/api/farm/v1/"]) {
      const answer = await t.app.inject({
        method: "PUT",
        url,
        headers: { "content-type": "application/json", cookie: admin.cookie, origin: EVIL },
        payload: profile,
      });
      expect(answer.statusCode, url).toBe(403);
      expect(answer.json().code).toBe("CROSS_ORIGIN_REQUEST_REFUSED");
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("lets the exceptions through without acting on the cookie", async () => {
    const before = await fingerprint();
    for (const route of Object.keys(NOT_COOKIE_AUTHORIZED)) {
      const answer = await send(route, { origin: EVIL });
      expect(answer.statusCode, route).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode, route).toBeLessThan(500);
      expect(answer.json().code, route).not.toBe("CROSS_ORIGIN_REQUEST_REFUSED");
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("accepts the same requests from the portal's own origin (the refusal is about the origin)", async () => {
    const guarded = [...routes.filter((route) => !(route in NOT_COOKIE_AUTHORIZED)), ...AUTH_ROUTES];
    // Sign-out last: it ends the session the other requests use.
    for (const route of guarded.filter((r) => !r.endsWith("/sign-out")).concat("POST /api/auth/sign-out")) {
      const answer = await send(route, { origin: TEST_ORIGIN });
      expect(answer.json().code, route).not.toBe("CROSS_ORIGIN_REQUEST_REFUSED");
    }
    // No cookie and no Origin (curl, API clients): no ambient authority, so the check lets it through.
    const cookieless = await t.app.inject({
      method: "POST",
      url: "/api/identity/sign-up",
      headers: { "content-type": "application/json" },
      payload: {},
    });
    expect(cookieless.json().code).not.toBe("CROSS_ORIGIN_REQUEST_REFUSED");
  });
});
