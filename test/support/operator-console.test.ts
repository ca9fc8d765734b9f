import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperatorTicketPage, OperatorTicketView, SupportAgents } from "../../contracts/support.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  clearOutbox,
  createSupportApp,
  type Member,
  openTicket,
  PNG_BYTES,
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
let op2: Member;
let acme: SupportAccount;
let globex: SupportAccount;
let globexName: string;

const MINUTE_MS = 60_000;
const queueUrl = "/api/operator/support/tickets";
const opTicketUrl = (ticketId: string) => `${queueUrl}/${ticketId}`;

beforeAll(async () => {
  t = await createSupportApp();
  op = await supportOperator(t);
  op2 = await supportOperator(t);
  acme = await supportAccount(t, op);
  globex = await supportAccount(t, op, "premium");
  globexName = `Globex ${crypto.randomUUID().slice(0, 6)}`;
  await t.database.db.updateTable("accounts").set({ companyName: globexName }).where("id", "=", globex.accountId).execute();
  await t.database.db.insertInto("products").values({ id: "vdi", code: "vdi", name: "VDI Suite" }).execute();
}, 120_000);
afterAll(() => t.close());

/** Moves the clock on, so creation and activity times differ as they would in life. */
const advance = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * MINUTE_MS));

async function queue(query: string, who: Member = op) {
  const response = await send(t, who, "GET", `${queueUrl}?${query}`);
  expect(response.statusCode).toBe(200);
  return OperatorTicketPage.parse(response.json());
}

async function opView(ticketId: string) {
  const response = await send(t, op, "GET", opTicketUrl(ticketId));
  expect(response.statusCode).toBe(200);
  return OperatorTicketView.parse(response.json());
}

async function opReply(ticketId: string, body: Record<string, unknown>) {
  return send(t, op, "POST", `${opTicketUrl(ticketId)}/messages`, { attachmentIds: [], ...body });
}

