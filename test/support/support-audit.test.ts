import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountAuditEntry } from "../../contracts/invitations.ts";
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
  ticketUrl,
} from "./support-kit.ts";

/**
 * The account audit log names a support row's target as people know it: the ticket's
 * reference ("SR-…"), the watcher's address for watcher changes, and the subscription's
 * name for the incident a ticket used.
 */
describe(`support rows in the account audit log (${TEST_ENGINE})`, () => {
  let t: SupportTestApp;
  let op: Member;
  let acme: SupportAccount;
  let all: AccountAuditEntry[];
  let ticketId: string;
  let reference: string;
  const OUTSIDE = "auditor@partner.example";

  beforeAll(async () => {
    t = await createSupportApp();
    op = await supportOperator(t);
    acme = await supportAccount(t, op);
    const ticket = await openTicket(t, acme.member, acme.accountId, {
      category: "technical",
      licenseKeyId: acme.keyId,
      subject: "Sessions drop every hour",
    });
    ticketId = ticket.id;
    reference = ticket.reference;
    const watchers = `${ticketUrl(acme.accountId, ticketId)}/watchers`;
    const added = await send(t, acme.admin, "POST", watchers, { email: OUTSIDE });
    expect(added.statusCode, added.body).toBe(201);
    expect((await send(t, acme.admin, "DELETE", `${watchers}/${added.json().id}`)).statusCode).toBe(204);
    const credited = await send(t, op, "POST", `/api/operator/support/tickets/${ticketId}/incident-credit`, {
      reason: "A known bug",
    });
    expect(credited.statusCode, credited.body).toBe(200);
    const resolved = await send(t, acme.member, "POST", `${ticketUrl(acme.accountId, ticketId)}/status`, { status: "resolved" });
    expect(resolved.statusCode, resolved.body).toBe(200);
    // The periodic job closes it 14 days on (a row without an actor).
    t.clock.advanceDays(15);
    expect(await t.app.support.jobs.closeResolved()).toBe(1);

    const response = await send(t, acme.admin, "GET", `/api/accounts/${acme.accountId}/audit?limit=200`);
    expect(response.statusCode, response.body).toBe(200);
    all = (response.json() as { items: AccountAuditEntry[] }).items.filter((e) => e.action.startsWith("support."));
  }, 120_000);
  afterAll(() => t?.close());

  const targets = (action: string) => all.filter((e) => e.action === action).map((e) => e.target);

  it("labels the ticket's own rows with its reference", () => {
    expect(reference).toMatch(/^SR-[0-9A-Z]{8}$/);
    const ticket = { type: "support_ticket", id: ticketId, label: reference };
    expect(targets("support.ticket_opened")).toEqual([ticket]);
    expect(targets("support.incident_credited")).toEqual([ticket]);
    // Resolved by the member, closed by the job: both name the ticket.
    expect(targets("support.ticket_status_changed")).toEqual([ticket, ticket]);
  });

  it("labels watcher changes with the watcher's address", () => {
    const watcher = { type: "support_ticket", id: ticketId, label: OUTSIDE };
    expect(targets("support.watcher_added")).toEqual([watcher]);
    expect(targets("support.watcher_removed")).toEqual([watcher]);
  });

  it("labels the incident a ticket used with the subscription's name, and keeps the reference in the details", async () => {
    const subscription = await t.database.db
      .selectFrom("subscriptions")
      .select("displayName")
      .where("id", "=", acme.subscriptionId)
      .executeTakeFirstOrThrow();
    const [used] = all.filter((e) => e.action === "support.incident_used");
    expect(used?.target).toEqual({ type: "subscription", id: acme.subscriptionId, label: subscription.displayName });
    expect(used?.details).toMatchObject({ ticketId, reference });
  });
});
