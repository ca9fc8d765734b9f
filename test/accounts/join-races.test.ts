import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, businessAccount, call, invitationToken, invite, person } from "../helpers/account-fixtures.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const newcomer = (token: string) => ({ token, firstName: "Rae", lastName: "Race", password: "violet-harbour-engine-42" });

describe(`joining races (${TEST_ENGINE})`, () => {
  // Regression: the two requests lock different accounts, so only the unique email index
  // can decide; the loser used to get a 500 from the constraint violation on PostgreSQL.
  it("two accounts' invitations to one new address, joined at the same instant: one joins, the other gets 409", async () => {
    for (let round = 0; round < 8; round++) {
      const email = uniqueEmail("racer");
      const tokens: string[] = [];
      for (const name of ["North", "South"]) {
        const admin = await person(t, name.toLowerCase());
        const accountId = await businessAccount(t, admin, { ...ACME, companyName: `${name} ${round}` });
        await invite(t, admin, accountId, [email]);
        tokens.push(await invitationToken(t, email));
      }
      const answers = await Promise.all(
        tokens.map((token) => call(t, null, "POST", "/api/invitations/accept-new", newcomer(token))),
      );
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses).toEqual([200, 409]);
      expect(answers.find((a) => a.statusCode === 409)?.json().code).toBe("ACCOUNT_EXISTS");
      const users = await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute();
      expect(users).toHaveLength(1);
    }
  });

  it("a revoke that commits while an accept waits for the lock wins: the accept answers 410 INVITATION_REVOKED", async () => {
    const admin = await person(t, "revoker");
    const accountId = await businessAccount(t, admin);
    const invitee = await person(t, "waiter");
    const [sent] = await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    const [revoked, accepted] = await Promise.all([
      call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${sent?.invitationId}/revoke`),
      call(t, invitee, "POST", "/api/invitations/accept", { token }),
    ]);
    // Whichever ran first, the two answers agree: revoked and refused, or joined and nothing left to revoke.
    const outcomes = [revoked.statusCode, accepted.statusCode === 200 ? 200 : accepted.json().code];
    expect([
      [200, "INVITATION_REVOKED"],
      [404, 200],
    ]).toContainEqual(outcomes);
  });
});
