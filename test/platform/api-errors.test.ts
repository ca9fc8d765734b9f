import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_HEADERS, signUpVerified, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

describe(`bad input answers 4xx problem+json, never 500 (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t.close());

  const signUpWith = (payload: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    t.app.inject({ method: "POST", url: "/api/identity/sign-up", headers, payload: payload as string });

  const expectProblem = (response: Awaited<ReturnType<typeof signUpWith>>, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const body = response.json();
    expect(body).toMatchObject({ status, code, instance: expect.any(String), requestId: response.headers["x-request-id"] });
    expect(body.detail.length).toBeGreaterThan(0);
    return body;
  };

  const valid = { firstName: "Ada", lastName: "Lovelace", email: "x@example.com", password: "violet-harbour-engine-42" };

  it("refuses unknown JSON fields", async () => {
    const body = expectProblem(await signUpWith({ ...valid, email: uniqueEmail(), role: "admin" }), 400, "VALIDATION_FAILED");
    expect(body.detail).toContain("role");
  });

  it("refuses wrong types, naming each field", async () => {
    const body = expectProblem(await signUpWith({ ...valid, firstName: 42, email: ["a"] }), 400, "VALIDATION_FAILED");
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["body.firstName", "body.email"]));
  });

  it("refuses malformed JSON", async () => {
    expectProblem(await signUpWith('{"firstName": "Ada",'), 400, "MALFORMED_JSON");
  });

  it("refuses a JSON array or null body", async () => {
    expectProblem(await signUpWith([1, 2, 3]), 400, "VALIDATION_FAILED");
    expectProblem(await signUpWith("null"), 400, "VALIDATION_FAILED");
  });

  it("refuses huge bodies with 413", async () => {
    expectProblem(await signUpWith({ ...valid, firstName: "x".repeat(300 * 1024) }), 413, "BODY_TOO_LARGE");
  });

  it("refuses a huge body on the Better Auth routes as well", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      headers: JSON_HEADERS,
      payload: { email: "a@example.com", password: "p".repeat(300 * 1024) },
    });
    expectProblem(response, 413, "BODY_TOO_LARGE");
  });

  it("refuses other content types", async () => {
    expectProblem(
      await signUpWith("firstName=Ada", { ...JSON_HEADERS, "content-type": "text/plain" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("answers unknown API routes with a 404 problem", async () => {
    expectProblem(await t.app.inject({ url: "/api/nope" }), 404, "NOT_FOUND");
  });

  it("answers Better Auth validation errors as problem+json too", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      headers: JSON_HEADERS,
      payload: { email: 5 },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses wrong credentials without saying which part was wrong", async () => {
    const person = await signUpVerified(t);
    const sign = (email: string, password: string) =>
      t.app.inject({ method: "POST", url: "/api/auth/sign-in/email", headers: JSON_HEADERS, payload: { email, password } });
    const wrongPassword = await sign(person.email, "not-the-right-password");
    const unknownUser = await sign(uniqueEmail(), "not-the-right-password");
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toBe(unknownUser.json().detail);
  });

  it("refuses cross-origin state-changing requests (CSRF)", async () => {
    const person = await signUpVerified(t);
    const evil = await t.app.inject({
      method: "PUT",
      url: "/api/me/profile",
      headers: { "content-type": "application/json", origin: "https://evil.example", cookie: person.cookie },
      payload: { firstName: "Eve", lastName: "Mallory", locale: "en" },
    });
    expectProblem(evil, 403, "CROSS_ORIGIN_REQUEST_REFUSED");
    const crossSite = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site", cookie: person.cookie },
      payload: {},
    });
    expectProblem(crossSite, 403, "CROSS_ORIGIN_REQUEST_REFUSED");
    const noOrigin = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { "content-type": "application/json", cookie: person.cookie },
      payload: {},
    });
    expectProblem(noOrigin, 403, "CROSS_ORIGIN_REQUEST_REFUSED");
    const me = await t.app.inject({ url: "/api/me", headers: { cookie: person.cookie } });
    expect(me.json().firstName).toBe("Ada");
    const sameOrigin = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN, cookie: person.cookie },
      payload: {},
    });
    expect(sameOrigin.statusCode).toBe(200);
  });
});
