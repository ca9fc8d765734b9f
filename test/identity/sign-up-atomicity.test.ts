import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_PASSWORD, JSON_HEADERS, signUp, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const usersWith = async (email: string) =>
  (await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute()).length;

/** Makes the next outbox insert for `recipient` fail inside the database, as a crash or a full disk would. */
async function failOutboxInsertsFor(recipient: string) {
  if (TEST_ENGINE === "postgres") {
    await sql
      .raw(`create or replace function fail_outbox() returns trigger as $$ begin
        if new.recipient = '${recipient}' then raise exception 'outbox unavailable'; end if; return new; end $$ language plpgsql`)
      .execute(t.database.db);
    await sql`create trigger fail_outbox before insert on outbox for each row execute function fail_outbox()`.execute(
      t.database.db,
    );
  } else {
    await sql
      .raw(`create trigger fail_outbox before insert on outbox when new.recipient = '${recipient}'
        begin select raise(abort, 'outbox unavailable'); end`)
      .execute(t.database.db);
  }
}

describe(`sign-up is one transaction (${TEST_ENGINE})`, () => {
  it("writes the person and the verification email together, or neither", async () => {
    const email = uniqueEmail("atomic");
    await failOutboxInsertsFor(email);
    try {
      const response = await signUp(t, email);
      expect(response.statusCode).toBe(500);
      expect(response.json().code).toBe("INTERNAL_ERROR");
      expect(await usersWith(email)).toBe(0);
      const accounts = await t.database.db.selectFrom("authAccounts").select("id").execute();
      const users = await t.database.db.selectFrom("users").select("id").execute();
      expect(accounts.length).toBe(users.length); // no orphan credential either
    } finally {
      await sql`drop trigger fail_outbox ${sql.raw(TEST_ENGINE === "postgres" ? "on outbox" : "")}`.execute(t.database.db);
    }
    // With the outbox back, the same address signs up normally.
    expect((await signUp(t, email)).statusCode).toBe(202);
    expect(await usersWith(email)).toBe(1);
  });

  it("a business sign-up whose email cannot be queued leaves no business account behind", async () => {
    const email = uniqueEmail("atomic-biz");
    const before = await t.database.db.selectFrom("accounts").select("id").execute();
    await failOutboxInsertsFor(email);
    try {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/identity/sign-up",
        headers: JSON_HEADERS,
        payload: {
          firstName: "Bo",
          lastName: "Biz",
          email,
          password: GOOD_PASSWORD,
          customerType: "business",
          company: { companyName: "Atomic Ltd", country: "GB", postcode: "SW1A 1AA", businessPhone: "+44 20 7946 0000" },
        },
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await sql`drop trigger fail_outbox ${sql.raw(TEST_ENGINE === "postgres" ? "on outbox" : "")}`.execute(t.database.db);
    }
    const after = await t.database.db.selectFrom("accounts").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("two sign-ups for one new address at the same instant: both get the same answer, one person exists", async () => {
    const email = uniqueEmail("twice");
    const answers = await Promise.all([signUp(t, email), signUp(t, email, "another-long-passphrase-77")]);
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202]);
    expect(await usersWith(email)).toBe(1);
    const mails = await t.database.db.selectFrom("outbox").select("id").where("recipient", "=", email).execute();
    expect(mails).toHaveLength(1);
  });
});
