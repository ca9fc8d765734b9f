import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_PASSWORD, JSON_HEADERS, latestMail, signIn, signUp, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

describe(`sign-up and email verification (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t.close());

  it("creates an unverified person, stores an argon2id hash and queues the verification mail", async () => {
    const email = uniqueEmail();
    const response = await signUp(t, email);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: "verification_sent", email });

    const user = await t.database.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      name: "Ada Lovelace",
      emailVerified: false,
      isOperator: false,
    });
    expect(user.createdAt).toBeInstanceOf(Date);

    const credential = await t.database.db
      .selectFrom("authAccounts")
      .selectAll()
      .where("userId", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(credential.providerId).toBe("credential");
    expect(credential.password).toMatch(/^\$argon2id\$v=19\$m=7168,t=5,p=1\$/);

    const mail = await latestMail(t, email, "verify-email");
    expect(mail.status).toBe("pending");
    expect(mail.url).toContain(`${TEST_ORIGIN}/api/auth/verify-email?token=`);
  });

  it("refuses sign-in until the address is verified, then the mailed link verifies and signs in", async () => {
    const email = uniqueEmail();
    await signUp(t, email);
    const early = await signIn(t, email, GOOD_PASSWORD);
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe("EMAIL_NOT_VERIFIED");

    const mail = await latestMail(t, email, "verify-email");
    const verified = await t.app.inject({ url: mail.url.replace(TEST_ORIGIN, "") });
    expect(verified.statusCode).toBe(302);
    const cookie = String(verified.headers["set-cookie"]).split(";")[0];
    const me = await t.app.inject({ url: "/api/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email, emailVerified: true, twoFactorEnabled: false });

    expect((await latestMail(t, email, "welcome")).url).toBe(`${TEST_ORIGIN}/`);

    const later = await signIn(t, email, GOOD_PASSWORD);
    expect(later.statusCode).toBe(200);
    expect(String(later.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it("answers the same for an address that is already registered, and does not change its password", async () => {
    const email = uniqueEmail();
    await signUp(t, email);
    const again = await signUp(t, email, "a-different-password-entirely");
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ status: "verification_sent", email });
    const count = await t.database.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("treats addresses case-insensitively", async () => {
    const email = uniqueEmail();
    await signUp(t, email.toUpperCase());
    const user = await t.database.db.selectFrom("users").select("email").where("email", "=", email).executeTakeFirst();
    expect(user?.email).toBe(email);
  });

  it.each([
    ["123qweasdzxc", "PASSWORD_TOO_COMMON"],
    ["Qwerty123456", "PASSWORD_TOO_COMMON"],
  ])("refuses the common password %s", async (password, code) => {
    const response = await signUp(t, uniqueEmail(), password);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code, errors: [{ field: "password" }] });
  });

  it("enforces 12 to 128 characters and no composition rules", async () => {
    const short = await signUp(t, uniqueEmail(), "elevenchars");
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe("VALIDATION_FAILED");
    const long = await signUp(t, uniqueEmail(), "x".repeat(129));
    expect(long.statusCode).toBe(400);
    const lowercaseOnly = await signUp(t, uniqueEmail(), "lowercase only words here");
    expect(lowercaseOnly.statusCode).toBe(202);
  });

  it("keeps the raw Better Auth sign-up endpoint closed so every sign-up is validated", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-up/email",
      headers: JSON_HEADERS,
      payload: { name: "X", email: uniqueEmail(), password: GOOD_PASSWORD, firstName: "X", lastName: "Y" },
    });
    expect(response.statusCode).toBe(404);
  });

  it("cannot make anyone an operator through a form", async () => {
    const email = uniqueEmail();
    const response = await t.app.inject({
      method: "POST",
      url: "/api/identity/sign-up",
      headers: JSON_HEADERS,
      payload: { firstName: "Eve", lastName: "X", email, password: GOOD_PASSWORD, isOperator: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("VALIDATION_FAILED");
    expect(await t.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst()).toBeUndefined();
  });
});
