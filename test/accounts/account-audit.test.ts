import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountAuditEntry } from "../../contracts/invitations.ts";
import {
  ACME,
  businessAccount,
  call,
  invite,
  join,
  type Person,
  person,
  setMember,
  setProfile,
  userIdOf,
} from "../helpers/account-fixtures.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/** Issue 3, points 9 and 12: the account audit log, and the emails Block / Unblock / Remove send. */
describe(`account audit log and membership emails (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let bob: Person;
  let carol: Person;
  let dave: Person;
  let ids: { admin: string; bob: string; carol: string; dave: string };
  let accountId: string;
  let midpoint: string;
  let revokedId: string;
  let all: AccountAuditEntry[];

  const audit = async (query = "") => {
    const response = await call(t, admin, "GET", `/api/accounts/${accountId}/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: AccountAuditEntry[]; nextCursor: string | null };
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    [admin, bob, carol, dave] = (await Promise.all(["admin", "bob", "carol", "dave"].map((p) => person(t, p)))) as [
      Person,
      Person,
      Person,
      Person,
    ];
    await setProfile(t, admin, "Ada", "Admin");
    await setProfile(t, bob, "Bob", "Builder", "ja");
    await setProfile(t, carol, "Carol", "Cruz", "de");
    await setProfile(t, dave, "Dave", "Doe");
    accountId = await businessAccount(t, admin);
    ids = {
      admin: await userIdOf(t, admin.email),
      bob: await join(t, admin, accountId, bob),
      carol: await join(t, admin, accountId, carol),
      dave: await join(t, admin, accountId, dave),
    };
    await pause();
    midpoint = new Date().toISOString();
    await pause();
    // Everything after the midpoint.
    await call(t, admin, "PUT", `/api/accounts/${accountId}/company`, { ...ACME, city: "Berlin" });
    const [pending, revoked] = await invite(t, admin, accountId, [uniqueEmail("pending"), uniqueEmail("revoked")]);
    revokedId = revoked?.invitationId ?? "";
    await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${pending?.invitationId}/resend`);
    await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${revokedId}/revoke`);
    await setMember(t, admin, accountId, ids.carol, { role: "admin", status: "active", note: "Runs purchasing" });
    await setMember(t, admin, accountId, ids.bob, { role: "member", status: "blocked", note: "Left the company?" });
    await setMember(t, admin, accountId, ids.bob, { role: "member", status: "active" });
    await setMember(t, admin, accountId, ids.bob, { role: "member", status: "removed", note: "Contract ended" });
    await setMember(t, carol, accountId, ids.dave, { role: "member", status: "blocked" });
    expect((await call(t, carol, "POST", `/api/accounts/${accountId}/leave`)).statusCode).toBe(204);
    all = (await audit("limit=200")).items;
  });
  afterAll(async () => t?.close());

  const one = (action: string, where: (e: AccountAuditEntry) => boolean = () => true) => {
    const found = all.filter((e) => e.action === action && where(e));
    expect(found, action).toHaveLength(1);
    return found[0] as AccountAuditEntry;
  };
  const actor = (who: "admin" | "bob" | "carol") => ({
    userId: ids[who],
    email: { admin, bob, carol }[who].email,
    name: { admin: "Ada Admin", bob: "Bob Builder", carol: "Carol Cruz" }[who],
  });

  it("records every action with its actor and target", () => {
    expect(one("account.created")).toMatchObject({ actor: actor("admin"), target: { type: "account", id: accountId } });
    expect(one("account.company_updated")).toMatchObject({
      actor: actor("admin"),
      details: { changes: { city: { from: null, to: "Berlin" } } },
    });
    expect(all.filter((e) => e.action === "invitation.sent")).toHaveLength(5);
    expect(one("invitation.resent")).toMatchObject({ actor: actor("admin"), target: { type: "invitation" } });
    expect(one("invitation.revoked")).toMatchObject({ actor: actor("admin"), target: { type: "invitation", id: revokedId } });
    expect(one("invitation.accepted", (e) => e.actor?.userId === ids.bob)).toMatchObject({
      target: { type: "invitation", label: "Bob Builder" },
    });
    expect(one("member.role_changed")).toMatchObject({
      actor: actor("admin"),
      target: { type: "user", id: ids.carol, label: "Carol Cruz" },
      details: { fromRole: "member", toRole: "admin", note: "Runs purchasing" },
    });
    expect(one("member.blocked", (e) => e.target?.id === ids.bob)).toMatchObject({
      actor: actor("admin"),
      details: { note: "Left the company?" },
    });
    expect(one("member.unblocked")).toMatchObject({ actor: actor("admin"), target: { id: ids.bob } });
    expect(one("member.removed")).toMatchObject({
      actor: actor("admin"),
      target: { id: ids.bob },
      details: { note: "Contract ended" },
    });
    expect(one("member.blocked", (e) => e.target?.id === ids.dave)).toMatchObject({ actor: actor("carol") });
    expect(one("member.left")).toMatchObject({ actor: actor("carol"), target: { type: "user", id: ids.carol } });
    expect(all.every((e) => e.outcome === "success")).toBe(true);
  });

  it("is newest first, and keyset pages of 2 give every entry exactly once", async () => {
    const times = all.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && walked.length <= all.length);
    expect(walked).toEqual(all.map((e) => e.id));
    const bad = await call(t, admin, "GET", `/api/accounts/${accountId}/audit?cursor=garbage`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
  });

  it("filters by person: as actor or as target", async () => {
    const items = (await audit(`person=${ids.bob}&limit=200`)).items;
    expect(items.map((e) => e.action).sort()).toEqual(
      ["invitation.accepted", "member.blocked", "member.removed", "member.unblocked"].sort(),
    );
    expect(items.every((e) => e.actor?.userId === ids.bob || e.target?.id === ids.bob)).toBe(true);
  });

  it("filters by action", async () => {
    const items = (await audit("action=member.blocked&limit=200")).items;
    expect(items.map((e) => e.target?.id).sort()).toEqual([ids.bob, ids.dave].sort());
    const unknown = await call(t, admin, "GET", `/api/accounts/${accountId}/audit?action=no.such.action`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe("VALIDATION_FAILED");
  });

  it("filters by date, from and to", async () => {
    const before = (await audit(`to=${midpoint}&limit=200`)).items;
    const after = (await audit(`from=${midpoint}&limit=200`)).items;
    expect(before.length + after.length).toBe(all.length);
    expect(before.map((e) => e.action)).toContain("account.created");
    expect(before.map((e) => e.action)).not.toContain("member.left");
    expect(after.map((e) => e.action)).toContain("member.left");
    expect(after.every((e) => e.occurredAt >= midpoint)).toBe(true);
    const window = (await audit(`from=${midpoint}&to=${midpoint}`)).items;
    expect(window).toEqual([]);
    expect((await call(t, admin, "GET", `/api/accounts/${accountId}/audit?from=yesterday`)).statusCode).toBe(400);
  });

  it("exports the log as CSV, with the same filters", async () => {
    const full = await call(t, admin, "GET", `/api/accounts/${accountId}/audit.csv`);
    expect(full.statusCode).toBe(200);
    expect(full.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = full.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("When (UTC),Action,Outcome,Actor,Actor email,Target,Details,IP address");
    expect(lines).toHaveLength(1 + all.length);
    const filtered = await call(t, admin, "GET", `/api/accounts/${accountId}/audit.csv?action=member.role_changed`);
    const rows = filtered.body.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(",member.role_changed,success,Ada Admin,");
    expect(rows[0]).toContain("Runs purchasing");
  });

  it("mails Block, Unblock and Remove to the person, in their language", async () => {
    const mails = await t.database.db
      .selectFrom("outbox")
      .select(["template", "recipient", "locale", "payloadJson"])
      .where("template", "like", "membership-%")
      .execute();
    const bobs = mails.filter((m) => m.recipient === bob.email).sort((a, b) => a.template.localeCompare(b.template));
    expect(bobs.map((m) => [m.template, m.locale])).toEqual([
      ["membership-blocked", "ja"],
      ["membership-removed", "ja"],
      ["membership-restored", "ja"],
    ]);
    expect(bobs.every((m) => m.payloadJson.accountName === ACME.companyName)).toBe(true);
    expect(bobs[2]?.payloadJson.url).toBe(`${TEST_ORIGIN}/accounts/${accountId}`);
    expect(mails.filter((m) => m.recipient === dave.email).map((m) => [m.template, m.locale])).toEqual([
      ["membership-blocked", "en"],
    ]);
    // A role change and leaving send no membership mail.
    expect(mails.filter((m) => m.recipient === carol.email)).toEqual([]);
  });
});

