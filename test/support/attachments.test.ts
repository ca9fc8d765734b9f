import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "../../contracts/support.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  createSupportApp,
  type Member,
  openTicket,
  PDF_BYTES,
  PNG_BYTES,
  replyRequest,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportOperator,
  ticketUrl,
  uploadAttachment,
  uploadRequest,
  ZIP_BYTES,
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

const storedCount = async () => (await t.database.db.selectFrom("storedFiles").select("id").execute()).length;

describe(`attachment types come from the bytes (${TEST_ENGINE})`, () => {
  it.each([
    ["image.png", PNG_BYTES, "image/png"],
    ["photo.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), "image/jpeg"],
    ["anim.gif", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), "image/gif"],
    ["manual.pdf", PDF_BYTES, "application/pdf"],
    ["logs.zip", ZIP_BYTES, "application/zip"],
    ["server.log", Buffer.from("2026-11-26 ERROR Über-Verbindung 断开\n"), "text/plain"],
    // A name says nothing: a PNG called .txt is a PNG.
    ["notes.txt", PNG_BYTES, "image/png"],
  ])("%s is accepted as %s", async (fileName, bytes, mediaType) => {
    const response = await uploadRequest(t, acme.member, acme.accountId, bytes, fileName);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ fileName, mediaType, size: bytes.length });
  });

  it("refuses HTML named .png, markup, binary junk, invalid UTF-8, NUL bytes and empty files (415), keeping nothing", async () => {
    const before = await storedCount();
    for (const [name, bytes] of [
      ["evil.png", Buffer.from("<html><script>alert(1)</script></html>")],
      ["picture.png", Buffer.from("just some text")],
      ["page.txt", Buffer.from("\n  <!DOCTYPE html><p>hi</p>")],
      ["image.txt", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ["app.exe", Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03])],
      ["latin1.txt", Buffer.from([0x48, 0xe9, 0x6c, 0x6c, 0x6f])],
      ["nul.txt", Buffer.from("abc\u0000def")],
      ["empty.txt", Buffer.alloc(0)],
    ] as const) {
      const response = await uploadRequest(t, acme.member, acme.accountId, bytes, name);
      expect([name, response.statusCode, response.json().code]).toEqual([name, 415, "ATTACHMENT_TYPE_NOT_ALLOWED"]);
    }
    expect(await storedCount()).toBe(before);
    // Text that merely mentions a tag later on is still text.
    const text = await uploadRequest(t, acme.member, acme.accountId, Buffer.from("Error near <div> in template"), "error.log");
    expect(text.json().mediaType).toBe("text/plain");
  });

  it("refuses more than 10 MB with 413 and keeps nothing", async () => {
    const before = await storedCount();
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41);
    const response = await uploadRequest(t, acme.member, acme.accountId, big, "big.txt");
    expect(response.statusCode).toBe(413);
    expect(await storedCount()).toBe(before);
    const exact = await uploadRequest(t, acme.member, acme.accountId, Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x41), "max.txt");
    expect(exact.statusCode).toBe(201);
  });

  it("refuses a file name with a slash, a JSON body, and an outsider", async () => {
    expect((await uploadRequest(t, acme.member, acme.accountId, PNG_BYTES, "../etc/passwd")).statusCode).toBe(400);
    const json = await send(t, acme.member, "POST", `/api/accounts/${acme.accountId}/support/attachments?fileName=a.png`, {
      a: 1,
    });
    expect(json.statusCode).toBe(415);
    expect((await uploadRequest(t, other.admin, acme.accountId, PNG_BYTES)).json().code).toBe("ACCOUNT_NOT_FOUND");
    expect((await uploadRequest(t, null, acme.accountId, PNG_BYTES)).statusCode).toBe(401);
  });
});

