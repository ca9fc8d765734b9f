import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACME,
  businessAccount,
  call,
  invite,
  join,
  joinAsAdmin,
  type Person,
  person,
  setMember,
} from "../helpers/account-fixtures.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/**
 * Issue 3, point 13: every new route, for every kind of caller. Membership is checked
 * on the server on every request; another account's data answers 404, so nothing
 * tells an outsider that an account exists.
 */

type Actor = "outsider" | "nonMember" | "regular" | "blocked" | "removed" | "otherAdmin" | "admin";
const ACTORS: Actor[] = ["outsider", "nonMember", "regular", "blocked", "removed", "otherAdmin", "admin"];

type Fixture = {
  people: Record<Exclude<Actor, "outsider">, Person>;
  accountId: string;
  targetUserId: string;
  invitationId: string;
  revokableId: string;
};

type Route = {
  method: "GET" | "POST" | "PUT";
  path: string;
  /** Undefined: not account-scoped (any signed-in person may call it). */
  scope?: "member" | "admin";
  ok: number;
  url(f: Fixture): string;
  body?: () => unknown;
};

const account = (f: Fixture) => `/api/accounts/${f.accountId}`;
const member = { role: "member", status: "active", note: "no change" };

const ROUTES: Route[] = [
  { method: "GET", path: "/api/accounts", ok: 200, url: () => "/api/accounts" },
  { method: "POST", path: "/api/accounts", ok: 201, url: () => "/api/accounts", body: () => ACME },
  { method: "GET", path: "/:id", scope: "member", ok: 200, url: account },
  { method: "PUT", path: "/:id/company", scope: "admin", ok: 200, url: (f) => `${account(f)}/company`, body: () => ACME },
  { method: "GET", path: "/:id/users", scope: "admin", ok: 200, url: (f) => `${account(f)}/users` },
  { method: "GET", path: "/:id/users.csv", scope: "admin", ok: 200, url: (f) => `${account(f)}/users.csv` },
  { method: "GET", path: "/:id/users/:userId", scope: "admin", ok: 200, url: (f) => `${account(f)}/users/${f.targetUserId}` },
  {
    method: "PUT",
    path: "/:id/users/:userId",
    scope: "admin",
    ok: 200,
    url: (f) => `${account(f)}/users/${f.targetUserId}`,
    body: () => member,
  },
  {
    method: "POST",
    path: "/:id/invitations",
    scope: "admin",
    ok: 200,
    url: (f) => `${account(f)}/invitations`,
    body: () => ({ locale: "en", invitations: [{ email: uniqueEmail("authz") }] }),
  },
  {
    method: "GET",
    path: "/:id/invitations/:invitationId",
    scope: "admin",
    ok: 200,
    url: (f) => `${account(f)}/invitations/${f.invitationId}`,
  },
  {
    method: "POST",
    path: "/:id/invitations/:invitationId/resend",
    scope: "admin",
    ok: 200,
    url: (f) => `${account(f)}/invitations/${f.invitationId}/resend`,
  },
  {
    method: "POST",
    path: "/:id/invitations/:invitationId/revoke",
    scope: "admin",
    ok: 200,
    url: (f) => `${account(f)}/invitations/${f.revokableId}/revoke`,
  },
  { method: "GET", path: "/:id/audit", scope: "admin", ok: 200, url: (f) => `${account(f)}/audit` },
  { method: "GET", path: "/:id/audit.csv", scope: "admin", ok: 200, url: (f) => `${account(f)}/audit.csv` },
  // Last: the Regular Member and the administrator really leave.
  { method: "POST", path: "/:id/leave", scope: "member", ok: 204, url: (f) => `${account(f)}/leave` },
];

function expected(route: Route, actor: Actor): { status: number; code?: string } {
  if (actor === "outsider") return { status: 401, code: "UNAUTHENTICATED" };
  if (!route.scope) return { status: route.ok };
  switch (actor) {
    case "nonMember":
    case "removed":
    case "otherAdmin":
      return { status: 404, code: "ACCOUNT_NOT_FOUND" };
    case "blocked":
      return { status: 403, code: "MEMBERSHIP_BLOCKED" };
    case "regular":
      return route.scope === "admin" ? { status: 403, code: "ADMIN_ROLE_REQUIRED" } : { status: route.ok };
    case "admin":
      return { status: route.ok };
  }
}