describe(`the per-account invitation limit (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let accountId: string;
  const counts = async () => ({
    invitations: (await t.database.db.selectFrom("invitations").select("id").where("accountId", "=", accountId).execute()).length,
    mails: (await t.database.db.selectFrom("outbox").select("id").where("template", "=", "invitation").execute()).length,
  });
  const send = (emails: string[], to = accountId) =>
    call(t, admin, "POST", `/api/accounts/${to}/invitations`, { locale: "en", invitations: emails.map((email) => ({ email })) });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off", INVITATION_DAILY_LIMIT: "5" });
    admin = await person(t, "limited");
    accountId = await businessAccount(t, admin);
  });
  afterAll(async () => t?.close());

  it("refuses a send that would pass it with 429 INVITATION_LIMIT_REACHED, inserting nothing", async () => {
    const over = await send(Array.from({ length: 6 }, () => uniqueEmail("over")));
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe("INVITATION_LIMIT_REACHED");
    expect(over.headers["retry-after"]).toBeDefined();
    expect(await counts()).toEqual({ invitations: 0, mails: 0 });
  });

  it("allows up to the limit, then refuses sends and resends, while rows that send nothing still get answers", async () => {
    const ok = await send(Array.from({ length: 5 }, () => uniqueEmail("ok")));
    expect(ok.statusCode).toBe(200);
    expect(await counts()).toEqual({ invitations: 5, mails: 5 });
    const more = await send([uniqueEmail("more")]);
    expect(more.json().code).toBe("INVITATION_LIMIT_REACHED");
    const first = ok.json().results[0].invitationId;
    const resend = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${first}/resend`);
    expect(resend.statusCode).toBe(429);
    const nothingToSend = await send(["not-an-email", admin.email]);
    expect(nothingToSend.statusCode).toBe(200);
    expect(nothingToSend.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(["invalid", "already_member"]);
    expect(await counts()).toEqual({ invitations: 5, mails: 5 });
  });

  it("is per account", async () => {
    const other = await businessAccount(t, admin, { ...ACME, companyName: "Second Co" });
    expect((await send([uniqueEmail("other")], other)).statusCode).toBe(200);
  });
});
