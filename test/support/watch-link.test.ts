import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WatchLinkView } from "../../contracts/support.ts";
import { redactUrl } from "../../src/server/logger.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  clearOutbox,
  createSupportApp,
  type Member,
  openTicket,
  PDF_BYTES,
  PNG_BYTES,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportEmails,
  supportOperator,
  ticketUrl,
  uploadAttachment,
} from "./support-kit.ts";

let t: SupportTestApp;
let op: Member;
let acme: SupportAccount;

beforeAll(async () => {
  t = await createSupportApp();
  op = await supportOperator(t);
  acme = await supportAccount(t, op);
}, 120_000);
afterAll(() => t.close());

const outsider = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@partner.example`;
const linkUrl = (token: string) => `/api/support/watch/${token}`;
const opTicketUrl = (ticketId: string) => `/api/operator/support/tickets/${ticketId}`;

/** Moves the clock a second on, so the thread's order is the order of the test's steps. */
const tick = () => t.clock.set(new Date(t.clock.now().getTime() + 1000));

/** Adds an outside watcher as the ticket's creator; returns the watcher id and their link token. */
async function outsideWatcher(ticketId: string, email = outsider("partner")) {
  const response = await send(t, acme.member, "POST", `${ticketUrl(acme.accountId, ticketId)}/watchers`, { email });
  if (response.statusCode !== 201) throw new Error(`add watcher failed: ${response.body}`);
  const id: string = response.json().id;
  return { id, email: email.toLowerCase(), token: t.app.support.tokens.watchLinkToken(id) };
}

async function operatorPost(
  ticketId: string,
  body: string,
  visibility: "public" | "internal",
  extra: Record<string, unknown> = {},
) {
  tick();
  const response = await send(t, op, "POST", `${opTicketUrl(ticketId)}/messages`, { body, visibility, ...extra });
  if (response.statusCode !== 201) throw new Error(`operator post failed: ${response.body}`);
  return response.json();
}

function linkUpload(token: string, bytes: Buffer, fileName: string) {
  return send(t, null, "POST", `${linkUrl(token)}/attachments?fileName=${encodeURIComponent(fileName)}`, bytes);
}

describe(`the watch link's view (${TEST_ENGINE})`, () => {
  it("shows the ticket's public thread only, and no address but the caller's own", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId, { subject: "Printing fails" });
    const me = await outsideWatcher(ticket.id);
    const colleague = await outsideWatcher(ticket.id, outsider("colleague"));
    await operatorPost(ticket.id, "Customer seems to use an old driver.", "internal");
    await operatorPost(ticket.id, "Which printer driver do you use?", "public");
    tick();
    expect((await send(t, null, "POST", `${linkUrl(colleague.token)}/messages`, { body: "Driver 4.2." })).statusCode).toBe(201);
    tick();
    expect((await send(t, null, "POST", `${linkUrl(me.token)}/messages`, { body: "Same here." })).statusCode).toBe(201);

    const response = await send(t, null, "GET", linkUrl(me.token));
    expect(response.statusCode).toBe(200);
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(response.headers["cache-control"]).toBe("no-store");
    const view = WatchLinkView.parse(response.json());
    expect(view).toMatchObject({
      reference: ticket.reference,
      subject: "Printing fails",
      product: { id: "ras" },
      status: "in_progress",
      watcherEmail: me.email,
      canReply: true,
    });
    expect(view.messages.map((m) => [m.authorKind, m.body])).toEqual([
      ["customer", ticket.messages[0]?.body],
      ["operator", "Which printer driver do you use?"],
      ["watcher", "Driver 4.2."],
      ["watcher", "Same here."],
    ]);
    expect(view.messages.every((m) => m.visibility === "public")).toBe(true);
    // Their own message keeps their address; the others' carry none.
    expect(view.messages[3]?.author).toEqual({ name: me.email, email: me.email });
    expect(view.messages.slice(0, 3).map((m) => m.author.email)).toEqual([null, null, null]);
    expect(view.messages[2]?.author.name).toBe(`c…@partner.example`);
    expect(response.body).not.toContain(colleague.email);
    expect(response.body).not.toContain(acme.member.email);
    expect(response.body).not.toContain("old driver");
  });

  it("answers 404 WATCH_LINK_NOT_FOUND to a tampered, malformed or unknown token, and to a member watcher's id", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const { token } = await outsideWatcher(ticket.id);
    const last = token.at(-1) === "0" ? "1" : "0";
    const member = (
      await send(t, acme.member, "POST", `${ticketUrl(acme.accountId, ticket.id)}/watchers`, { email: acme.member2.email })
    ).json();
    for (const bad of [
      `${token.slice(0, -1)}${last}`,
      `${crypto.randomUUID()}.0123456789abcdef`,
      "not-a-token-at-all",
      // Members use the portal: a (correctly signed) link for a member watcher opens nothing.
      t.app.support.tokens.watchLinkToken(member.id),
    ]) {
      const response = await send(t, null, "GET", linkUrl(bad));
      expect([response.statusCode, response.json().code]).toEqual([404, "WATCH_LINK_NOT_FOUND"]);
    }
  });
});

