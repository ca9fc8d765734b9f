import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import {
  attachmentsOf,
  deliveryKey,
  isAutoReply,
  replyText,
  senderOf,
} from "../../src/modules/support/inbound/inbound-message.ts";

const PNG_HEADER = Buffer.from("89504e470d0a1a0a", "hex");
const mail = (headers: string[], body = "Hello.") => simpleParser([...headers, "", body].join("\r\n"));

describe("reading an inbound email", () => {
  it("takes the From address, lower-cased", async () => {
    expect(senderOf(await mail(["From: Grace Hopper <Grace.Hopper@Example.COM>", "Subject: x"]))).toBe(
      "grace.hopper@example.com",
    );
    expect(senderOf(await mail(["Subject: no sender"]))).toBeNull();
  });

  it("recognises automatic replies by Auto-Submitted, Precedence and out-of-office headers", async () => {
    const from = "From: a@example.com";
    expect(isAutoReply(await mail([from]))).toBe(false);
    expect(isAutoReply(await mail([from, "Auto-Submitted: no"]))).toBe(false);
    expect(isAutoReply(await mail([from, "Auto-Submitted: auto-replied"]))).toBe(true);
    expect(isAutoReply(await mail([from, "Auto-Submitted: auto-generated; owner-email=a@example.com"]))).toBe(true);
    expect(isAutoReply(await mail([from, "Precedence: bulk"]))).toBe(true);
    expect(isAutoReply(await mail([from, "Precedence: list"]))).toBe(true);
    expect(isAutoReply(await mail([from, "Precedence: first-class"]))).toBe(false);
    expect(isAutoReply(await mail([from, "X-Autoreply: yes"]))).toBe(true);
  });

  it("identifies a delivery by Message-ID, or by a hash of its content when there is none", async () => {
    expect(deliveryKey(await mail(["From: a@example.com", "Message-ID: <abc@example.com>"]))).toBe("<abc@example.com>");
    const headers = ["From: a@example.com", "Subject: s", "Date: Thu, 26 Nov 2026 10:00:00 +0000"];
    const a = deliveryKey(await mail(headers, "Same text."));
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(deliveryKey(await mail(headers, "Same text."))).toBe(a);
    expect(deliveryKey(await mail(headers, "Other text."))).not.toBe(a);
  });

  it("turns an HTML-only reply into text and trims its quoted history", async () => {
    const parsed = await mail(
      ["From: a@example.com", "Content-Type: text/html; charset=utf-8"],
      "<div>Restarted, <b>works</b> now.</div><div>On Thu, Nov 26, 2026 at 10:04 AM Support &lt;s@x.example&gt; wrote:</div><blockquote>Please restart.</blockquote>",
    );
    expect(await replyText(parsed)).toBe("Restarted, works now.");
  });

  it("keeps attached files and pasted screenshots, not small embedded logos, and names them safely", async () => {
    const part = (boundary: string, headers: string[], body: string) => [`--${boundary}`, ...headers, "", body].join("\r\n");
    const image = (bytes: number) => Buffer.concat([PNG_HEADER, randomBytes(bytes)]).toString("base64");
    const related = [
      part("rel", ["Content-Type: text/html"], '<p>See the screenshot.</p><img src="cid:shot@mail"><img src="cid:logo@sig">'),
      part("rel", ["Content-Type: image/png", "Content-ID: <shot@mail>", "Content-Transfer-Encoding: base64"], image(20_000)),
      part("rel", ["Content-Type: image/png", "Content-ID: <logo@sig>", "Content-Transfer-Encoding: base64"], image(2_000)),
      "--rel--",
    ].join("\r\n");
    const log = part(
      "mix",
      ["Content-Type: text/plain", 'Content-Disposition: attachment; filename="..\\\\logs/farm.log"'],
      "check-in ok",
    );
    const parsed = await mail(
      ["From: a@example.com", 'Content-Type: multipart/mixed; boundary="mix"'],
      [
        part("mix", ['Content-Type: multipart/related; boundary="rel"'], related),
        log,
        log.replace("--mix", "--mix"),
        "--mix--",
      ].join("\r\n"),
    );
    const { files, skipped } = attachmentsOf(parsed);
    expect(skipped).toBe(0);
    expect(files.map((f) => [f.fileName, f.content.length])).toEqual([
      [expect.any(String), 20_000 + PNG_HEADER.length],
      ["farm.log", "check-in ok".length],
    ]);
    expect(await replyText(parsed)).toBe("See the screenshot.");
  });
});
