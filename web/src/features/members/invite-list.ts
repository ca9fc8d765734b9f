import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from "../../lib/i18n.ts";

/**
 * The Invite Users list, as pure functions: reading pasted text and CSV files into
 * addresses, and finding the rows that cannot be sent. The server checks every row
 * again and answers per row; this only lets people fix their list before sending.
 */

/** MAX_INVITATIONS_PER_SEND in contracts/invitations.ts (that file imports zod at runtime, so the number is copied). */
export const MAX_INVITATIONS_PER_SEND = 100;
/** The longest address we accept (RFC 5321 path limit). */
export const EMAIL_MAX = 254;

export type InviteRow = {
  /** Stable React key; not sent. */
  key: string;
  email: string;
  /** Overrides the dialog's language; null means "the invitation language". */
  locale: Locale | null;
  /** The CSV language value we could not read, shown until a language is chosen. */
  unknownLanguage?: string;
};

export type InviteProblem = "invalid" | "duplicate" | "language";

/** One entry read from text or CSV, before it becomes a row. */
export type ParsedEntry = { email: string; locale: Locale | null; unknownLanguage?: string };

const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

export function isValidEmail(value: string): boolean {
  if (value.length === 0 || value.length > EMAIL_MAX) return false;
  const [local = "", domain = ""] = value.split("@");
  if (local.length > 64 || domain.startsWith(".") || domain.includes("..") || local.startsWith(".") || local.endsWith(".")) {
    return false;
  }
  return EMAIL_PATTERN.test(value);
}

/** Comparing addresses: case-insensitive, as every mail provider people use treats them. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/** Removes what mail clients add around an address: quotes, <…>, mailto:, trailing dots. */
function cleanAddress(token: string): string {
  return token
    .trim()
    .replace(/^["'<(]+|["'>)]+$/g, "")
    .replace(/^mailto:/i, "")
    .replace(/\.+$/, "");
}

/**
 * Addresses from a pasted list separated by commas, semicolons, spaces or new lines.
 * "Ada Lovelace <ada@example.com>" (as copied from a mail client) gives the address only.
 */
export function splitAddresses(text: string): string[] {
  // Quoted display names may hold commas ("Lovelace, Ada" <ada@example.com>): drop them first.
  const segments = text.replace(/"[^"\n]*"/g, " ").split(/[,;\n]+/);
  return segments
    .flatMap((segment) => {
      const bracketed = [...segment.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? "");
      if (bracketed.length === 0) return segment.split(/\s+/);
      // Around <address> there are display names; keep only what looks like another address.
      const rest = segment.replace(/<[^<>]*>/g, " ").split(/\s+/);
      return [...bracketed, ...rest.filter((token) => token.includes("@"))];
    })
    .map(cleanAddress)
    .filter((token) => token.length > 0);
}

const ENGLISH_NAMES: Record<Locale, string[]> = {
  en: ["english"],
  de: ["german"],
  fr: ["french"],
  es: ["spanish"],
  it: ["italian"],
  ja: ["japanese"],
  zh: ["chinese", "simplified chinese", "中文"],
  ru: ["russian"],
};

/**
 * A language from a CSV cell: a code ("de", "DE", "de-CH", "zh-Hans"), the language's
 * own name ("Deutsch") or its English name ("German"). Undefined for an empty cell,
 * null when it is not one of our languages.
 */
export function parseLanguage(value: string): Locale | null | undefined {
  const text = value.trim().toLowerCase();
  if (!text) return undefined;
  const base = text.split(/[-_]/)[0];
  if (isLocale(base)) return base;
  for (const code of LOCALES) {
    if (LOCALE_NAMES[code].toLowerCase() === text || ENGLISH_NAMES[code].includes(text)) return code;
  }
  return null;
}

/** Splits CSV text into records (RFC 4180: quoted fields, "" escapes, CRLF or LF). */
export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === delimiter) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.map((r) => r.map((cell) => cell.trim())).filter((r) => r.some((cell) => cell !== ""));
}

/** Spreadsheets in many European locales save CSV with semicolons; some tools use tabs. */
function detectDelimiter(firstLine: string): string {
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

const EMAIL_HEADER = /mail|address|adresse|correo|indirizzo|メール|邮|почт/i;
const LANGUAGE_HEADER = /lang|locale|sprache|idioma|lingua|言語|语言|язык/i;

/**
 * Reads an uploaded CSV: an optional header row and an optional language column
 * (email,language). Without a header the first column is the address and the second,
 * if any, the language.
 */
export function parseInviteCsv(text: string): ParsedEntry[] {
  const clean = text.replace(/^\uFEFF/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const records = parseCsvRecords(clean, detectDelimiter(firstLine));
  const first = records[0];
  if (!first) return [];

  let emailColumn = 0;
  let languageColumn: number | undefined = 1;
  let body = records;
  const isHeader = !first.some((cell) => cell.includes("@"));
  if (isHeader) {
    body = records.slice(1);
    const foundEmail = first.findIndex((cell) => EMAIL_HEADER.test(cell));
    const foundLanguage = first.findIndex((cell) => LANGUAGE_HEADER.test(cell));
    emailColumn = Math.max(foundEmail, 0);
    languageColumn = foundLanguage >= 0 ? foundLanguage : first.length > 1 && emailColumn === 0 ? 1 : undefined;
  }

  return body.flatMap((record): ParsedEntry[] => {
    const email = cleanAddress(record[emailColumn] ?? "");
    if (!email) return [];
    const languageCell = languageColumn === undefined ? "" : (record[languageColumn] ?? "");
    const locale = parseLanguage(languageCell);
    if (locale === null) return [{ email, locale: null, unknownLanguage: languageCell }];
    return [{ email, locale: locale ?? null }];
  });
}

let nextKey = 0;
const newKey = () => `invite-${++nextKey}`;

/**
 * Appends entries up to the per-send limit. `refused` counts the entries that did not
 * fit, so the dialog can say so instead of silently dropping them.
 */
export function appendRows(
  rows: InviteRow[],
  entries: ParsedEntry[],
  max = MAX_INVITATIONS_PER_SEND,
): { rows: InviteRow[]; added: number; refused: number } {
  const room = Math.max(0, max - rows.length);
  const accepted = entries.slice(0, room).map((entry): InviteRow => ({ key: newKey(), ...entry }));
  return { rows: [...rows, ...accepted], added: accepted.length, refused: entries.length - accepted.length };
}

/**
 * The problem of each row, by key: an address that is not valid, one already earlier
 * in the list (compared case-insensitively), or a CSV language we could not read.
 */
export function findProblems(rows: readonly InviteRow[]): Map<string, InviteProblem> {
  const problems = new Map<string, InviteProblem>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = emailKey(row.email);
    if (!isValidEmail(row.email.trim())) problems.set(row.key, "invalid");
    else if (seen.has(key)) problems.set(row.key, "duplicate");
    else if (row.unknownLanguage !== undefined && row.locale === null) problems.set(row.key, "language");
    seen.add(key);
  }
  return problems;
}

/** The request body's list: each address once, with its own language only when it differs. */
export function toInvitations(rows: readonly InviteRow[], dialogLocale: Locale): Array<{ email: string; locale?: Locale }> {
  return rows.map((row) =>
    row.locale && row.locale !== dialogLocale ? { email: row.email.trim(), locale: row.locale } : { email: row.email.trim() },
  );
}