describe(`who may use the console (${TEST_ENGINE})`, () => {
  it("answers 403 OPERATOR_REQUIRED to customers and 401 to no one signed in", async () => {
    const ticket = await openTicket(t, acme.admin, acme.accountId);
    for (const [method, url, payload] of [
      ["GET", queueUrl, undefined],
      ["GET", opTicketUrl(ticket.id), undefined],
      ["GET", "/api/operator/support/agents", undefined],
      ["POST", `${opTicketUrl(ticket.id)}/messages`, { body: "x", visibility: "public" }],
      ["PATCH", opTicketUrl(ticket.id), { status: "closed" }],
      ["POST", `${opTicketUrl(ticket.id)}/incident-credit`, { reason: "Bug on our side" }],
    ] as const) {
      const customer = await send(t, acme.admin, method, url, payload);
      expect([customer.statusCode, customer.json().code]).toEqual([403, "OPERATOR_REQUIRED"]);
      expect((await send(t, null, method, url, payload)).statusCode).toBe(401);
    }
    const upload = await send(t, acme.admin, "POST", `${opTicketUrl(ticket.id)}/attachments?fileName=a.png`, PNG_BYTES);
    expect([upload.statusCode, upload.json().code]).toEqual([403, "OPERATOR_REQUIRED"]);
    expect((await send(t, acme.admin, "GET", opTicketUrl(ticket.id))).json().code).toBe("OPERATOR_REQUIRED");
  });

  it("lists every operator as an agent", async () => {
    const response = await send(t, op, "GET", "/api/operator/support/agents");
    expect(response.statusCode).toBe(200);
    const agents = SupportAgents.parse(response.json()).items;
    expect(agents.map((a) => a.id).sort()).toEqual([op.userId, op2.userId].sort());
  });

  it("answers 404 TICKET_NOT_FOUND for an unknown ticket", async () => {
    const response = await send(t, op, "GET", opTicketUrl(crypto.randomUUID()));
    expect([response.statusCode, response.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
  });
});

describe(`the queue (${TEST_ENGINE})`, () => {
  it("filters by status, severity, category, product, assignee and text over reference, subject and account", async () => {
    const tag = `Q${crypto.randomUUID().slice(0, 6)}`;
    const a = await openTicket(t, acme.member, acme.accountId, { subject: `${tag} licensing low`, severity: "low" });
    const b = await openTicket(t, globex.admin, globex.accountId, {
      subject: `${tag} technical critical`,
      category: "technical",
      severity: "critical",
      licenseKeyId: globex.keyId,
    });
    const c = await openTicket(t, globex.member, globex.accountId, {
      subject: `${tag} purchase vdi`,
      category: "purchase",
      productId: "vdi",
    });
    expect((await send(t, op, "PATCH", opTicketUrl(c.id), { status: "resolved", assigneeUserId: op.userId })).statusCode).toBe(
      200,
    );
    expect((await send(t, op, "PATCH", opTicketUrl(b.id), { assigneeUserId: op2.userId })).statusCode).toBe(200);

    const ids = async (query: string) => (await queue(`q=${tag}&${query}`)).items.map((i) => i.id).sort();
    expect(await ids("")).toEqual([a.id, b.id, c.id].sort());
    expect(await ids("status=open")).toEqual([a.id, b.id].sort());
    expect(await ids("status=resolved")).toEqual([c.id]);
    expect(await ids("severity=critical")).toEqual([b.id]);
    expect(await ids("category=purchase")).toEqual([c.id]);
    expect(await ids("productId=vdi")).toEqual([c.id]);
    expect(await ids("assignee=me")).toEqual([c.id]);
    expect(await ids(`assignee=${op2.userId}`)).toEqual([b.id]);
    expect(await ids("assignee=unassigned")).toEqual([a.id]);
    // Text: the reference, the subject, the account's name (any case).
    expect((await queue(`q=${b.reference.toLowerCase()}`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await queue(`q=${globexName.toUpperCase()}&severity=critical`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await queue(`q=${encodeURIComponent("100%_")}`)).items).toEqual([]);

    const item = (await queue(`q=${b.reference}`)).items[0];
    expect(item).toMatchObject({
      reference: b.reference,
      account: { id: globex.accountId, name: globexName },
      assignee: { id: op2.userId },
      createdBy: { email: globex.admin.email },
      response: { plan: "premium", targetMinutes: 60, firstResponseAt: null },
    });
  });

  it("puts open tickets awaiting a first response first, by due time, then the rest by latest activity; pages by cursor", async () => {
    const tag = `O${crypto.randomUUID().slice(0, 6)}`;
    const open = (severity: string, name: string) =>
      openTicket(t, acme.admin, acme.accountId, { subject: `${tag} ${name}`, severity });
    // Standard targets: low 48 h, normal 24 h, high 8 h, critical 4 h.
    const low = await open("low", "low");
    advance(10);
    const normal = await open("normal", "normal");
    advance(10);
    const answeredEarly = await open("high", "answered early");
    advance(10);
    const critical = await open("critical", "critical");
    advance(10);
    const answeredLate = await open("normal", "answered late");
    advance(10);
    const high = await open("high", "high");
    advance(10);
    expect((await opReply(answeredEarly.id, { body: "On it.", visibility: "public" })).statusCode).toBe(201);
    advance(10);
    expect((await opReply(answeredLate.id, { body: "Looking.", visibility: "public" })).statusCode).toBe(201);

    const expected = [
      critical.id, // due created+4h
      high.id, // due +8h (created later than critical)
      normal.id, // +24h
      low.id, // +48h
      answeredLate.id, // answered most recently
      answeredEarly.id,
    ];
    expect((await queue(`q=${tag}`)).items.map((i) => i.id)).toEqual(expected);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof queue>> = await queue(`q=${tag}&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);

    const bad = await send(t, op, "GET", `${queueUrl}?cursor=garbage`);
    expect([bad.statusCode, bad.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});

describe(`working a ticket (${TEST_ENGINE})`, () => {
  it("shows the account, assignee, incidents left and internal notes", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId, {
      category: "technical",
      licenseKeyId: acme.keyId,
      farmId: acme.farmId,
    });
    const view = await opView(ticket.id);
    expect(view).toMatchObject({
      id: ticket.id,
      account: { id: acme.accountId, name: "Acme Remote Apps GmbH" },
      assignee: null,
      incident: { creditedAt: null },
      context: { licenseKey: { id: acme.keyId }, farm: { id: acme.farmId } },
    });
    expect(view.incidentsLeft).toBeGreaterThanOrEqual(0);
    expect(view.incidentsLeft).toBeLessThan(10);
    expect(view).not.toHaveProperty("can");
  });

  it("keeps internal notes from the customer and their inbox, and they do not count as a response", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    await clearOutbox(t);
    advance(1);
    const noted = await opReply(ticket.id, { body: "Known issue #123, wait for 19.2.", visibility: "internal" });
    expect(noted.statusCode).toBe(201);
    expect(noted.json()).toMatchObject({ status: "new", response: { firstResponseAt: null } });
    expect(noted.json().messages.at(-1)).toMatchObject({ visibility: "internal", authorKind: "operator" });
    expect(await supportEmails(t)).toEqual([]);

    const customer = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(customer.messages.map((m: { visibility: string }) => m.visibility)).toEqual(["public"]);
    expect(JSON.stringify(customer)).not.toContain("Known issue #123");

    // An internal note can carry a status change when the operator says so.
    const waiting = await opReply(ticket.id, {
      body: "Asked engineering.",
      visibility: "internal",
      status: "waiting_for_customer",
    });
    expect(waiting.json().status).toBe("waiting_for_customer");
  });

  it("measures the first response with the clock: on time, late, and breached while waiting", async () => {
    const onTime = await openTicket(t, acme.member, acme.accountId, { severity: "normal" });
    const late = await openTicket(t, acme.member, acme.accountId, { severity: "critical" });
    advance(90);
    await clearOutbox(t);
    const replied = await opReply(onTime.id, { body: "Here is what to do.", visibility: "public" });
    expect(replied.statusCode).toBe(201);
    expect(replied.json()).toMatchObject({
      status: "in_progress",
      response: { targetMinutes: 1440, firstResponseMinutes: 90, breached: false },
    });
    // A public reply is emailed to the customer, with the ticket's reply address.
    const mails = await supportEmails(t, "support-ticket-update");
    expect(mails.map((m) => m.to)).toEqual([acme.member.email.toLowerCase()]);
    expect(mails[0]?.data.authorName).toBe("Ada Lovelace");

    // Critical on Standard: 4 hours. Not answered after 5 hours: breached already in the queue.
    advance(210);
    const waiting = (await queue(`q=${late.reference}`)).items[0];
    expect(waiting?.response).toMatchObject({ firstResponseAt: null, breached: true, targetMinutes: 240 });
    const answered = await opReply(late.id, { body: "Sorry for the wait.", visibility: "public" });
    expect(answered.json().response).toMatchObject({ firstResponseMinutes: 300, breached: true });
    // A later reply does not move the first response.
    advance(5);
    const second = await opReply(onTime.id, { body: "Anything else?", visibility: "public" });
    expect(second.json().response.firstResponseMinutes).toBe(90);
  });

  it("assigns to operators only, unassigns, and re-targets the response on a severity change", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId, { severity: "low" });
    const assigned = await send(t, op, "PATCH", opTicketUrl(ticket.id), { assigneeUserId: op2.userId, severity: "critical" });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      assignee: { id: op2.userId, name: "Ada Lovelace" },
      severity: "critical",
      response: { targetMinutes: 240 },
    });
    const customer = await send(t, op, "PATCH", opTicketUrl(ticket.id), { assigneeUserId: acme.admin.userId });
    expect([customer.statusCode, customer.json().code]).toEqual([400, "ASSIGNEE_NOT_AN_OPERATOR"]);
    const unknown = await send(t, op, "PATCH", opTicketUrl(ticket.id), { assigneeUserId: crypto.randomUUID() });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, "ASSIGNEE_NOT_AN_OPERATOR"]);
    const unassigned = await send(t, op, "PATCH", opTicketUrl(ticket.id), { assigneeUserId: null });
    expect(unassigned.json().assignee).toBeNull();
    const nothing = await send(t, op, "PATCH", opTicketUrl(ticket.id), {});
    expect(nothing.statusCode).toBe(400);
    const missing = await send(t, op, "PATCH", opTicketUrl(crypto.randomUUID()), { severity: "low" });
    expect([missing.statusCode, missing.json().code]).toEqual([404, "TICKET_NOT_FOUND"]);
  });

  it("changes the status: resolved and closed are emailed and audited, and the customer sees them", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    await clearOutbox(t);
    advance(1);
    const resolved = await send(t, op, "PATCH", opTicketUrl(ticket.id), { status: "resolved" });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: "resolved" });
    expect(resolved.json().reopenUntil).not.toBeNull();
    expect((await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json().status).toBe("resolved");
    advance(1);
    expect((await send(t, op, "PATCH", opTicketUrl(ticket.id), { status: "closed" })).json().status).toBe("closed");

    const mails = await supportEmails(t, "support-ticket-status");
    expect(mails.map((m) => [m.to, m.data.status])).toEqual([
      [acme.member.email.toLowerCase(), "resolved"],
      [acme.member.email.toLowerCase(), "closed"],
    ]);
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "actorUserId"])
      .where("targetId", "=", ticket.id)
      .where("action", "=", "support.ticket_status_changed")
      .execute();
    expect(audit).toEqual([
      { action: "support.ticket_status_changed", actorUserId: op.userId },
      { action: "support.ticket_status_changed", actorUserId: op.userId },
    ]);
  });

  it("credits an incident back once, audited; a ticket that used none answers 409", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId, { category: "technical", licenseKeyId: acme.keyId });
    const before = (await opView(ticket.id)).incidentsLeft ?? 0;
    const credited = await send(t, op, "POST", `${opTicketUrl(ticket.id)}/incident-credit`, { reason: "A bug in 19.1" });
    expect(credited.statusCode).toBe(200);
    expect(credited.json().incidentsLeft).toBe(before + 1);
    expect(credited.json().incident.creditedAt).not.toBeNull();
    const row = await t.database.db
      .selectFrom("supportIncidents")
      .select(["creditedByUserId", "creditReason"])
      .where("ticketId", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ creditedByUserId: op.userId, creditReason: "A bug in 19.1" });
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["actorUserId", "accountId"])
      .where("targetId", "=", ticket.id)
      .where("action", "=", "support.incident_credited")
      .execute();
    expect(audit).toEqual([{ actorUserId: op.userId, accountId: acme.accountId }]);

    const twice = await send(t, op, "POST", `${opTicketUrl(ticket.id)}/incident-credit`, { reason: "Again" });
    expect([twice.statusCode, twice.json().code]).toEqual([409, "NO_INCIDENT_TO_CREDIT"]);
    const licensing = await openTicket(t, acme.member, acme.accountId);
    const none = await send(t, op, "POST", `${opTicketUrl(licensing.id)}/incident-credit`, { reason: "Nothing used" });
    expect([none.statusCode, none.json().code]).toEqual([409, "NO_INCIDENT_TO_CREDIT"]);
  });

  it("attaches files to replies and notes; a note's file is the operators' only", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const uploadUrl = `${opTicketUrl(ticket.id)}/attachments?fileName=${encodeURIComponent("lab trace.png")}`;
    const upload = await send(t, op, "POST", uploadUrl, PNG_BYTES);
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({
      fileName: "lab trace.png",
      mediaType: "image/png",
      url: `${opTicketUrl(ticket.id)}/attachments/${upload.json().id}`,
    });
    const noted = await opReply(ticket.id, {
      body: "Trace attached.",
      visibility: "internal",
      attachmentIds: [upload.json().id],
    });
    expect(noted.statusCode).toBe(201);

    const file = await send(t, op, "GET", upload.json().url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect(file.headers["content-disposition"]).toContain("attachment");
    expect(file.headers["content-security-policy"]).toBe("sandbox");
    const asCustomer = await send(
      t,
      acme.member,
      "GET",
      `${ticketUrl(acme.accountId, ticket.id)}/attachments/${upload.json().id}`,
    );
    expect(asCustomer.statusCode).toBe(404);

    // Not reachable through another ticket's address either.
    const otherTicket = await openTicket(t, acme.member, acme.accountId);
    expect((await send(t, op, "GET", `${opTicketUrl(otherTicket.id)}/attachments/${upload.json().id}`)).statusCode).toBe(404);
    // An upload of another operator's cannot be posted by this one.
    const theirs = await send(t, op2, "POST", uploadUrl, PNG_BYTES);
    const stolen = await opReply(ticket.id, { body: "x", visibility: "public", attachmentIds: [theirs.json().id] });
    expect([stolen.statusCode, stolen.json().code]).toEqual([400, "ATTACHMENT_NOT_FOUND"]);
  });
});
