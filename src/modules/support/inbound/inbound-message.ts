import { createHash } from "node:crypto";
import { type Attachment, type ParsedMail, simpleParser } from "mailparser";
import { AttachmentFileName, MAX_ATTACHMENTS_PER_MESSAGE } from "../../../../contracts/support.ts";
import { trimQuotedReply } from "./quote-trimming.ts";

/** What the thread takes from a parsed email; pure, so it is tested without a server. */

/** The longest message body the thread accepts (contracts/support.ts MessageBody). */
const MAX_BODY_CHARS = 50_000;

/** The From header's address, lower-cased (our users' addresses are stored lower-case), or null. */
export function senderOf(mail: ParsedMail): string | null {
  const address = mail.from?.value.find((entry) => entry.address)?.address;
  return address ? address.trim().toLowerCase() : null;
}

/**
 * An automatic message that must not become a reply: RFC 3834 `Auto-Submitted` (anything
 * but "no"), `Precedence: bulk | auto_reply | list | junk`, and the vendor headers of
 * out-of-office replies. Threading them would post "I am away" into tickets and, worse,
 * could start a loop with our own notification emails.
 */
export function isAutoReply(mail: ParsedMail): boolean {
  const header = (name: string): string | null => {
    const value = mail.headers.get(name);
    if (value === undefined || value === null) return null;
    // Some headers parse into { value, params } (e.g. "Auto-Submitted: auto-replied; owner-email=…").
    const text = typeof value === "object" && "value" in value ? value.value : value;
    return String(text).trim().toLowerCase();
  };
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted !== null && autoSubmitted !== "no") return true;
  const precedence = header("precedence");
  if (precedence !== null && ["bulk", "auto_reply", "list", "junk"].includes(precedence)) return true;
  return ["x-autoreply", "x-autorespond", "x-auto-response-suppress-all"].some((name) => header(name) !== null);
}

/**
 * What identifies one email for duplicate delivery: its Message-ID, or (rarely missing) a
 * hash of sender, date, subject and text, which a resent copy of the same message shares.
 */
export function deliveryKey(mail: ParsedMail): string {
  if (mail.messageId && mail.messageId.length <= 250) return mail.messageId;
  const hash = createHash("sha256")
    .update([senderOf(mail) ?? "", mail.date?.toISOString() ?? "", mail.subject ?? "", mail.text ?? ""].join("\n"))
    .digest("hex");
  return `sha256:${hash}`;
}

/**
 * The new text of the reply, without the quoted history. mailparser gives a text part, or
 * makes one from the HTML of a single-part HTML mail; HTML inside a multipart mail with no
 * text part (some clients send only HTML with attachments) is converted the same way, by
 * parsing it as a single-part mail. Image references the conversion writes ("[cid:…]",
 * "[data:…]") are dropped.
 */
export async function replyText(mail: ParsedMail): Promise<string> {
  let text = mail.text ?? "";
  if (text.trim() === "" && typeof mail.html === "string" && mail.html.trim() !== "") {
    const htmlOnly = Buffer.from(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${mail.html}`);
    text = (await simpleParser(htmlOnly)).text ?? "";
  }
  const trimmed = trimQuotedReply(text.replace(/[ \t]*\[(?:cid|data):[^\]]*\]/g, ""));
  return trimmed.length > MAX_BODY_CHARS ? trimmed.slice(0, MAX_BODY_CHARS) : trimmed;
}

export type MailAttachment = { fileName: string; content: Buffer };

/**
 * Images referenced from an HTML body (`cid:`, `related`) smaller than this are taken for
 * signature logos, social icons and tracking pixels and left out; a screenshot pasted
 * into the body is practically always larger, and is kept like an attachment.
 */
const MIN_EMBEDDED_IMAGE_BYTES = 10 * 1024;

/**
 * The files the sender attached (and screenshots pasted into the body), at most
 * MAX_ATTACHMENTS_PER_MESSAGE, the same content once, each with a name the contract
 * accepts. Whether the type is allowed is decided from the bytes when saving.
 */
export function attachmentsOf(mail: ParsedMail): { files: MailAttachment[]; skipped: number } {
  const seen = new Set<string>();
  const attached = mail.attachments.filter((a) => {
    if (a.size === 0 || (a.related && a.size < MIN_EMBEDDED_IMAGE_BYTES) || seen.has(a.checksum)) return false;
    seen.add(a.checksum);
    return true;
  });
  const files = attached.slice(0, MAX_ATTACHMENTS_PER_MESSAGE).map((a) => ({ fileName: fileNameOf(a), content: a.content }));
  return { files, skipped: attached.length - files.length };
}

function fileNameOf(attachment: Attachment): string {
  const raw = (attachment.filename ?? "").split(/[/\\]/).pop() ?? "";
  const parsed = AttachmentFileName.safeParse(raw);
  if (parsed.success) return parsed.data;
  const cleaned = [...raw].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== "\u007f").join("");
  const fallback = AttachmentFileName.safeParse(cleaned.slice(0, 200));
  return fallback.success ? fallback.data : "attachment";
}
