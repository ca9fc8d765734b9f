import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Watcher } from "../../contracts/support.ts";
import { createSealer } from "../../src/modules/notifications/sealed-fields.ts";
import { setMember } from "../helpers/account-fixtures.ts";
import { TEST_ORIGIN } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  clearOutbox,
  createSupportApp,
  type Member,
  openTicket,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportEmails,
  supportOperator,
  ticketUrl,
} from "./support-kit.ts";

let t: SupportTestApp;
let op: Member;
let acme: SupportAccount;
let other: SupportAccount;

beforeAll(async () => {
  t = await createSupportApp();
  op = await supportOperator(t);
  acme = await supportAccount(t, op);
  other = await supportAccount(t, op);
}, 120_000);
afterAll(() => t.close());

const watchersUrl = (accountId: string, ticketId: string) => `${ticketUrl(accountId, ticketId)}/watchers`;
const addWatcher = (who: Member, accountId: string, ticketId: string, email: string) =>
  send(t, who, "POST", watchersUrl(accountId, ticketId), { email });
const removeWatcher = (who: Member, accountId: string, ticketId: string, watcherId: string) =>
  send(t, who, "DELETE", `${watchersUrl(accountId, ticketId)}/${watcherId}`);
const outsider = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@partner.example`;

async function auditRows(ticketId: string) {
  return t.database.db
    .selectFrom("auditEvents")
    .select(["action", "actorUserId", "accountId", "metadataJson"])
    .where("targetId", "=", ticketId)
    .where("action", "like", "support.watcher_%")
    .orderBy("occurredAt")
    .execute();
}

/** The watch link an email carries (sealed in the outbox row), as a path on the portal. */
function openedUrl(data: Record<string, string>): string {
  return createSealer(t.config.licenseKeySecret).open(data).url ?? "";
}

describe(`adding watchers (${TEST_ENGINE})`, () => {
  it("adds a member by address: they see the ticket in the portal, are emailed its page, and it is audited", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    expect((await send(t, acme.member2, "GET", ticketUrl(acme.accountId, ticket.id))).statusCode).toBe(404);
    await clearOutbox(t);

    const added = await addWatcher(acme.member, acme.accountId, ticket.id, acme.member2.email.toUpperCase());
    expect(added.statusCode).toBe(201);
    const watcher = Watcher.parse(added.json());
    expect(watcher).toMatchObject({ email: acme.member2.email.toLowerCase(), isMember: true, name: "Ada Lovelace" });

    const seen = await send(t, acme.member2, "GET", ticketUrl(acme.accountId, ticket.id));
    expect(seen.statusCode).toBe(200);
    expect(seen.json().watching).toBe(true);
    expect(seen.json().watchers.map((w: { id: string }) => w.id)).toEqual([watcher.id]);

    const mails = await supportEmails(t, "support-watcher-added");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: acme.member2.email.toLowerCase(),
      data: {
        ticketReference: ticket.reference,
        ticketSubject: ticket.subject,
        adderName: "Ada Lovelace",
        url: `${TEST_ORIGIN}/accounts/${acme.accountId}/support/${ticket.id}`,
        replyTo: t.app.support.tokens.replyAddress(ticket.id),
      },
    });

    const audit = await auditRows(ticket.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: "support.watcher_added", actorUserId: acme.member.userId, accountId: acme.accountId }),
    ]);
    expect(audit[0]?.metadataJson).toMatchObject({ email: acme.member2.email.toLowerCase(), reference: ticket.reference });
  });

  it("adds an outside address: not a member, emailed a sealed watch link that opens the ticket", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    await clearOutbox(t);
    const email = outsider("Partner");
    const added = await addWatcher(acme.member, acme.accountId, ticket.id, email);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: email.toLowerCase(), isMember: false, name: null });

    const [mail] = await supportEmails(t, "support-watcher-added");
    expect(mail?.to).toBe(email.toLowerCase());
    // The stored row never holds the link in the clear.
    expect(mail?.data.url).toMatch(/^sealed:v1:/);
    const url = openedUrl(mail?.data ?? {});
    expect(url).toBe(`${TEST_ORIGIN}/support/watch/${t.app.support.tokens.watchLinkToken(added.json().id)}`);
    const view = await send(t, null, "GET", `/api/support/watch/${url.split("/").at(-1)}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ reference: ticket.reference, watcherEmail: email.toLowerCase() });
  });

  it("refuses a duplicate (in any case) and the creator's own address with 409 ALREADY_WATCHING", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const email = outsider("dup");
    expect((await addWatcher(acme.member, acme.accountId, ticket.id, email)).statusCode).toBe(201);
    for (const again of [email, email.toUpperCase(), acme.member.email]) {
      const response = await addWatcher(acme.member, acme.accountId, ticket.id, again);
      expect([response.statusCode, response.json().code]).toEqual([409, "ALREADY_WATCHING"]);
    }
    const rows = await t.database.db.selectFrom("supportWatchers").select("id").where("ticketId", "=", ticket.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses a blocked member's address with 409 MEMBER_BLOCKED rather than sending them a link", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    const blocked = await setMember(t, acme.admin, acme.accountId, acme.member2.userId, { role: "member", status: "blocked" });
    expect(blocked.statusCode).toBe(200);
    try {
      const response = await addWatcher(acme.admin, acme.accountId, ticket.id, acme.member2.email);
      expect([response.statusCode, response.json().code]).toEqual([409, "MEMBER_BLOCKED"]);
    } finally {
      await setMember(t, acme.admin, acme.accountId, acme.member2.userId, { role: "member", status: "active" });
    }
  });

  it("treats a person of another account as an outside address", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    const response = await addWatcher(acme.admin, acme.accountId, ticket.id, other.member.email);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ isMember: false, name: null });
  });

  it("allows at most 20 watchers per ticket (409 TOO_MANY_WATCHERS)", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    for (let i = 0; i < 20; i++) {
      const response = await addWatcher(acme.admin, acme.accountId, ticket.id, outsider(`w${i}`));
      expect(response.statusCode).toBe(201);
    }
    const full = await addWatcher(acme.admin, acme.accountId, ticket.id, outsider("one-too-many"));
    expect([full.statusCode, full.json().code]).toEqual([409, "TOO_MANY_WATCHERS"]);
  });

  it("lets only one of two additions racing for the last place in", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    for (let i = 0; i < 19; i++) await addWatcher(acme.admin, acme.accountId, ticket.id, outsider(`r${i}`));
    const raced = await Promise.all([
      addWatcher(acme.admin, acme.accountId, ticket.id, outsider("left")),
      addWatcher(acme.admin2, acme.accountId, ticket.id, outsider("right")),
    ]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const count = await t.database.db.selectFrom("supportWatchers").select("id").where("ticketId", "=", ticket.id).execute();
    expect(count).toHaveLength(20);
  });

  it("lets the creator and Account Administrators manage watchers, and no one else", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    // An Account Administrator who did not open it may.
    const byAdmin = await addWatcher(acme.admin2, acme.accountId, ticket.id, acme.member2.email);
    expect(byAdmin.statusCode).toBe(201);
    // A member who watches it sees it, but may not add others.
    const byWatcher = await addWatcher(acme.member2, acme.accountId, ticket.id, outsider("nope"));
    expect([byWatcher.statusCode, byWatcher.json().code]).toEqual([403, "WATCHER_MANAGEMENT_NOT_ALLOWED"]);
    const outside = await addWatcher(acme.member, acme.accountId, ticket.id, outsider("kept"));
    const removeOther = await removeWatcher(acme.member2, acme.accountId, ticket.id, outside.json().id);
    expect([removeOther.statusCode, removeOther.json().code]).toEqual([403, "WATCHER_MANAGEMENT_NOT_ALLOWED"]);

    // A member who cannot see the ticket, and another account, are told nothing.
    const hidden = await openTicket(t, acme.admin, acme.accountId);
    const byStranger = await addWatcher(acme.member, acme.accountId, hidden.id, outsider("x"));
    expect([byStranger.statusCode, byStranger.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
    const crossAccount = await addWatcher(other.admin, other.accountId, ticket.id, outsider("x"));
    expect([crossAccount.statusCode, crossAccount.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
    const wrongAccount = await addWatcher(other.admin, acme.accountId, ticket.id, outsider("x"));
    expect([wrongAccount.statusCode, wrongAccount.json().code]).toEqual([404, "ACCOUNT_NOT_FOUND"]);
    const signedOut = await send(t, null, "POST", watchersUrl(acme.accountId, ticket.id), { email: outsider("x") });
    expect(signedOut.statusCode).toBe(401);
  });

  it("validates the address", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    const response = await addWatcher(acme.admin, acme.accountId, ticket.id, "not an address");
    expect([response.statusCode, response.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});

describe(`removing watchers (${TEST_ENGINE})`, () => {
  it("removes an outside watcher: audited, and their link stops working at once", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const email = outsider("gone");
    const added = (await addWatcher(acme.member, acme.accountId, ticket.id, email)).json();
    const link = `/api/support/watch/${t.app.support.tokens.watchLinkToken(added.id)}`;
    expect((await send(t, null, "GET", link)).statusCode).toBe(200);

    const removed = await removeWatcher(acme.member, acme.accountId, ticket.id, added.id);
    expect(removed.statusCode).toBe(204);
    const after = await send(t, null, "GET", link);
    expect([after.statusCode, after.json().code]).toEqual([404, "WATCH_LINK_NOT_FOUND"]);
    const reply = await send(t, null, "POST", `${link}/messages`, { body: "Still here?" });
    expect([reply.statusCode, reply.json().code]).toEqual([404, "WATCH_LINK_NOT_FOUND"]);

    const audit = await auditRows(ticket.id);
    expect(audit.map((a) => a.action)).toEqual(["support.watcher_added", "support.watcher_removed"]);
    expect(audit[1]?.metadataJson).toMatchObject({ email: email.toLowerCase() });

    const again = await removeWatcher(acme.member, acme.accountId, ticket.id, added.id);
    expect([again.statusCode, again.json().code]).toEqual([404, "WATCHER_NOT_FOUND"]);
  });

  it("lets a member stop watching; they no longer see the ticket", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const added = (await addWatcher(acme.member, acme.accountId, ticket.id, acme.member2.email)).json();
    const removed = await removeWatcher(acme.member2, acme.accountId, ticket.id, added.id);
    expect(removed.statusCode).toBe(204);
    expect((await send(t, acme.member2, "GET", ticketUrl(acme.accountId, ticket.id))).statusCode).toBe(404);
  });

  it("does not remove a watcher through another ticket", async () => {
    const first = await openTicket(t, acme.admin, acme.accountId);
    const second = await openTicket(t, acme.admin, acme.accountId);
    const added = (await addWatcher(acme.admin, acme.accountId, first.id, outsider("scoped"))).json();
    const response = await removeWatcher(acme.admin, acme.accountId, second.id, added.id);
    expect([response.statusCode, response.json().code]).toEqual([404, "WATCHER_NOT_FOUND"]);
  });
});