describe(`authorization of every account route (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let f: Fixture;
  let otherAccountId: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    const [admin, coAdmin, regular, blocked, removed, nonMember, otherAdmin, target] = (await Promise.all(
      ["admin", "coadmin", "regular", "blocked", "removed", "nonmember", "otheradmin", "target"].map((p) => person(t, p)),
    )) as [Person, Person, Person, Person, Person, Person, Person, Person];
    const accountId = await businessAccount(t, admin);
    // A second administrator, so that the administrator's own Leave can succeed.
    await joinAsAdmin(t, admin, accountId, coAdmin);
    await join(t, admin, accountId, regular);
    const blockedId = await join(t, admin, accountId, blocked);
    const removedId = await join(t, admin, accountId, removed);
    const targetUserId = await join(t, admin, accountId, target);
    expect((await setMember(t, admin, accountId, blockedId, { role: "member", status: "blocked" })).statusCode).toBe(200);
    expect((await setMember(t, admin, accountId, removedId, { role: "member", status: "removed" })).statusCode).toBe(200);
    const [open, revokable] = await invite(t, admin, accountId, [uniqueEmail("open"), uniqueEmail("revokable")]);
    otherAccountId = await businessAccount(t, otherAdmin, { ...ACME, companyName: "Other Co" });
    f = {
      people: { admin, regular, blocked, removed, nonMember, otherAdmin },
      accountId,
      targetUserId,
      invitationId: open?.invitationId ?? "",
      revokableId: revokable?.invitationId ?? "",
    };
  });
  afterAll(async () => t?.close());

  describe("another account's ids under this account's URL", () => {
    let otherInvitationId: string;
    let otherMemberId: string;
    beforeAll(async () => {
      const otherAdmin = f.people.otherAdmin;
      const [sent] = await invite(t, otherAdmin, otherAccountId, [uniqueEmail("theirs")]);
      otherInvitationId = sent?.invitationId ?? "";
      otherMemberId = await join(t, otherAdmin, otherAccountId, f.people.nonMember);
    });

    it.each([
      ["GET", ""],
      ["POST", "/resend"],
      ["POST", "/revoke"],
    ] as const)("%s an invitation of account B%s answers 404 and leaves it alone", async (method, suffix) => {
      const response = await call(
        t,
        f.people.admin,
        method,
        `/api/accounts/${f.accountId}/invitations/${otherInvitationId}${suffix}`,
      );
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("INVITATION_NOT_FOUND");
      const row = await t.database.db
        .selectFrom("invitations")
        .select(["status", "sendCount"])
        .where("id", "=", otherInvitationId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "pending", sendCount: 1 });
    });

    it("a member of account B under account A's URL answers 404 and is not changed", async () => {
      const url = `/api/accounts/${f.accountId}/users/${otherMemberId}`;
      const read = await call(t, f.people.admin, "GET", url);
      expect(read.statusCode).toBe(404);
      expect(read.json().code).toBe("MEMBER_NOT_FOUND");
      const write = await call(t, f.people.admin, "PUT", url, { role: "admin", status: "blocked" });
      expect(write.statusCode).toBe(404);
      expect(write.json().code).toBe("MEMBER_NOT_FOUND");
      const theirs = await call(t, f.people.otherAdmin, "GET", `/api/accounts/${otherAccountId}/users/${otherMemberId}`);
      expect(theirs.json()).toMatchObject({ role: "member", status: "active" });
    });

    it("account B's own URL answers 404 to account A's administrator", async () => {
      const response = await call(t, f.people.admin, "GET", `/api/accounts/${otherAccountId}/invitations/${otherInvitationId}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("ACCOUNT_NOT_FOUND");
    });

    it("an unknown account id answers exactly like another person's account", async () => {
      const unknown = await call(t, f.people.admin, "GET", "/api/accounts/00000000-0000-0000-0000-000000000000");
      const foreign = await call(t, f.people.admin, "GET", `/api/accounts/${otherAccountId}`);
      expect([unknown.statusCode, foreign.statusCode]).toEqual([404, 404]);
      expect(unknown.json().detail).toBe(foreign.json().detail);
    });
  });

  describe("personal accounts", () => {
    it("are not business accounts: admin routes answer 409, and another person's answers 404", async () => {
      const list = await call(t, f.people.regular, "GET", "/api/accounts");
      const personal = list.json().accounts.find((a: { kind: string }) => a.kind === "personal");
      expect(personal).toMatchObject({ role: "admin", status: "active" });
      const own = await call(t, f.people.regular, "GET", `/api/accounts/${personal.id}/users`);
      expect(own.statusCode).toBe(409);
      expect(own.json().code).toBe("NOT_A_BUSINESS_ACCOUNT");
      const foreign = await call(t, f.people.admin, "GET", `/api/accounts/${personal.id}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe("ACCOUNT_NOT_FOUND");
    });
  });

  // Runs last: the Regular Member and the administrator leave in the final rows.
  describe.each(ROUTES)("$method $path", (route) => {
    it.each(ACTORS)("as %s", async (actor) => {
      const who = actor === "outsider" ? null : f.people[actor];
      const response = await call(t, who, route.method, route.url(f), route.body?.());
      const want = expected(route, actor);
      expect(response.statusCode, response.body).toBe(want.status);
      if (want.code) {
        expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe(want.code);
        // A refused request reveals nothing about the account.
        expect(response.body).not.toContain(ACME.companyName);
      }
    });
  });
});
