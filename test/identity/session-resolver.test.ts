// better-call is Better Auth's HTTP layer (a dependency of better-auth): the signer we must agree with.
import { serializeSignedCookie } from "better-call";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCookie, verifySignedToken } from "../../src/modules/identity/session-resolver.ts";
import { JSON_HEADERS, signUpVerified } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

const SECRET = "a-test-secret-that-is-long-enough-for-hmac-0123";

describe("reading Better Auth's signed session cookie", () => {
  it("accepts exactly what better-call signs, and nothing altered", async () => {
    const header = await serializeSignedCookie("k", "tok3nValue.with-dots", SECRET);
    const signed = header.slice("k=".length).split(";")[0] ?? "";
    expect(verifySignedToken(signed, SECRET)).toBe("tok3nValue.with-dots");
    expect(verifySignedToken(signed, `${SECRET}x`)).toBeUndefined();
    const [token, signature] = [decodeURIComponent(signed).slice(0, -45), decodeURIComponent(signed).slice(-44)];
    expect(verifySignedToken(`${token}X.${signature}`, SECRET)).toBeUndefined();
    expect(verifySignedToken(token, SECRET)).toBeUndefined();
    expect(verifySignedToken("%E0%A4%A", SECRET)).toBeUndefined();
  });

  it("finds one cookie among many", () => {
    expect(readCookie("a=1; better-auth.session_token=xyz; b=2", "better-auth.session_token")).toBe("xyz");
    expect(readCookie("xbetter-auth.session_token=no", "better-auth.session_token")).toBeUndefined();
    expect(readCookie(undefined, "x")).toBeUndefined();
  });
});

describe(`the session check of every API request (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t?.close());

  const me = (cookie: string) => t.app.inject({ url: "/api/me", headers: { cookie } });
  const sessionRow = async (userEmail: string) => {
    const user = await t.database.db.selectFrom("users").select("id").where("email", "=", userEmail).executeTakeFirstOrThrow();
    return t.database.db
      .selectFrom("sessions")
      .select(["id", "expiresAt"])
      .where("userId", "=", user.id)
      .executeTakeFirstOrThrow();
  };

  it("refuses a tampered cookie and a session that was signed out elsewhere, at once", async () => {
    const person = await signUpVerified(t);
    expect((await me(person.cookie)).statusCode).toBe(200);
    expect((await me(person.cookie.replace(/=(.)/, "=Z"))).statusCode).toBe(401);
    const signOut = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { ...JSON_HEADERS, cookie: person.cookie },
      payload: {},
    });
    expect(signOut.statusCode).toBe(200);
    expect((await me(person.cookie)).statusCode).toBe(401);
  });

  it("refuses an expired session", async () => {
    const person = await signUpVerified(t);
    const row = await sessionRow(person.email);
    await t.database.db
      .updateTable("sessions")
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where("id", "=", row.id)
      .execute();
    expect((await me(person.cookie)).statusCode).toBe(401);
  });

  it("lets Better Auth extend a session that is due for its daily refresh", async () => {
    const person = await signUpVerified(t);
    const row = await sessionRow(person.email);
    const soon = new Date(Date.now() + 2 * 60 * 60 * 1000); // 2 h left of 7 days: due for the refresh
    await t.database.db.updateTable("sessions").set({ expiresAt: soon }).where("id", "=", row.id).execute();
    expect((await me(person.cookie)).statusCode).toBe(200);
    const after = await sessionRow(person.email);
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 60 * 60 * 1000);
  });
});