describe(`binding and downloading (${TEST_ENGINE})`, () => {
  it("binds the poster's own uploads; serves them as sandboxed downloads to those who see the ticket", async () => {
    const png = await uploadAttachment(t, acme.member, acme.accountId, PNG_BYTES, "screen shot ü.png");
    const ticket = await openTicket(t, acme.member, acme.accountId, { attachmentIds: [png.id] });
    const attachment = ticket.messages[0]?.attachments[0];
    expect(attachment).toMatchObject({
      id: png.id,
      fileName: "screen shot ü.png",
      mediaType: "image/png",
      size: PNG_BYTES.length,
    });
    expect(attachment?.url).toBe(`${ticketUrl(acme.accountId, ticket.id)}/attachments/${png.id}`);

    const download = await send(t, acme.admin, "GET", attachment?.url ?? "");
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="screen shot _.png"; filename*=UTF-8''screen%20shot%20%C3%BC.png`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toBe("sandbox");

    // A member who cannot see the ticket, and another account, get 404.
    expect((await send(t, acme.member2, "GET", attachment?.url ?? "")).json().code).toBe("TICKET_NOT_FOUND");
    expect((await send(t, other.admin, "GET", `${ticketUrl(other.accountId, ticket.id)}/attachments/${png.id}`)).statusCode).toBe(
      404,
    );
    // Posted once: it cannot be bound again.
    const again = await replyRequest(t, acme.member, acme.accountId, ticket.id, "Same file again", [png.id]);
    expect([again.statusCode, again.json().code]).toEqual([400, "ATTACHMENT_NOT_FOUND"]);
  });

  it("refuses another person's upload, another account's upload and unknown ids, posting nothing", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const colleagues = await uploadAttachment(t, acme.admin, acme.accountId);
    const foreign = await uploadAttachment(t, other.admin, other.accountId);
    for (const id of [colleagues.id, foreign.id, "no-such-upload"]) {
      const response = await replyRequest(t, acme.member, acme.accountId, ticket.id, "See attached", [id]);
      expect([response.statusCode, response.json().code]).toEqual([400, "ATTACHMENT_NOT_FOUND"]);
    }
    const view = (await send(t, acme.member, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(view.messages).toHaveLength(1);
    // The admin's own upload still works for the admin.
    expect((await replyRequest(t, acme.admin, acme.accountId, ticket.id, "Attached", [colleagues.id])).statusCode).toBe(201);
  });

  it("an internal note's attachment is not served to customers", async () => {
    const ticket = await openTicket(t, acme.member, acme.accountId);
    const upload = await t.app.support.attachments.save({
      accountId: acme.accountId,
      fileName: "internal.pdf",
      body: (await import("node:stream")).Readable.from([PDF_BYTES]),
      uploader: { userId: op.userId },
    });
    await t.database.db.transaction().execute((trx) =>
      t.app.support.thread.post(trx, {
        ticketId: ticket.id,
        author: { kind: "operator", userId: op.userId, name: "Vendor Support" },
        body: "Internal analysis",
        visibility: "internal",
        via: "portal",
        attachmentIds: [upload.id],
      }),
    );
    const view = (await send(t, acme.admin, "GET", ticketUrl(acme.accountId, ticket.id))).json();
    expect(view.messages).toHaveLength(1);
    const response = await send(t, acme.admin, "GET", `${ticketUrl(acme.accountId, ticket.id)}/attachments/${upload.id}`);
    expect([response.statusCode, response.json().code]).toEqual([404, "ATTACHMENT_NOT_FOUND"]);
  });

  it("sweeps unbound uploads older than a day, bytes included", async () => {
    const fresh = await uploadAttachment(t, other.member, other.accountId);
    const saved = t.clock.now();
    t.clock.advanceDays(2);
    try {
      const removed = await t.app.support.attachments.sweepStale();
      expect(removed).toBeGreaterThanOrEqual(1);
      const row = await t.database.db.selectFrom("supportAttachments").select("id").where("id", "=", fresh.id).executeTakeFirst();
      expect(row).toBeUndefined();
      const unbound = await t.database.db.selectFrom("supportAttachments").select("id").where("messageId", "is", null).execute();
      expect(unbound).toEqual([]);
      const files = await t.database.db.selectFrom("storedFiles").select("id").where("purpose", "=", "attachment").execute();
      const bound = await t.database.db.selectFrom("supportAttachments").select("id").execute();
      expect(files).toHaveLength(bound.length);
    } finally {
      t.clock.set(saved);
    }
  });
});
