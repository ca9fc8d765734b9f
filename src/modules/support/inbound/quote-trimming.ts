/**
 * Keeps only the new text of a plain-text email reply, so a ticket's thread does not
 * repeat its own history with every answer by email.
 *
 * The reply is cut at the first of:
 * - our own marker line (REPLY_ABOVE_MARKER, for templates that print it);
 * - a reply header: "On … wrote:" and its German, French, Spanish, Italian, Russian,
 *   Japanese and Chinese forms, or any line naming an address in <…> and ending with ":"
 *   (Gmail's Russian and Japanese headers have no verb);
 * - "-----Original Message-----" and the forwarded-message separator, in those languages;
 * - Outlook's "From: … / Sent: …" header block (and its translations), with the line of
 *   underscores Outlook puts above it;
 * - a quoted block (lines starting with ">") that runs to the end of the text;
 * - the signature delimiter "-- " (RFC 3676; "--" too, as clients strip the space).
 *
 * Quoted lines in the middle of a reply (an answer written between the quoted questions)
 * are kept with their quotes: without them the answers lose their meaning.
 *
 * If the cut leaves nothing (a reply that is all quote, or a client we misread), the
 * whole text is kept instead: showing too much is better than losing a customer's words.
 */
export const REPLY_ABOVE_MARKER = "##- Please type your reply above this line -##";

const MARKER = /^\s*##-.*-##\s*$/;
const SIGNATURE = /^--\s?$/;
const SEPARATOR =
  /^\s*-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|Mensaje reenviado|Messaggio originale|Messaggio inoltrato|Исходное сообщение|Пересылаемое сообщение|元のメッセージ|転送されたメッセージ|原始邮件|转发的邮件|原始郵件)\s*-{2,}\s*$/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const QUOTED = /^\s*>/;

/**
 * Reply headers "<intro> … <verb>:" by language. Clients wrap long headers, so a header
 * may span up to three lines; each pattern is tested on the lines joined with spaces.
 */
const REPLY_HEADERS: RegExp[] = [
  /^On\b.{4,}\bwrote\s*:$/i, // en: Gmail, Apple Mail, Thunderbird
  /^Am\b.{4,}\bschrieb\b.*:$/i, // de: "Am 23.11.2026 um 10:00 schrieb Max <max@…>:"
  /^Le\b.{4,}\ba écrit\s*:$/i, // fr: "Le lun. 23 nov. 2026 à 10:00, Jean <…> a écrit :"
  /^El\b.{4,}\bescribió\s*:$/i, // es
  /^Il\b.{4,}\bha scritto\s*:$/i, // it
  /^.{4,}(?:пишет|написал|написала|написал\(а\))\s*:$/i, // ru
  /^.{4,}(?:のメール|さんは書きました|は書きました|が書きました)\s*[:：]$/, // ja (Apple Mail, Thunderbird)
  /^.{4,}写道\s*[:：]$/, // zh: "在 2026年11月23日 10:00，张三 <…> 写道："
  /^.{4,}<[^<>\s]+@[^<>\s]+>\s*[:：]$/, // any language: "…, Name <address>:" (Gmail ru/ja)
];

/** Outlook's quoted header block: a "From:" line followed closely by a "Sent:"/"Date:" line. */
const OUTLOOK_FROM = /^\s*\*?(?:From|Von|De|Da|От|差出人|发件人|寄件者)\s*\*?\s*[:：]/i;
const OUTLOOK_SENT =
  /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Inviato|Data|Отправлено|Дата|送信日時|日付|发送时间|時間|日期)\s*\*?\s*[:：]/i;

/** Mobile clients' footers, dropped when they are the last line of the kept text. */
const MOBILE_FOOTER =
  /^(?:Sent from my \w+|Von meinem \w+ gesendet|Envoyé de mon \w+|Enviado desde mi \w+|Inviato da \w+|Отправлено с \w+|\w+から送信|发自我的\w+)\s*$/i;

export function trimQuotedReply(text: string): string {
  const original = text.replace(/\r\n?/g, "\n");
  const lines = original.split("\n");
  const cut = firstCut(lines);
  const kept = lines.slice(0, cut);
  dropTrailingBlank(kept);
  const last = kept[kept.length - 1];
  if (last !== undefined && MOBILE_FOOTER.test(last.trim())) {
    kept.pop();
    dropTrailingBlank(kept);
  }
  const result = kept.join("\n").trim();
  return result === "" ? original.trim() : result;
}

function firstCut(lines: string[]): number {
  const trailingQuote = startOfTrailingQuote(lines);
  for (let i = 0; i < lines.length; i++) {
    if (i === trailingQuote) return i;
    const line = lines[i] ?? "";
    if (MARKER.test(line) || SIGNATURE.test(line) || SEPARATOR.test(line)) return i;
    if (isReplyHeader(lines, i)) return i;
    if (isOutlookHeader(lines, i)) return i > 0 && UNDERSCORES.test(lines[i - 1] ?? "") ? i - 1 : i;
  }
  return lines.length;
}

/** The first line of a ">" block that runs (with blank lines) to the end, or -1. */
function startOfTrailingQuote(lines: string[]): number {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (QUOTED.test(line)) start = i;
    else if (line.trim() !== "") break;
  }
  return start;
}

function isReplyHeader(lines: string[], i: number): boolean {
  const first = (lines[i] ?? "").trim();
  if (first === "" || QUOTED.test(first)) return false;
  let joined = "";
  for (let n = 0; n < 3 && i + n < lines.length; n++) {
    const part = (lines[i + n] ?? "").trim();
    if (part === "" || QUOTED.test(part)) break;
    joined = joined === "" ? part : `${joined} ${part}`;
    if (REPLY_HEADERS.some((pattern) => pattern.test(joined))) return looksLikeHeader(joined) || quoteFollows(lines, i + n + 1);
  }
  return false;
}

/** A real header names a date or an address; "On reflection, I wrote:" needs a quote after it. */
function looksLikeHeader(header: string): boolean {
  return /\d/.test(header) || header.includes("@");
}

function quoteFollows(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() !== "") return QUOTED.test(line);
  }
  return false;
}

function isOutlookHeader(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i] ?? "")) return false;
  for (let n = 1; n <= 4 && i + n < lines.length; n++) {
    if (OUTLOOK_SENT.test(lines[i + n] ?? "")) return true;
  }
  return false;
}

function dropTrailingBlank(lines: string[]): void {
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
}
