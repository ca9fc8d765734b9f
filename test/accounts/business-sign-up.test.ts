import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, call } from "../helpers/account-fixtures.ts";
import {
  cookieFrom,
  GOOD_PASSWORD,
  JSON_HEADERS,
  latestMail,
  signIn,
  signUp,
  signUpVerified,
  uniqueEmail,
} from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/** Issue 3, point 1: signing up as "A Business Customer". */
describe(`business sign-up (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t?.close());

  const businessSignUp = (email: string, extra: Record<string, unknown>, password = GOOD_PASSWORD) =>
    t.app.inject({
      method: "POST",
      url: "/api/identity/sign-up",
      headers: JSON_HEADERS,
      payload: { firstName: "Bea", lastName: "Boss", email, password, customerType: "business", ...extra },
    });
  const businessAccountsNamed = (companyName: string) =>
    t.database.db.selectFrom("accounts").select("id").where("companyName", "=", companyName).execute();

  it("creates the business account with the person as its Account Administrator, ready once they verify", async () => {
    const email = uniqueEmail("business");
    const company = { ...ACME, companyName: `Boss Industries ${email}`, vatId: "DE123456789", website: "https://boss.example" };
    const response = await businessSignUp(email, { company });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: "verification_sent", email });
    expect((await signIn(t, email, GOOD_PASSWORD)).json().code).toBe("EMAIL_NOT_VERIFIED");

    const mail = await latestMail(t, email, "verify-email");
    const verified = await t.app.inject({ url: mail.url.replace(TEST_ORIGIN, "") });
    const who = { email, password: GOOD_PASSWORD, cookie: cookieFrom(verified.headers["set-cookie"]) };
    const accounts = (await call(t, who, "GET", "/api/accounts")).json().accounts;
    expect(accounts).toMatchObject([
      { kind: "personal", role: "admin" },
      { kind: "business", name: company.companyName, role: "admin", status: "active" },
    ]);
    const details = await call(t, who, "GET", `/api/accounts/${accounts[1].id}`);
    expect(details.json()).toMatchObject({
      company: { companyName: company.companyName, country: "DE", vatId: "DE123456789", website: "https://boss.example" },
      membership: { role: "admin", status: "active" },
      admins: [{ email, name: "Bea Boss" }],
    });
    const log = (await call(t, who, "GET", `/api/accounts/${accounts[1].id}/audit`)).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(["account.created"]);

    // Signing in again later shows the same account; nothing is created twice.
    const again = cookieFrom((await signIn(t, email, GOOD_PASSWORD)).headers["set-cookie"]);
    const relisted = (await call(t, { ...who, cookie: again }, "GET", "/api/accounts")).json().accounts;
    expect(relisted.map((a: { id: string }) => a.id)).toEqual(accounts.map((a: { id: string }) => a.id));
    expect(await businessAccountsNamed(company.companyName)).toHaveLength(1);
  });

  it("without company information answers 400 VALIDATION_FAILED with field errors, and creates no one", async () => {
    const email = uniqueEmail("nocompany");
    const response = await businessSignUp(email, {});
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "body.company" })]));
    expect(await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
  });

  it("with incomplete company information names each field", async () => {
    const email = uniqueEmail("badcompany");
    const response = await businessSignUp(email, {
      company: { companyName: "", country: "XX", postcode: "1", businessPhone: "abc" },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(["body.company.companyName", "body.company.country", "body.company.businessPhone"]),
    );
    expect(await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
  });

  it("for an address that is already registered answers the same 202 and creates no business account", async () => {
    const existing = await signUpVerified(t, uniqueEmail("taken"));
    const before = (await call(t, existing, "GET", "/api/accounts")).json().accounts;
    const companyName = `Hijack Ltd ${existing.email}`;
    const response = await businessSignUp(existing.email, { company: { ...ACME, companyName } }, "a-different-password-entirely");
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: "verification_sent", email: existing.email });
    expect(await businessAccountsNamed(companyName)).toEqual([]);
    expect((await call(t, existing, "GET", "/api/accounts")).json().accounts).toEqual(before);
    // Same shape of answer as a fresh business sign-up.
    const fresh = await businessSignUp(uniqueEmail("fresh"), { company: ACME });
    expect(Object.keys(fresh.json()).sort()).toEqual(Object.keys(response.json()).sort());
    expect(fresh.statusCode).toBe(response.statusCode);
  });

  it("a personal sign-up creates no business account", async () => {
    const email = uniqueEmail("personal");
    expect((await signUp(t, email)).statusCode).toBe(202);
    const user = await t.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const memberships = await t.database.db.selectFrom("memberships").select("accountId").where("userId", "=", user.id).execute();
    const business = await t.database.db
      .selectFrom("accounts")
      .select("id")
      .where("kind", "=", "business")
      .where("createdByUserId", "=", user.id)
      .execute();
    expect(business).toEqual([]);
    expect(memberships.length).toBeLessThanOrEqual(1);
  });
});
