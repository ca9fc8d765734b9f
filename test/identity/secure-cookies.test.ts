import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_PASSWORD, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

describe(`behind HTTPS (${TEST_ENGINE})`, () => {
  const origin = "https://portal.example.com";
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: origin });
  });
  afterAll(async () => t.close());

  it("marks the session cookie Secure, HttpOnly and SameSite=Lax, and sends HSTS", async () => {
    const email = uniqueEmail();
    const headers = { origin, "content-type": "application/json" };
    const signUp = await t.app.inject({
      method: "POST",
      url: "/api/identity/sign-up",
      headers,
      payload: { firstName: "Ada", lastName: "Lovelace", email, password: GOOD_PASSWORD },
    });
    expect(signUp.statusCode).toBe(202);
    await t.database.db.updateTable("users").set({ emailVerified: true }).where("email", "=", email).execute();
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      headers,
      payload: { email, password: GOOD_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers["set-cookie"]);
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(signIn.headers["strict-transport-security"]).toContain("max-age=");
  });
});
