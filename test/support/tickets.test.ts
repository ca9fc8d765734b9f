import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TicketOptions, TicketPage, TicketView } from "../../contracts/support.ts";
import { setMember } from "../helpers/account-fixtures.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  createSupportApp,
  type Member,
  openTicket,
  replyRequest,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportOperator,
  supportUrl,
  ticketsUrl,
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** An operator's public reply straight through the shared thread (the console's routes are helper B's). */
async function operatorReply(ticketId: string, body = "Here is how it works.", status?: "resolved" | "waiting_for_customer") {
  t.clock.set(new Date(t.clock.now().getTime() + 1000)); // the thread is ordered by time
  await t.database.db.transaction().execute((trx) =>
    t.app.support.thread.post(trx, {
      ticketId,
      author: { kind: "operator", userId: op.userId, name: "Vendor Support" },
      body,
      visibility: "public",
      via: "portal",
      attachmentIds: [],
      ...(status ? { status } : {}),
    }),
  );
}

describe(`opening a ticket (${TEST_ENGINE})`, () => {
  it("opens a technical ticket on the account's key and farm, with the plan's response target", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId, {
      category: "technical",
      severity: "high",
      subject: "Sessions drop every hour",
      description: "Users are disconnected at :00.\nLogs attached later.",
      licenseKeyId: acme.keyId,
      farmId: acme.farmId,
    });
    TicketView.parse(ticket);
    expect(ticket.reference).toMatch(/^SR-[2-9A-HJ-NP-Z]{8}$/);
    expect(ticket).toMatchObject({
      status: "new",
      category: "technical",
      severity: "high",
      product: { id: "ras" },
      createdBy: { email: acme.member.email },
      watching: false,
      can: { reply: true, manageWatchers: true, resolve: true, reopen: false },
    });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({
      authorKind: "customer",
      body: "Users are disconnected at :00.\nLogs attached later.",
    });
    expect(ticket.context.licenseKey).toMatchObject({
      id: acme.keyId,
      subscription: { id: acme.subscriptionId, supportPlan: "standard" },
    });
    expect(ticket.context.farm).toMatchObject({ id: acme.farmId });
    // Standard: 8 hours for High.
    expect(ticket.response).toMatchObject({ plan: "standard", targetMinutes: 480, firstResponseAt: null, breached: false });
    expect(new Date(ticket.response.dueAt).getTime() - new Date(ticket.createdAt).getTime()).toBe(480 * 60_000);
    expect(ticket.incident).toMatchObject({ creditedAt: null });
  });

  it("names the farm's key when only the farm is given, and refuses a farm of another key", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId, { farmId: acme.farmId });
    expect(ticket.context.licenseKey?.id).toBe(acme.keyId);
    const wrong = await send(t, acme.admin, "POST", ticketsUrl(acme.accountId), {
      productId: "ras",
      category: "licensing",
      severity: "low",
      subject: "Mismatch",
      description: "x",
      licenseKeyId: acme.keyId,
      farmId: other.farmId,
    });
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, "FARM_NOT_FOUND"]);
  });

  it("answers 404 for another account's key or farm, and 400 for an unknown product", async () => {
    const base = { productId: "ras", category: "licensing", severity: "low", subject: "Other", description: "x" };
    const key = await send(t, acme.admin, "POST", ticketsUrl(acme.accountId), { ...base, licenseKeyId: other.keyId });
    expect([key.statusCode, key.json().code]).toEqual([404, "LICENSE_KEY_NOT_FOUND"]);
    const farm = await send(t, acme.admin, "POST", ticketsUrl(acme.accountId), { ...base, farmId: other.farmId });
    expect([farm.statusCode, farm.json().code]).toEqual([404, "FARM_NOT_FOUND"]);
    const product = await send(t, acme.admin, "POST", ticketsUrl(acme.accountId), { ...base, productId: "nope" });
    expect([product.statusCode, product.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("without a key uses Standard's targets and records no plan", async () => {
    const ticket = await openTicket(t, acme.member2, acme.accountId, { severity: "critical" });
    expect(ticket.response).toMatchObject({ plan: null, targetMinutes: 240 });
    expect(ticket.context).toEqual({ licenseKey: null, farm: null });
    expect(ticket.incident).toBeNull();
  });

  it("lists the account's keys, farms, plans and incidents left as options", async () => {
    const response = await send(t, acme.member, "GET", `${supportUrl(acme.accountId)}/options`);
    expect(response.statusCode).toBe(200);
    const options = TicketOptions.parse(response.json());
    expect(options.products.map((p) => p.id)).toContain("ras");
    expect(options.licenseKeys).toEqual([
      expect.objectContaining({
        id: acme.keyId,
        subscriptionId: acme.subscriptionId,
        supportPlan: "standard",
        supportActive: true,
      }),
    ]);
    expect(options.farms).toEqual([expect.objectContaining({ id: acme.farmId, licenseKeyId: acme.keyId })]);
    expect(options.plans.map((p) => [p.code, p.incidentsPerYear])).toEqual([
      ["standard", 10],
      ["premium", null],
    ]);
  });
});

describe(`who sees which ticket (${TEST_ENGINE})`, () => {
  it("Account Administrators see every ticket; members their own and those they watch; others get 404", async () => {
    const byMember = await openTicket(t, acme.member, acme.accountId, { subject: "Member's own question" });
    const byMember2 = await openTicket(t, acme.member2, acme.accountId, { subject: "Second member's question" });
    await t.database.db
      .insertInto("supportWatchers")
      .values({
        id: crypto.randomUUID(),
        ticketId: byMember2.id,
        email: acme.member.email.toLowerCase(),
        userId: acme.member.userId,
        addedByUserId: acme.member2.userId,
        createdAt: new Date(),
      })
      .execute();

    const get = (who: Member, accountId: string, ticketId: string) => send(t, who, "GET", ticketUrl(accountId, ticketId));
    expect((await get(acme.admin2, acme.accountId, byMember.id)).statusCode).toBe(200);
    expect((await get(acme.member, acme.accountId, byMember.id)).statusCode).toBe(200);
    const watched = await get(acme.member, acme.accountId, byMember2.id);
    expect(watched.statusCode).toBe(200);
    expect(watched.json()).toMatchObject({ watching: true, can: { manageWatchers: false } });
    const notVisible = await get(acme.member2, acme.accountId, byMember.id);
    expect([notVisible.statusCode, notVisible.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
    // Another account's administrator, through their own account or ours.
    const otherAccount = await get(other.admin, other.accountId, byMember.id);
    expect([otherAccount.statusCode, otherAccount.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
    expect((await get(other.admin, acme.accountId, byMember.id)).json().code).toBe("ACCOUNT_NOT_FOUND");
    expect((await get(acme.admin, acme.accountId, "no-such-ticket")).json().code).toBe("TICKET_NOT_FOUND");

    const list = async (who: Member, query = "") => {
      const response = await send(t, who, "GET", `${ticketsUrl(acme.accountId)}${query}`);
      expect(response.statusCode).toBe(200);
      return TicketPage.parse(response.json()).items.map((i) => i.subject);
    };
    const adminSees = await list(acme.admin);
    expect(adminSees).toEqual(expect.arrayContaining(["Member's own question", "Second member's question"]));
    const memberSees = await list(acme.member);
    expect(memberSees).toContain("Member's own question");
    expect(memberSees).toContain("Second member's question");
    expect(await list(acme.member, "?mine=watching")).toEqual(["Second member's question"]);
    expect(await list(acme.member, "?mine=created")).not.toContain("Second member's question");
    expect(await list(acme.member2)).not.toContain("Member's own question");
    expect(await list(acme.admin, `?q=${encodeURIComponent("second MEMBER")}`)).toEqual(["Second member's question"]);
    expect(await list(acme.admin, `?q=${byMember.reference.toLowerCase()}`)).toEqual(["Member's own question"]);
  });

  it("pages newest activity first with a cursor, and filters by status and product", async () => {
    for (const n of [1, 2, 3]) {
      t.clock.set(new Date(t.clock.now().getTime() + 1000));
      await openTicket(t, other.member, other.accountId, { subject: `Paged ${n}` });
    }
    const first = (await send(t, other.member, "GET", `${ticketsUrl(other.accountId)}?limit=2`)).json();
    expect(first.items.map((i: { subject: string }) => i.subject)).toEqual(["Paged 3", "Paged 2"]);
    const second = (
      await send(t, other.member, "GET", `${ticketsUrl(other.accountId)}?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { subject: string }) => i.subject)).toEqual(["Paged 1"]);
    expect(second.nextCursor).toBeNull();
    const closedOnes = (await send(t, other.member, "GET", `${ticketsUrl(other.accountId)}?status=closed`)).json();
    expect(closedOnes.items).toEqual([]);
    const byProduct = (await send(t, other.member, "GET", `${ticketsUrl(other.accountId)}?productId=ras&status=new`)).json();
    expect(byProduct.items).toHaveLength(3);
  });

  it("a blocked member gets 403 MEMBERSHIP_BLOCKED", async () => {
    const ticket = await openTicket(t, other.member2, other.accountId);
    expect(
      (await setMember(t, other.admin, other.accountId, other.member2.userId, { role: "member", status: "blocked" })).statusCode,
    ).toBe(200);
    const blocked = await send(t, other.member2, "GET", ticketUrl(other.accountId, ticket.id));
    expect([blocked.statusCode, blocked.json().code]).toEqual([403, "MEMBERSHIP_BLOCKED"]);
  });
});

describe(`statuses (${TEST_ENGINE})`, () => {
  it("the first public operator reply moves New to In progress and stamps the first response", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    await operatorReply(ticket.id);
    const view = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(view.status).toBe("in_progress");
    expect(view.response.firstResponseAt).not.toBeNull();
    expect(view.response.breached).toBe(false);
    expect(view.messages.map((m: { authorKind: string }) => m.authorKind)).toEqual(["customer", "operator"]);
    // Customers see operators by name only.
    expect(view.messages[1].author).toEqual({ name: "Vendor Support", email: null });
  });

  it("a late first response is breached; no response past due is breached too", async () => {
    const late = await openTicket(t, acme.member, acme.accountId, { severity: "critical" });
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60 * 60 * 1000));
    const waiting = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, late.id))).json();
    expect(waiting.response).toMatchObject({ breached: true, firstResponseAt: null });
    await operatorReply(late.id);
    const answered = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, late.id))).json();
    expect(answered.response).toMatchObject({ breached: true, firstResponseMinutes: 300 });
  });

  it("a customer reply on Waiting for customer moves it back to In progress", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    await operatorReply(ticket.id, "Which version?", "waiting_for_customer");
    expect((await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json().status).toBe("waiting_for_customer");
    const reply = await replyRequest(t, acme.member, acme.accountId, ticket.id, "19.4.1");
    expect(reply.statusCode).toBe(201);
    expect(reply.json().status).toBe("in_progress");
  });

  it("resolve, reopen within 14 days by reply or status, and 409 TICKET_CLOSED after the window", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const statusUrl = `${ticketUrl(acme.accountId, ticket.id)}/status`;
    const resolved = await send(t, acme.member, "POST", statusUrl, { status: "resolved" });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: "resolved", can: { resolve: false, reopen: true, reply: true } });
    const until = new Date(resolved.json().reopenUntil).getTime();
    expect(until - t.clock.now().getTime()).toBe(14 * DAY_MS);

    t.clock.advanceDays(13);
    const reopened = await send(t, acme.member, "POST", statusUrl, { status: "in_progress" });
    expect(reopened.json()).toMatchObject({ status: "in_progress", reopenUntil: null });

    await send(t, acme.member, "POST", statusUrl, { status: "resolved" });
    t.clock.advanceDays(10);
    const byReply = await replyRequest(t, acme.member, acme.accountId, ticket.id, "It happened again.");
    expect(byReply.json().status).toBe("in_progress");

    await send(t, acme.member, "POST", statusUrl, { status: "resolved" });
    t.clock.advanceDays(15);
    const late = await replyRequest(t, acme.member, acme.accountId, ticket.id, "Still there?");
    expect([late.statusCode, late.json().code]).toEqual([409, "TICKET_CLOSED"]);
    expect((await send(t, acme.member, "POST", statusUrl, { status: "in_progress" })).json().code).toBe("TICKET_CLOSED");
    const view = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(view.can).toMatchObject({ reply: false, reopen: false });

    // The periodic job closes it; a closed ticket refuses replies too.
    expect(await t.app.support.jobs.closeResolved()).toBeGreaterThanOrEqual(1);
    expect(await t.app.support.jobs.closeResolved()).toBe(0);
    const closed = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(closed.status).toBe("closed");
    expect((await replyRequest(t, acme.member, acme.accountId, ticket.id, "Hello?")).json().code).toBe("TICKET_CLOSED");
  });

  it("a customer cannot set other statuses, and the status changes are audited", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const statusUrl = `${ticketUrl(acme.accountId, ticket.id)}/status`;
    const reopenOpen = await send(t, acme.member, "POST", statusUrl, { status: "in_progress" });
    expect([reopenOpen.statusCode, reopenOpen.json().code]).toEqual([409, "STATUS_CHANGE_NOT_ALLOWED"]);
    const closed = await send(t, acme.member, "POST", statusUrl, { status: "closed" });
    expect(closed.statusCode).toBe(400);
    await send(t, acme.member, "POST", statusUrl, { status: "resolved" });
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "actorUserId", "accountId"])
      .where("targetId", "=", ticket.id)
      .orderBy("occurredAt")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["support.ticket_opened", "support.ticket_status_changed"]);
    expect(audit[1]).toMatchObject({ actorUserId: acme.member.userId, accountId: acme.accountId });
  });
});

describe(`the thread's order (${TEST_ENGINE})`, () => {
  it("messages posted at the same instant come back in posting order, a millisecond apart", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const bodies = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"];
    // The clock does not move: without the thread's stamping every message would share the
    // opening's millisecond, and the random ids would decide their order.
    for (const [i, body] of bodies.entries()) {
      await t.database.db.transaction().execute((trx) =>
        t.app.support.thread.post(trx, {
          ticketId: ticket.id,
          author:
            i % 2 === 0
              ? { kind: "customer", userId: acme.member.userId, name: "Member" }
              : { kind: "operator", userId: op.userId, name: "Vendor Support" },
          body,
          visibility: "public",
          via: "portal",
          attachmentIds: [],
        }),
      );
    }
    const view: TicketView = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(view.messages.map((m) => m.body)).toEqual([ticket.messages[0]?.body, ...bodies]);
    const times = view.messages.map((m) => Date.parse(m.createdAt));
    expect(times[0]).toBe(t.clock.now().getTime());
    expect(times.slice(1).map((at, i) => at - (times[i] ?? 0))).toEqual(bodies.map(() => 1));
  });
});