describe(`replying through the link (${TEST_ENGINE})`, () => {
  it("threads the reply as the watcher, via link, and emails everyone else on the ticket", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const me = await outsideWatcher(ticket.id);
    const colleague = await outsideWatcher(ticket.id, outsider("colleague"));
    await clearOutbox(t);
    tick();

    const response = await send(t, null, "POST", `${linkUrl(me.token)}/messages`, { body: "We see it on our side too." });
    expect(response.statusCode).toBe(201);
    const view = WatchLinkView.parse(response.json());
    expect(view.messages.at(-1)).toMatchObject({ authorKind: "watcher", via: "link", body: "We see it on our side too." });

    const stored = await t.database.db
      .selectFrom("supportMessages")
      .select(["authorKind", "authorEmail", "authorUserId", "visibility", "via"])
      .where("ticketId", "=", ticket.id)
      .orderBy("createdAt", "desc")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      authorKind: "watcher",
      authorEmail: me.email,
      authorUserId: null,
      visibility: "public",
      via: "link",
    });

    const mails = await supportEmails(t, "support-ticket-update");
    expect(mails.map((m) => m.to).sort()).toEqual([acme.member.email.toLowerCase(), colleague.email].sort());
    expect(mails.every((m) => m.data.replyTo === t.app.support.tokens.replyAddress(ticket.id))).toBe(true);

    // The customer sees it in the portal with the watcher's address.
    const portal = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(portal.messages.at(-1)).toMatchObject({ authorKind: "watcher", author: { email: me.email } });
  });

  it("reopens a recently resolved ticket, and is refused with 409 TICKET_CLOSED once it is closed", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const me = await outsideWatcher(ticket.id);
    tick();
    expect((await send(t, op, "PATCH", opTicketUrl(ticket.id), { status: "resolved" })).statusCode).toBe(200);
    tick();
    const reopened = await send(t, null, "POST", `${linkUrl(me.token)}/messages`, { body: "Not fixed after all." });
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json().status).toBe("in_progress");

    tick();
    expect((await send(t, op, "PATCH", opTicketUrl(ticket.id), { status: "closed" })).statusCode).toBe(200);
    const view = (await send(t, null, "GET", linkUrl(me.token))).json();
    expect(view).toMatchObject({ status: "closed", canReply: false });
    const refused = await send(t, null, "POST", `${linkUrl(me.token)}/messages`, { body: "Hello?" });
    expect([refused.statusCode, refused.json().code]).toEqual([409, "TICKET_CLOSED"]);
    const upload = await linkUpload(me.token, PNG_BYTES, "late.png");
    expect([upload.statusCode, upload.json().code]).toEqual([409, "TICKET_CLOSED"]);
  });
});

