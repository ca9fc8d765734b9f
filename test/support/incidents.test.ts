import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditIncident, incidentsLeft } from "../../src/modules/support/support-plans.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  createSupportApp,
  type Member,
  openTicket,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportOperator,
  supportUrl,
  ticketsUrl,
} from "./support-kit.ts";

let t: SupportTestApp;
let op: Member;

beforeAll(async () => {
  t = await createSupportApp();
  op = await supportOperator(t);
}, 120_000);
afterAll(() => t.close());

const technical = (a: SupportAccount, subject = "Crash on start") => ({
  category: "technical",
  severity: "normal",
  subject,
  description: "The service stops.",
  licenseKeyId: a.keyId,
});
const open = (a: SupportAccount, body: Record<string, unknown>) =>
  send(t, a.member, "POST", ticketsUrl(a.accountId), {
    productId: "ras",
    category: "technical",
    severity: "normal",
    subject: "Question",
    description: "Details.",
    ...body,
  });
const left = (a: SupportAccount) => incidentsLeft(t.database.db, a.subscriptionId, t.clock.now());
const ticketCount = async (a: SupportAccount) =>
  (await t.database.db.selectFrom("supportTickets").select("id").where("accountId", "=", a.accountId).execute()).length;

describe(`incidents of a limited plan (${TEST_ENGINE})`, () => {
  it("a technical ticket uses one; licensing and purchase tickets use none; the 11th is refused and not created", async () => {
    const a = await supportAccount(t, op, "standard", { term: "3y" });
    expect(await left(a)).toBe(10);
    await openTicket(t, a.member, a.accountId, { category: "licensing", licenseKeyId: a.keyId });
    await openTicket(t, a.member, a.accountId, { category: "purchase", licenseKeyId: a.keyId });
    // A technical ticket without a key names no subscription: nothing to count against.
    await openTicket(t, a.member, a.accountId, { category: "technical" });
    expect(await left(a)).toBe(10);

    for (let n = 0; n < 10; n++) expect((await open(a, technical(a, `Crash ${n}`))).statusCode).toBe(201);
    expect(await left(a)).toBe(0);
    const options = (await send(t, a.member, "GET", `${supportUrl(a.accountId)}/options`)).json();
    expect(options.licenseKeys[0].incidentsLeft).toBe(0);

    const before = await ticketCount(a);
    const refused = await open(a, technical(a, "One too many"));
    expect([refused.statusCode, refused.json().code]).toEqual([409, "NO_INCIDENTS_LEFT"]);
    expect(await ticketCount(a)).toBe(before);
    // Licensing questions are still welcome.
    expect((await open(a, { category: "licensing", licenseKeyId: a.keyId })).statusCode).toBe(201);

    // Audited with the subscription as target.
    const used = await t.database.db
      .selectFrom("auditEvents")
      .select("action")
      .where("targetId", "=", a.subscriptionId)
      .where("action", "=", "support.incident_used")
      .execute();
    expect(used).toHaveLength(10);
  });

  it("an operator's credit gives the incident back, once", async () => {
    const a = await supportAccount(t, op, "standard", { term: "3y" });
    const ticket = await openTicket(t, a.member, a.accountId, technical(a));
    expect(ticket.incident).toMatchObject({ creditedAt: null });
    expect(await left(a)).toBe(9);
    await t.database.db.transaction().execute((trx) => creditIncident(trx, ticket.id, op.userId, "A known bug", t.clock.now()));
    expect(await left(a)).toBe(10);
    const view = (await send(t, a.member, "GET", `${ticketsUrl(a.accountId)}/${ticket.id}`)).json();
    expect(view.incident.creditedAt).not.toBeNull();
    await expect(
      t.database.db.transaction().execute((trx) => creditIncident(trx, ticket.id, op.userId, "Again", t.clock.now())),
    ).rejects.toMatchObject({ status: 409, code: "NO_INCIDENT_TO_CREDIT" });
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "actorUserId", "accountId"])
      .where("targetId", "=", ticket.id)
      .where("action", "=", "support.incident_credited")
      .execute();
    expect(audit).toEqual([{ action: "support.incident_credited", actorUserId: op.userId, accountId: a.accountId }]);
  });

  it("two tickets racing for the last incident: exactly one is opened", async () => {
    const a = await supportAccount(t, op, "standard", { term: "3y" });
    for (let n = 0; n < 9; n++) await openTicket(t, a.member, a.accountId, technical(a, `Crash ${n}`));
    const results = await Promise.all([open(a, technical(a, "Race A")), open(a, technical(a, "Race B"))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await left(a)).toBe(0);
    const rows = await t.database.db
      .selectFrom("supportIncidents")
      .select("ticketId")
      .where("subscriptionId", "=", a.subscriptionId)
      .execute();
    expect(rows).toHaveLength(10);
  });

  it("the allowance resets on the subscription's anniversary", async () => {
    const a = await supportAccount(t, op, "standard", { term: "3y" });
    for (let n = 0; n < 10; n++) await openTicket(t, a.member, a.accountId, technical(a, `Crash ${n}`));
    expect((await open(a, technical(a))).json().code).toBe("NO_INCIDENTS_LEFT");
    const saved = t.clock.now();
    t.clock.advanceDays(366);
    try {
      expect(await left(a)).toBe(10);
      expect((await open(a, technical(a, "Next year"))).statusCode).toBe(201);
      expect(await left(a)).toBe(9);
    } finally {
      t.clock.set(saved);
    }
  });

  it("Premium has no limit", async () => {
    const a = await supportAccount(t, op, "premium");
    const ticket = await openTicket(t, a.member, a.accountId, technical(a));
    expect(ticket.incident).toBeNull();
    expect(ticket.response).toMatchObject({ plan: "premium", targetMinutes: 8 * 60 });
    expect(await left(a)).toBeNull();
  });
});

describe(`support must be active for technical tickets (${TEST_ENGINE})`, () => {
  it("a suspended subscription or ended maintenance refuses technical tickets, not licensing ones", async () => {
    const a = await supportAccount(t, op);
    const db = t.database.db;
    await db.updateTable("subscriptions").set({ suspendedAt: t.clock.now() }).where("id", "=", a.subscriptionId).execute();
    const suspended = await open(a, technical(a));
    expect([suspended.statusCode, suspended.json().code]).toEqual([409, "SUPPORT_NOT_ACTIVE"]);
    expect((await open(a, { category: "licensing", licenseKeyId: a.keyId })).statusCode).toBe(201);
    const options = (await send(t, a.member, "GET", `${supportUrl(a.accountId)}/options`)).json();
    expect(options.licenseKeys[0].supportActive).toBe(false);

    const past = new Date(t.clock.now().getTime() - 1000);
    await db
      .updateTable("subscriptions")
      .set({ suspendedAt: null, maintenanceExpiresAt: past })
      .where("id", "=", a.subscriptionId)
      .execute();
    expect((await open(a, technical(a))).json().code).toBe("SUPPORT_NOT_ACTIVE");
    await db.updateTable("subscriptions").set({ maintenanceExpiresAt: null }).where("id", "=", a.subscriptionId).execute();
    expect((await open(a, technical(a))).statusCode).toBe(201);

    // Expired beyond the grace: no technical support either.
    await db
      .updateTable("subscriptions")
      .set({ expiresAt: new Date(t.clock.now().getTime() - 40 * 24 * 3600_000) })
      .where("id", "=", a.subscriptionId)
      .execute();
    expect((await open(a, technical(a))).json().code).toBe("SUPPORT_NOT_ACTIVE");
  });
});
