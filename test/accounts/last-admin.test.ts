import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeAdminCount,
  businessAccount,
  call,
  join,
  joinAsAdmin,
  membershipRows,
  type Person,
  person,
  setMember,
  userIdOf,
} from "../helpers/account-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/**
 * Issue 3, point 10: every business account keeps at least one active Account
 * Administrator, also when administrators act on each other at the same instant.
 */
describe(`the last-administrator invariant (${TEST_ENGINE})`, () => {
  let t: TestApp;
  // Two people reused across many fresh accounts: sign-ups hash passwords, accounts are cheap.
  let ann: Person & { userId: string };
  let ben: Person & { userId: string };
  let cat: Person & { userId: string };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    const [a, b, c] = await Promise.all([person(t, "ann"), person(t, "ben"), person(t, "cat")]);
    ann = { ...a, userId: await userIdOf(t, a.email) };
    ben = { ...b, userId: await userIdOf(t, b.email) };
    cat = { ...c, userId: await userIdOf(t, c.email) };
  });
  afterAll(async () => t?.close());

  const demote = (actor: Person, accountId: string, userId: string) =>
    setMember(t, actor, accountId, userId, { role: "member", status: "active", note: "step down" });
  const leave = (actor: Person, accountId: string) => call(t, actor, "POST", `/api/accounts/${accountId}/leave`);

  describe("the sole active administrator", () => {
    let accountId: string;
    beforeAll(async () => {
      accountId = await businessAccount(t, ann);
      await join(t, ann, accountId, ben);
    });

    it.each([
      ["demote", { role: "member", status: "active" }],
      ["block", { role: "admin", status: "blocked" }],
      ["remove", { role: "admin", status: "removed" }],
    ])("cannot %s themselves: 409 LAST_ADMIN", async (_, body) => {
      const refused = await setMember(t, ann, accountId, ann.userId, body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("LAST_ADMIN");
      expect(await membershipRows(t, accountId)).toContainEqual({ userId: ann.userId, role: "admin", status: "active" });
    });

    it("cannot leave: 409 LAST_ADMIN with a message saying what to do", async () => {
      const refused = await leave(ann, accountId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: "LAST_ADMIN", detail: expect.stringMatching(/someone else/) });
      expect(await activeAdminCount(t, accountId)).toBe(1);
    });

    it("can do all of it once another active administrator exists", async () => {
      const second = await setMember(t, ann, accountId, ben.userId, { role: "admin", status: "active", note: "co-admin" });
      expect(second.statusCode).toBe(200);
      const stepDown = await demote(ann, accountId, ann.userId);
      expect(stepDown.statusCode).toBe(200);
      expect(stepDown.json().member).toMatchObject({ role: "member", status: "active" });
      // Ben is now the only one, and is held by the same rule.
      expect((await demote(ben, accountId, ben.userId)).json().code).toBe("LAST_ADMIN");
      expect((await leave(ann, accountId)).statusCode).toBe(204);
      expect(await membershipRows(t, accountId)).toEqual([{ userId: ben.userId, role: "admin", status: "active" }]);
    });
  });

  describe("a blocked administrator does not count", () => {
    let accountId: string;
    beforeAll(async () => {
      accountId = await businessAccount(t, ann);
      await joinAsAdmin(t, ann, accountId, ben);
      const blocked = await setMember(t, ann, accountId, ben.userId, { role: "admin", status: "blocked" });
      expect(blocked.statusCode).toBe(200);
    });

    it("leaves the active one unable to demote, block, remove themselves or leave", async () => {
      expect(await membershipRows(t, accountId)).toContainEqual({ userId: ben.userId, role: "admin", status: "blocked" });
      for (const body of [
        { role: "member", status: "active" },
        { role: "admin", status: "blocked" },
        { role: "admin", status: "removed" },
      ]) {
        const refused = await setMember(t, ann, accountId, ann.userId, body);
        expect(refused.json().code).toBe("LAST_ADMIN");
      }
      expect((await leave(ann, accountId)).json().code).toBe("LAST_ADMIN");
      expect(await activeAdminCount(t, accountId)).toBe(1);
    });

    it("counts again once unblocked", async () => {
      expect((await setMember(t, ann, accountId, ben.userId, { role: "admin", status: "active" })).statusCode).toBe(200);
      expect((await demote(ann, accountId, ann.userId)).statusCode).toBe(200);
      expect(await activeAdminCount(t, accountId)).toBe(1);
    });
  });

  describe("under concurrency", () => {
    /** A fresh account where Ann and Ben are both active administrators. */
    async function twoAdmins(): Promise<string> {
      const accountId = await businessAccount(t, ann);
      await joinAsAdmin(t, ann, accountId, ben);
      expect(await activeAdminCount(t, accountId)).toBe(2);
      return accountId;
    }

    it("two administrators demoting each other at the same instant: exactly one wins, 20 times over", async () => {
      for (let round = 0; round < 20; round++) {
        const accountId = await twoAdmins();
        const responses = await Promise.all([demote(ann, accountId, ben.userId), demote(ben, accountId, ann.userId)]);
        const statuses = responses.map((r) => r.statusCode).sort();
        expect(statuses, `round ${round}: ${responses.map((r) => r.body).join(" | ")}`).toEqual([200, 403]);
        const loser = responses.find((r) => r.statusCode !== 200);
        expect(loser?.json().code).toBe("ADMIN_ROLE_REQUIRED");
        expect(await activeAdminCount(t, accountId)).toBe(1);
      }
    });

    it("two administrators blocking each other at the same instant: exactly one wins", async () => {
      for (let round = 0; round < 10; round++) {
        const accountId = await twoAdmins();
        const responses = await Promise.all([
          setMember(t, ann, accountId, ben.userId, { role: "admin", status: "blocked" }),
          setMember(t, ben, accountId, ann.userId, { role: "admin", status: "blocked" }),
        ]);
        expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 403]);
        expect(responses.find((r) => r.statusCode === 403)?.json().code).toBe("MEMBERSHIP_BLOCKED");
        expect(await activeAdminCount(t, accountId)).toBe(1);
      }
    });

    it("two administrators leaving at the same instant: one leaves, the other is refused", async () => {
      for (let round = 0; round < 10; round++) {
        const accountId = await twoAdmins();
        const responses = await Promise.all([leave(ann, accountId), leave(ben, accountId)]);
        expect(responses.map((r) => r.statusCode).sort()).toEqual([204, 409]);
        expect(responses.find((r) => r.statusCode === 409)?.json().code).toBe("LAST_ADMIN");
        const rows = await membershipRows(t, accountId);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ role: "admin", status: "active" });
      }
    });

    it("A demotes B while B removes A: one wins and an active administrator remains", async () => {
      for (let round = 0; round < 10; round++) {
        const accountId = await twoAdmins();
        const [demoted, removed] = await Promise.all([
          demote(ann, accountId, ben.userId),
          setMember(t, ben, accountId, ann.userId, { role: "admin", status: "removed" }),
        ]);
        const ok = [demoted, removed].filter((r) => r.statusCode === 200);
        expect(ok, `round ${round}: ${demoted.body} | ${removed.body}`).toHaveLength(1);
        const rows = await membershipRows(t, accountId);
        if (demoted.statusCode === 200) {
          expect(removed.json().code).toBe("ADMIN_ROLE_REQUIRED");
          expect(rows).toHaveLength(2);
        } else {
          // Ann is no longer a member, so her request finds no account.
          expect(demoted.json().code).toBe("ACCOUNT_NOT_FOUND");
          expect(rows).toEqual([{ userId: ben.userId, role: "admin", status: "active" }]);
        }
        expect(await activeAdminCount(t, accountId)).toBe(1);
      }
    });

    it("three administrators all demoting the others at once: never zero", async () => {
      for (let round = 0; round < 5; round++) {
        const accountId = await twoAdmins();
        await joinAsAdmin(t, ann, accountId, cat);
        const people = [ann, ben, cat];
        const requests = people.flatMap((actor) =>
          people.filter((p) => p !== actor).map((target) => demote(actor, accountId, target.userId)),
        );
        const responses = await Promise.all(requests);
        expect(responses.every((r) => [200, 403, 409].includes(r.statusCode))).toBe(true);
        expect(await activeAdminCount(t, accountId)).toBeGreaterThanOrEqual(1);
      }
    });
  });
});
