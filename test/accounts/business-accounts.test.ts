import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, businessAccount, call, invitationToken, invite, member, person, setMember } from "../helpers/account-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

describe("business accounts", () => {
  it("creates a business account whose creator is its Account Administrator, listed after the personal account", async () => {
    const ada = await person(t, "ada");
    const accountId = await businessAccount(t, ada);
    const list = await call(t, ada, "GET", "/api/accounts");
    expect(list.statusCode).toBe(200);
    const accounts = list.json().accounts;
    expect(accounts.map((a: { kind: string }) => a.kind)).toEqual(["personal", "business"]);
    expect(accounts[1]).toMatchObject({ id: accountId, name: ACME.companyName, role: "admin", status: "active" });

    const details = await call(t, ada, "GET", `/api/accounts/${accountId}`);
    expect(details.statusCode).toBe(200);
    expect(details.json()).toMatchObject({
      kind: "business",
      company: { companyName: ACME.companyName, country: "DE", vatId: null },
      membership: { role: "admin", status: "active" },
      admins: [{ email: ada.email }],
    });
  });

  it("lets an administrator edit the company information and refuses a Regular Member", async () => {
    const admin = await person(t, "admin");
    const accountId = await businessAccount(t, admin);
    const regular = await member(t, admin, accountId);
    const edit = { ...ACME, companyName: "Acme Europe", website: "https://acme.example" };
    const byMember = await call(t, regular, "PUT", `/api/accounts/${accountId}/company`, edit);
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe("ADMIN_ROLE_REQUIRED");
    const byAdmin = await call(t, admin, "PUT", `/api/accounts/${accountId}/company`, edit);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().company).toMatchObject({ companyName: "Acme Europe", website: "https://acme.example" });
  });

  it("refuses to let the sole administrator leave, and lets a member leave", async () => {
    const admin = await person(t, "solo");
    const accountId = await businessAccount(t, admin);
    const regular = await member(t, admin, accountId);
    const refused = await call(t, admin, "POST", `/api/accounts/${accountId}/leave`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("LAST_ADMIN");
    const left = await call(t, regular, "POST", `/api/accounts/${accountId}/leave`);
    expect(left.statusCode).toBe(204);
    const after = await call(t, regular, "GET", `/api/accounts/${accountId}`);
    expect(after.statusCode).toBe(404);
  });
});

describe("invitations and membership", () => {
  it("invites, joins, promotes with a note, blocks, unblocks and removes", async () => {
    const admin = await person(t, "boss");
    const accountId = await businessAccount(t, admin);
    const joe = await member(t, admin, accountId, "joe");

    const promoted = await setMember(t, admin, accountId, joe.userId, { role: "admin", status: "active", note: "Runs IT" });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().member.roleHistory[0]).toMatchObject({ fromRole: "member", toRole: "admin", note: "Runs IT" });

    const blocked = await setMember(t, admin, accountId, joe.userId, { role: "admin", status: "blocked" });
    expect(blocked.statusCode).toBe(200);
    const denied = await call(t, joe, "GET", `/api/accounts/${accountId}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe("MEMBERSHIP_BLOCKED");

    await setMember(t, admin, accountId, joe.userId, { role: "admin", status: "active" });
    expect((await call(t, joe, "GET", `/api/accounts/${accountId}`)).json().membership.role).toBe("admin");

    const removed = await setMember(t, admin, accountId, joe.userId, { role: "admin", status: "removed" });
    expect(removed.json()).toEqual({ member: null });
    expect((await call(t, joe, "GET", `/api/accounts/${accountId}`)).statusCode).toBe(404);

    const again = await invite(t, admin, accountId, [joe.email]);
    expect(again[0]?.outcome).toBe("invited");
  });

  it("gives each address its own outcome", async () => {
    const admin = await person(t, "inviter");
    const accountId = await businessAccount(t, admin);
    const existing = await member(t, admin, accountId);
    const results = await invite(t, admin, accountId, ["new@example.com", "NEW@example.com", "not-an-email", existing.email]);
    expect(results.map((r) => r.outcome)).toEqual(["invited", "duplicate", "invalid", "already_member"]);
    const second = await invite(t, admin, accountId, ["new@example.com"]);
    expect(second[0]?.outcome).toBe("already_invited");
  });

  it("creates a new person from the link, verified and signed in", async () => {
    const admin = await person(t, "host");
    const accountId = await businessAccount(t, admin);
    await invite(t, admin, accountId, ["newcomer@example.com"], "de");
    const token = await invitationToken(t, "newcomer@example.com");
    const preview = await call(t, null, "POST", "/api/invitations/preview", { token });
    expect(preview.json()).toMatchObject({ state: "pending", hasAccount: false, locale: "de", accountName: ACME.companyName });
    const joined = await call(t, null, "POST", "/api/invitations/accept-new", {
      token,
      firstName: "Neu",
      lastName: "Ling",
      password: "violet-harbour-engine-42",
    });
    expect(joined.statusCode).toBe(200);
    const cookie = [joined.headers["set-cookie"]]
      .flat()
      .map((c) => String(c).split(";")[0])
      .join("; ");
    const me = await t.app.inject({ url: "/api/me", headers: { cookie } });
    expect(me.json()).toMatchObject({ email: "newcomer@example.com", emailVerified: true, locale: "de" });
    const used = await call(t, null, "POST", "/api/invitations/preview", { token });
    expect(used.json().state).toBe("accepted");
  });

  it("lists members and invitations with keyset pages", async () => {
    const admin = await person(t, "lister");
    const accountId = await businessAccount(t, admin);
    await invite(t, admin, accountId, ["a1@example.com", "a2@example.com", "a3@example.com"]);
    const first = await call(t, admin, "GET", `/api/accounts/${accountId}/users?limit=2&sort=email`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    const second = await call(t, admin, "GET", `/api/accounts/${accountId}/users?limit=2&sort=email&cursor=${page1.nextCursor}`);
    const page2 = second.json();
    const emails = [...page1.items, ...page2.items].map((i: { email: string }) => i.email);
    expect(emails).toEqual([...emails].sort());
    expect(new Set(emails).size).toBe(4);
    expect(page2.nextCursor).toBeNull();
  });
});
