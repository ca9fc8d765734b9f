import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSealer } from "../../src/modules/notifications/sealed-fields.ts";
import { EmailRenderError, renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import type { ThreadAuthor } from "../../src/modules/support/ticket-thread.ts";
import { setMember, setProfile } from "../helpers/account-fixtures.ts";
import { TEST_ORIGIN } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  clearOutbox,
  createSupportApp,
  type Member,
  openTicket,
  replyRequest,
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
let ticketId: string;
let outsideWatcherId: string;
const OUTSIDE = "partner@example.com";

beforeAll(async () => {
  t = await createSupportApp();
  op = await supportOperator(t);
  acme = await supportAccount(t, op);
  await setProfile(t, acme.member2, "Grete", "Gruber", "de");
  const ticket = await openTicket(t, acme.member, acme.accountId, { subject: "Printer mapping fails" });
  ticketId = ticket.id;
  outsideWatcherId = randomUUID();
  // Watchers as helper B's routes add them: two members and an outside address.
  const watcher = (id: string, email: string, userId: string | null) => ({
    id,
    ticketId,
    email: email.toLowerCase(),
    userId,
    addedByUserId: acme.member.userId,
    createdAt: new Date(),
  });
  await t.database.db
    .insertInto("supportWatchers")
    .values([
      watcher(randomUUID(), acme.member2.email, acme.member2.userId),
      watcher(randomUUID(), acme.admin2.email, acme.admin2.userId),
      watcher(outsideWatcherId, OUTSIDE, null),
    ])
    .execute();
  // A member-watcher whose membership is blocked gets nothing.
  expect(
    (await setMember(t, acme.admin, acme.accountId, acme.admin2.userId, { role: "admin", status: "blocked" })).statusCode,
  ).toBe(200);
}, 120_000);
afterAll(() => t.close());
beforeEach(() => clearOutbox(t));

const post = (author: ThreadAuthor, body: string, visibility: "public" | "internal" = "public", status?: "resolved") => {
  t.clock.set(new Date(t.clock.now().getTime() + 1000)); // the thread is ordered by time
  return t.database.db.transaction().execute((trx) =>
    t.app.support.thread.post(trx, {
      ticketId,
      author,
      body,
      visibility,
      via: author.kind === "watcher" ? "link" : "portal",
      attachmentIds: [],
      ...(status ? { status } : {}),
    }),
  );
};
const operator = (): ThreadAuthor => ({ kind: "operator", userId: op.userId, name: "Vendor Support" });
const recipients = (emails: Array<{ to: string }>) => emails.map((e) => e.to.toLowerCase()).sort();

describe(`support emails (${TEST_ENGINE})`, () => {
  it("opening a ticket emails its creator one copy in their language, with the reference, the target and the reply address", async () => {
    const opened = await openTicket(t, acme.member2, acme.accountId, { subject: "Licenses for Vienna", severity: "high" });
    const emails = await supportEmails(t);
    expect(emails).toEqual([
      {
        to: acme.member2.email,
        template: "support-ticket-opened",
        locale: "de",
        data: {
          name: "Grete Gruber",
          ticketReference: opened.reference,
          ticketSubject: "Licenses for Vienna",
          url: `${TEST_ORIGIN}/accounts/${acme.accountId}/support/${opened.id}`,
          replyTo: t.app.support.tokens.replyAddress(opened.id),
          // No key: Standard's target for "high", 8 hours.
          responseTarget: "480",
        },
      },
    ]);
    const rendered = renderEmail("support-ticket-opened", "de", acme.member2.email, emails[0]?.data ?? {});
    expect(rendered.replyTo).toBe(t.app.support.tokens.replyAddress(opened.id));
    expect(rendered.subject).toContain(opened.reference);
    expect(rendered.text).toContain("8 Stunden");
    expect(rendered.text).toContain("antworten Sie einfach auf diese E-Mail");
  });

  it("shows the response target in the largest fitting unit, and refuses a target that is not whole minutes", () => {
    const data = { ticketReference: "SR-7KQ2MX4P", ticketSubject: "Sessions drop", url: TEST_ORIGIN };
    const target = (responseTarget: string) =>
      renderEmail("support-ticket-opened", "en", "a@example.com", { ...data, responseTarget }).text;
    expect(target("30")).toContain("within 30 minutes.");
    expect(target("1440")).toContain("within 24 hours.");
    expect(target("2880")).toContain("within 2 days.");
    expect(target("90")).toContain("within 1.5 hours.");
    expect(() => target("4h")).toThrow(EmailRenderError);
  });

  it("a customer's reply goes to the watchers, not its author nor blocked members, with the reply address", async () => {
    expect((await replyRequest(t, acme.member, acme.accountId, ticketId, "It fails on\nevery login.")).statusCode).toBe(201);
    const emails = await supportEmails(t);
    expect(recipients(emails)).toEqual([acme.member2.email.toLowerCase(), OUTSIDE].sort());
    const replyTo = t.app.support.tokens.replyAddress(ticketId);
    for (const email of emails) {
      expect(email.template).toBe("support-ticket-update");
      expect(email.data).toMatchObject({ replyTo, message: "It fails on\nevery login.", ticketSubject: "Printer mapping fails" });
      expect(email.data.ticketReference).toMatch(/^SR-/);
    }
    const member = emails.find((e) => e.to === acme.member2.email);
    expect(member).toMatchObject({
      locale: "de",
      data: { url: `${TEST_ORIGIN}/accounts/${acme.accountId}/support/${ticketId}` },
    });
  });

  it("the outside watcher's link is sealed in the outbox and opens only their watch page", async () => {
    await post(operator(), "Please send the logs.");
    const outside = (await supportEmails(t)).find((e) => e.to === OUTSIDE);
    expect(outside?.data.url).toMatch(/^sealed:v1:/);
    const opened = createSealer(t.config.licenseKeySecret).open(outside?.data ?? {});
    const match = new RegExp(`^${TEST_ORIGIN}/support/watch/(.+)$`).exec(opened.url ?? "");
    expect(match).not.toBeNull();
    expect(t.app.support.tokens.watcherOfLinkToken(match?.[1] ?? "")).toBe(outsideWatcherId);
    // And it renders, with the Reply-To header and the message as a block.
    const rendered = renderEmail("support-ticket-update", "en", OUTSIDE, opened);
    expect(rendered.replyTo).toBe(t.app.support.tokens.replyAddress(ticketId));
    expect(rendered.text).toContain("Please send the logs.");
    expect(rendered.text).toContain("Vendor Support");
  });

  it("an operator's public reply goes to the creator and every active watcher", async () => {
    await post(operator(), "Which version?");
    expect(recipients(await supportEmails(t))).toEqual(
      [acme.member.email.toLowerCase(), acme.member2.email.toLowerCase(), OUTSIDE].sort(),
    );
  });

  it("an internal note emails nobody", async () => {
    await post(operator(), "Looks like bug 4711.", "internal");
    expect(await supportEmails(t)).toEqual([]);
  });

  it("an outside watcher's reply goes to everyone but that watcher", async () => {
    await post({ kind: "watcher", watcherId: outsideWatcherId, email: OUTSIDE, name: OUTSIDE }, "Logs are on the way.");
    const emails = await supportEmails(t);
    expect(recipients(emails)).toEqual([acme.member.email.toLowerCase(), acme.member2.email.toLowerCase()].sort());
    expect(emails[0]?.data.authorName).toBe(OUTSIDE);
    const view = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticketId))).json();
    expect(view.messages.at(-1)).toMatchObject({ authorKind: "watcher", author: { email: OUTSIDE }, via: "link" });
  });

  it("resolving sends the status email in each recipient's language, minus the one who resolved", async () => {
    const response = await send(t, acme.member, "POST", `${ticketUrl(acme.accountId, ticketId)}/status`, { status: "resolved" });
    expect(response.statusCode).toBe(200);
    const emails = await supportEmails(t, "support-ticket-status");
    expect(recipients(emails)).toEqual([acme.member2.email.toLowerCase(), OUTSIDE].sort());
    expect(emails.find((e) => e.to === acme.member2.email)?.data.status).toBe("gelöst");
    expect(emails.find((e) => e.to === OUTSIDE)?.data.status).toBe("resolved");
    const sealer = createSealer(t.config.licenseKeySecret);
    for (const email of emails) {
      const rendered = renderEmail(email.template, email.locale, email.to, sealer.open(email.data));
      expect(rendered.replyTo).toBe(t.app.support.tokens.replyAddress(ticketId));
    }
    // The ticket is resolved: the next customer reply reopens it (and emails again).
    await clearOutbox(t);
    expect((await replyRequest(t, acme.member, acme.accountId, ticketId, "Back again")).json().status).toBe("in_progress");
    expect(await supportEmails(t, "support-ticket-update")).toHaveLength(2);
  });

  it("the auto-close after 14 days emails everyone on the ticket", async () => {
    await post(operator(), "Fixed in 19.4.2.", "public", "resolved");
    await clearOutbox(t);
    const saved = t.clock.now();
    t.clock.advanceDays(15);
    try {
      expect(await t.app.support.jobs.closeResolved()).toBe(1);
    } finally {
      t.clock.set(saved);
    }
    const emails = await supportEmails(t, "support-ticket-status");
    expect(recipients(emails)).toEqual([acme.member.email.toLowerCase(), acme.member2.email.toLowerCase(), OUTSIDE].sort());
    expect(emails.find((e) => e.to === acme.member.email)?.data.status).toBe("closed");
  });
});