describe(`attachments through the link (${TEST_ENGINE})`, () => {
  it("uploads, posts and downloads the watcher's own file, served as a sandboxed download", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const me = await outsideWatcher(ticket.id);
    const uploaded = await linkUpload(me.token, PDF_BYTES, "report.pdf");
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ fileName: "report.pdf", mediaType: "application/pdf", size: PDF_BYTES.length });
    tick();
    const posted = await send(t, null, "POST", `${linkUrl(me.token)}/messages`, {
      body: "Report attached.",
      attachmentIds: [uploaded.json().id],
    });
    expect(posted.statusCode).toBe(201);
    const attachment = posted.json().messages.at(-1).attachments[0];
    expect(attachment.url).toBe(`${linkUrl(me.token)}/attachments/${uploaded.json().id}`);

    const file = await send(t, null, "GET", attachment.url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF_BYTES)).toBe(true);
    expect(file.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-security-policy"]).toBe("sandbox");
  });

  it("cannot post someone else's upload, nor reach another ticket's or an internal note's files", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const me = await outsideWatcher(ticket.id);

    // The customer's own unbound upload is not the watcher's to post.
    const customers = await uploadAttachment(t, acme.member, acme.accountId);
    const stolen = await send(t, null, "POST", `${linkUrl(me.token)}/messages`, {
      body: "Mine now",
      attachmentIds: [customers.id],
    });
    expect([stolen.statusCode, stolen.json().code]).toEqual([400, "ATTACHMENT_NOT_FOUND"]);

    // A public file of another ticket of the same account.
    const otherTicket = await openTicket(t, acme.member, acme.accountId, { attachmentIds: [customers.id] });
    const otherFile = otherTicket.messages[0]?.attachments[0];
    expect(otherFile).toBeDefined();
    const cross = await send(t, null, "GET", `${linkUrl(me.token)}/attachments/${otherFile?.id}`);
    expect([cross.statusCode, cross.json().code]).toEqual([404, "ATTACHMENT_NOT_FOUND"]);

    // A file of an internal note on this very ticket.
    const upload = await send(t, op, "POST", `${opTicketUrl(ticket.id)}/attachments?fileName=trace.png`, PNG_BYTES);
    expect(upload.statusCode).toBe(201);
    await operatorPost(ticket.id, "Trace from our lab.", "internal", { attachmentIds: [upload.json().id] });
    const internal = await send(t, null, "GET", `${linkUrl(me.token)}/attachments/${upload.json().id}`);
    expect([internal.statusCode, internal.json().code]).toEqual([404, "ATTACHMENT_NOT_FOUND"]);
    // The operator still gets it.
    expect((await send(t, op, "GET", `${opTicketUrl(ticket.id)}/attachments/${upload.json().id}`)).statusCode).toBe(200);
  });

  it("refuses files that are not an allowed type, whatever their name", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const me = await outsideWatcher(ticket.id);
    const html = await linkUpload(me.token, Buffer.from("<html><script>alert(1)</script></html>\x00"), "photo.png");
    expect([html.statusCode, html.json().code]).toEqual([415, "ATTACHMENT_TYPE_NOT_ALLOWED"]);
    const bad = await linkUpload("nope-nope-nope", PNG_BYTES, "x.png");
    expect([bad.statusCode, bad.json().code]).toEqual([404, "WATCH_LINK_NOT_FOUND"]);
  });
});

describe(`guessing and logging tokens (${TEST_ENGINE})`, () => {
  it("rate-limits the link routes per client when limits are on (429 after 60 a minute)", async () => {
    const limited = await createSupportApp({ env: { AUTH_RATE_LIMIT: "on" } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 61; i++) {
        const response = await limited.app.inject({
          method: "GET",
          url: `/api/support/watch/${crypto.randomUUID()}.0123456789abcdef`,
        });
        codes.push(response.statusCode);
      }
      expect(codes.slice(0, 60).every((c) => c === 404)).toBe(true);
      expect(codes[60]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it("keeps the token out of request logs", () => {
    expect(redactUrl("/api/support/watch/0f8e.abc123/attachments/42")).toBe("/api/support/watch/[redacted]/attachments/42");
    expect(redactUrl("/support/watch/0f8e.abc123")).toBe("/support/watch/[redacted]");
  });
});
