import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

describe(`health, metrics, OpenAPI and headers (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("answers /healthz and /readyz with the engine in use", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready", database: TEST_ENGINE });
  });

  it("exposes Prometheus metrics by route pattern, not raw URL", async () => {
    await t.app.inject({ url: "/api/auth/verify-email?token=secret-token-value" });
    const metrics = await t.app.inject({ url: "/metrics" });
    expect(metrics.headers["content-type"]).toContain("text/plain");
    expect(metrics.body).toContain("http_requests_total");
    expect(metrics.body).toContain('route="/api/auth/*"');
    expect(metrics.body).not.toContain("secret-token-value");
  });

  it("publishes OpenAPI 3 generated from the Zod schemas, and interactive docs", async () => {
    const spec = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    const signUp = spec.paths["/api/identity/sign-up"].post;
    expect(signUp.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["firstName", "lastName", "email", "password"]),
    );
    expect(signUp.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
    const docs = await t.app.inject({ url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
  });

  it("sets security headers and a CSP without unsafe-inline for the app", async () => {
    const response = await t.app.inject({ url: "/healthz" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-request-id"]).toMatch(/^[\w-]{8,}$/);
  });

  it("keeps a caller's well-formed request id and replaces a malformed one", async () => {
    const kept = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-1234abcd" } });
    expect(kept.headers["x-request-id"]).toBe("trace-1234abcd");
    const replaced = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "<script>" } });
    expect(replaced.headers["x-request-id"]).not.toBe("<script>");
  });
});
