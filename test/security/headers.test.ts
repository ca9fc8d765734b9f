import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "../../src/server/web-app.ts";
import { type Person, person } from "../helpers/account-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

type Probe = { name: string; method?: "GET" | "POST" | "PUT"; url: string; headers?: Record<string, string>; payload?: string };

/** One CSP directive's sources, e.g. sources(csp, "script-src") → ["'self'"]. */
function sources(csp: string, directive: string): string[] | undefined {
  const entry = csp
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return entry?.slice(1);
}

function expectStrictHeaders(name: string, headers: Record<string, unknown>) {
  const csp = String(headers["content-security-policy"] ?? "");
  expect(csp, `${name}: CSP`).not.toBe("");
  expect(csp, name).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
  expect(sources(csp, "frame-ancestors"), name).toEqual(["'none'"]);
  expect(sources(csp, "object-src"), name).toEqual(["'none'"]);
  expect(sources(csp, "script-src-attr"), name).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], name).toBe("nosniff");
  expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"], name).toContain(
    headers["referrer-policy"],
  );
  return csp;
}

describe(`security headers on every kind of response (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let someone: Person;
  beforeAll(async () => {
    t = await createTestApp();
    someone = await person(t);
  });
  afterAll(async () => t?.close());

  const json = { "content-type": "application/json", origin: TEST_ORIGIN };
  const probes = (): Probe[] => [
    { name: "health", url: "/healthz" },
    { name: "API JSON", url: "/api/me", headers: { cookie: someone.cookie } },
    { name: "OpenAPI document", url: "/api/openapi.json" },
    { name: "JWKS", url: "/.well-known/license-portal/keys.json" },
    { name: "metrics", url: "/metrics" },
    { name: "401 problem", url: "/api/me" },
    { name: "404 problem", url: "/api/no-such-route" },
    { name: "400 validation problem", method: "POST", url: "/api/identity/sign-up", headers: json, payload: "{}" },
    { name: "400 malformed JSON", method: "POST", url: "/api/identity/sign-up", headers: json, payload: "{" },
    {
      name: "415 problem",
      method: "POST",
      url: "/api/identity/sign-up",
      headers: { ...json, "content-type": "text/plain" },
      payload: "x",
    },
    {
      name: "413 problem",
      method: "POST",
      url: "/api/identity/sign-up",
      headers: json,
      payload: JSON.stringify({ x: "x".repeat(300 * 1024) }),
    },
    {
      name: "403 CSRF problem",
      method: "PUT",
      url: "/api/me/profile",
      headers: { ...json, origin: "https://evil.example", cookie: someone.cookie },
      payload: "{}",
    },
    { name: "farm API problem", method: "POST", url: "/api/farm/v1/deactivate", headers: json, payload: "{}" },
    { name: "Better Auth answer", url: "/api/auth/get-session", headers: { cookie: someone.cookie } },
  ];

  it("API, error and auth responses carry a strict CSP, nosniff, a Referrer-Policy and no framing", async () => {
    for (const probe of probes()) {
      const response = await t.app.inject({
        method: probe.method ?? "GET",
        url: probe.url,
        headers: probe.headers,
        payload: probe.payload,
      });
      expect(response.statusCode, probe.name).toBeLessThan(500);
      const csp = expectStrictHeaders(probe.name, response.headers);
      expect(sources(csp, "default-src"), probe.name).toEqual(["'self'"]);
      expect(sources(csp, "script-src"), probe.name).toEqual(["'self'"]);
      expect(sources(csp, "style-src"), probe.name).toEqual(["'self'"]);
      // Swagger UI's relaxed sources stay on its own pages.
      expect(csp, probe.name).not.toMatch(/https:|validator\.swagger\.io/);
    }
  });

  it("leaves out the browser headers only on the farms' check-in, which answers machines in JSON", async () => {
    // By design (src/modules/farms/farm-api.routes.ts): the busiest route, read by farms, never rendered
    // by a browser; its answers are JSON or problem+json, which no browser runs as a page.
    const checkIn = await t.app.inject({ method: "POST", url: "/api/farm/v1/check-in", headers: json, payload: "{}" });
    expect(checkIn.statusCode).toBe(400);
    expect(checkIn.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(checkIn.headers["content-security-policy"]).toBeUndefined();
  });

  it("serves the web app's HTML under the same CSP when the app is built", async () => {
    const built = existsSync(join(WEB_DIST, "index.html"));
    const page = await t.app.inject({ url: "/accounts/any/users", headers: { accept: "text/html" } });
    if (!built) {
      // CI runs this suite before `npm run build:web`; e2e/security-headers.spec.ts checks the built page in a browser.
      expect(page.statusCode).toBe(404);
      expectStrictHeaders("SPA route without a build", page.headers);
      return;
    }
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const csp = expectStrictHeaders("SPA HTML", page.headers);
    expect(sources(csp, "script-src")).toEqual(["'self'"]);
    // The built page itself needs nothing the CSP forbids: no inline script, style or handler.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(page.body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it("keeps the API reference at /api/docs under its own CSP, still without unsafe-inline or unsafe-eval", async () => {
    for (const url of ["/api/docs", "/api/docs/static/swagger-initializer.js", "/api/docs/json"]) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      const csp = expectStrictHeaders(url, response.headers);
      expect(sources(csp, "script-src"), url).toEqual(["'self'"]);
    }
    const page = await t.app.inject({ url: "/api/docs" });
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });
});
