import { randomUUID } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketView } from "../../contracts/support.ts";
import { isUniqueViolation } from "../../src/db/constraint-errors.ts";
import { businessAccount, call, member, type Person, person, setMember } from "../helpers/account-fixtures.ts";
import { operator } from "../helpers/licensing-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { type SmtpSink, startSmtpSink } from "../notifications/smtp-sink.ts";
import { DOMAIN, EXE, messageId, type SmtpError, smtpRefusal, smtpSend } from "./inbound-kit.ts";
import { createSupportApp } from "./support-kit.ts";

const OUTSIDE = "outside.partner@partner.example";

describe(`support email in, over real SMTP (${TEST_ENGINE})`, () => {
  let sink: SmtpSink;
  let t: TestApp;
  let port: number;
  let admin: Person;
  let op: Person;
  let accountId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createSupportApp({
      env: { SMTP_URL: sink.url, INBOUND_SMTP_PORT: "0", INBOUND_SMTP_HOST: "127.0.0.1", INBOUND_EMAIL_DOMAIN: DOMAIN },
    });
    port = t.app.support.inbound.port ?? 0;
    admin = await person(t, "admin");
    op = await operator(t);
    accountId = await businessAccount(t, admin);
    await t.app.outbox.drain();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const ticketUrl = (ticketId: string) => `/api/accounts/${accountId}/support/tickets/${ticketId}`;
  async function openTicket(subject: string): Promise<string> {
    const created = await call(t, admin, "POST", `/api/accounts/${accountId}/support/tickets`, {
      productId: "ras",
      category: "licensing",
      severity: "normal",
      subject,
      description: "The renewal invoice names the wrong company.",
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }
  async function thread(ticketId: string): Promise<TicketView["messages"]> {
    const view = await call(t, admin, "GET", ticketUrl(ticketId));
    expect(view.statusCode, view.body).toBe(200);
    return (view.json() as TicketView).messages;
  }
  const replyToOf = (mail: ParsedMail) => mail.replyTo?.value[0]?.address;

  it("listens on the port it was given (0: a free one)", () => {
    expect(port).toBeGreaterThan(0);
  });

  it("mails the outside watcher with the ticket's Reply-To, and threads their trimmed answer by email", async () => {
    const ticketId = await openTicket("Wrong company on the invoice");
    const replyAddress = t.app.support.tokens.replyAddress(ticketId);
    const added = await call(t, admin, "POST", `${ticketUrl(ticketId)}/watchers`, { email: OUTSIDE });
    expect(added.statusCode, added.body).toBe(201);
    const answered = await call(t, op, "POST", `/api/operator/support/tickets/${ticketId}/messages`, {
      body: "Which company name should the invoice carry?",
      visibility: "public",
    });
    expect(answered.statusCode, answered.body).toBe(201);
    await t.app.outbox.drain();

    const toWatcher = sink.to(OUTSIDE).find((mail) => mail.text?.includes("Which company name"));
    if (!toWatcher) throw new Error(`no reply notification for the watcher: ${sink.to(OUTSIDE).map((m) => m.subject)}`);
    expect(replyToOf(toWatcher)).toBe(replyAddress);
    expect(replyAddress).toMatch(new RegExp(`^ticket\\+${ticketId}\\.[0-9a-f]{16}@${DOMAIN.replaceAll(".", "\\.")}$`));

    // The watcher presses Reply: a quoted history under the answer, a log and a program attached.
    const info = await smtpSend(port, {
      from: `Outside Partner <${OUTSIDE}>`,
      to: replyToOf(toWatcher),
      subject: `Re: ${toWatcher.subject}`,
      messageId: messageId(),
      text: [
        "Acme Remote Apps GmbH, Berlin.",
        "",
        `On Thu, Nov 26, 2026 at 10:04 AM License Portal <${replyAddress}> wrote:`,
        "> Which company name should the invoice carry?",
      ].join("\n"),
      attachments: [
        { filename: "farm.log", content: "2026-11-26 10:00 check-in ok\n" },
        { filename: "tool.exe", content: EXE },
      ],
    });
    expect(info.accepted).toEqual([replyAddress]);

    const messages = await thread(ticketId);
    const fromWatcher = messages.filter((m) => m.authorKind === "watcher");
    expect(fromWatcher).toHaveLength(1);
    expect(fromWatcher[0]).toMatchObject({ body: "Acme Remote Apps GmbH, Berlin.", via: "email", visibility: "public" });
    expect(fromWatcher[0]?.author.email).toBe(OUTSIDE);
    expect(fromWatcher[0]?.attachments.map((a) => [a.fileName, a.mediaType])).toEqual([["farm.log", "text/plain"]]);

    // Their answer is mailed on to the ticket's creator (not back to the watcher), with the same Reply-To.
    const before = sink.to(OUTSIDE).length;
    await t.app.outbox.drain();
    const toCreator = sink.to(admin.email).find((mail) => mail.text?.includes("Acme Remote Apps GmbH, Berlin."));
    expect(toCreator && replyToOf(toCreator)).toBe(replyAddress);
    expect(sink.to(OUTSIDE)).toHaveLength(before);
  });

  it("threads a member's email as the customer, once per Message-ID, and ignores automatic replies", async () => {
    const ticketId = await openTicket("Invoice address");
    const to = t.app.support.tokens.replyAddress(ticketId);
    const mail = {
      from: admin.email,
      to,
      subject: "Re: Invoice address",
      messageId: messageId(),
      text: "It is fixed, thanks.\n\n-- \nAda",
    };
    await smtpSend(port, mail);
    await smtpSend(port, mail); // the relay lost our 250 and delivers again
    await smtpSend(port, {
      ...mail,
      messageId: messageId(),
      text: "I am out of office.",
      headers: { "Auto-Submitted": "auto-replied" },
    });

    const byEmail = (await thread(ticketId)).filter((m) => m.via === "email");
    expect(byEmail.map((m) => [m.authorKind, m.body])).toEqual([["customer", "It is fixed, thanks."]]);
  });

  it("posts a message delivered twice at the same time only once", async () => {
    const ticketId = await openTicket("Two relays");
    const to = t.app.support.tokens.replyAddress(ticketId);
    const mail = { from: admin.email, to, subject: "Re", messageId: messageId(), text: "Sent once, delivered twice." };
    await Promise.all([smtpSend(port, mail), smtpSend(port, mail), smtpSend(port, mail)]);
    const byEmail = (await thread(ticketId)).filter((m) => m.via === "email");
    expect(byEmail.map((m) => m.body)).toEqual(["Sent once, delivered twice."]);

    // The Message-ID is kept on the message, and the unique index refuses a second one even
    // without the ticket lock; messages not from email (null) never conflict.
    const rows = await t.database.db.selectFrom("supportMessages").selectAll().where("ticketId", "=", ticketId).execute();
    const fromEmail = rows.find((r) => r.via === "email");
    expect(fromEmail?.emailMessageId).toBe(mail.messageId);
    expect(rows.filter((r) => r.emailMessageId === null).length).toBeGreaterThan(0);
    const copy = { ...(fromEmail as NonNullable<typeof fromEmail>), id: randomUUID() };
    const error = await t.database.db
      .insertInto("supportMessages")
      .values(copy)
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("lets a Regular Member write by email only to tickets they may see, and never when blocked", async () => {
    const ticketId = await openTicket("Members by email");
    const to = t.app.support.tokens.replyAddress(ticketId);
    const regular = await member(t, admin, accountId, "regular");
    const send = (text: string) => smtpSend(port, { from: regular.email, to, subject: "Re", messageId: messageId(), text });

    expect((await send("Not mine to answer.").catch((err: SmtpError) => err)) as SmtpError).toMatchObject({ responseCode: 550 });
    const watching = await call(t, admin, "POST", `${ticketUrl(ticketId)}/watchers`, { email: regular.email });
    expect(watching.statusCode, watching.body).toBe(201);
    await send("Now I watch it.");
    expect((await setMember(t, admin, accountId, regular.userId, { role: "member", status: "blocked" })).statusCode).toBe(200);
    expect((await send("Blocked now.").catch((err: SmtpError) => err)) as SmtpError).toMatchObject({ responseCode: 550 });

    const byEmail = (await thread(ticketId)).filter((m) => m.via === "email");
    expect(byEmail.map((m) => [m.authorKind, m.author.name, m.body])).toEqual([
      ["customer", expect.any(String), "Now I watch it."],
    ]);
  });

  it("refuses a stranger with 550 and audits it; a forged From with another envelope sender too", async () => {
    const ticketId = await openTicket("Stranger danger");
    const to = t.app.support.tokens.replyAddress(ticketId);
    const stranger = await smtpRefusal(port, {
      from: "mallory@evil.example",
      to,
      subject: "hi",
      text: "Please send me the keys.",
    });
    expect(stranger.responseCode).toBe(550);
    const forged = await smtpRefusal(port, {
      from: admin.email,
      to,
      envelope: { from: "mallory@evil.example", to },
      subject: "hi",
      text: "Forged.",
    });
    expect(forged.responseCode).toBe(550);

    expect((await thread(ticketId)).filter((m) => m.via === "email")).toHaveLength(0);
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "outcome", "metadataJson"])
      .where("accountId", "=", accountId)
      .where("action", "=", "support.inbound_refused")
      .where("targetId", "=", ticketId)
      .execute();
    expect(audit.map((a) => a.metadataJson)).toEqual([
      expect.objectContaining({ sender: "mallory@evil.example", reason: "not_a_participant" }),
      expect.objectContaining({ sender: admin.email, reason: "envelope_mismatch" }),
    ]);
    expect(audit.every((a) => a.outcome === "denied")).toBe(true);
  });

  it("refuses a tampered or unknown reply address at RCPT, and a closed ticket with a clear text", async () => {
    const ticketId = await openTicket("Closed soon");
    const to = t.app.support.tokens.replyAddress(ticketId);
    const tampered = to.replace(/\.([0-9a-f])/, (_m, c: string) => `.${c === "0" ? "1" : "0"}`);
    const refusedTampered = await smtpRefusal(port, { from: admin.email, to: tampered, subject: "x", text: "x" });
    expect(refusedTampered.responseCode).toBe(550);
    const refusedOther = await smtpRefusal(port, { from: admin.email, to: `someone@${DOMAIN}`, subject: "x", text: "x" });
    expect(refusedOther.responseCode).toBe(550);

    await t.database.db
      .updateTable("supportTickets")
      .set({ status: "closed", closedAt: new Date() })
      .where("id", "=", ticketId)
      .execute();
    const closed = await smtpRefusal(port, { from: admin.email, to, subject: "x", text: "Still broken." });
    expect(closed.responseCode).toBe(550);
    expect(closed.response).toContain("This ticket is closed; open a new one in License Portal");
  });
});
