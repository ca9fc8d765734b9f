import type { Locale } from "../../../../contracts/identity.ts";
import type { RenderedEmail } from "../mailer.ts";
import { type EmailTemplate, isEmailTemplate } from "../outbox.repo.ts";
import { resolveLocale, translatorFor } from "./i18n.ts";
import { type EmailContent, renderHtml, renderText } from "./layout.ts";
import type { EmailMessages } from "./locales/index.ts";

/** A message that can never be rendered (bad template or data): retrying cannot help. */
export class EmailRenderError extends Error {
  override name = "EmailRenderError";
}

export class UnknownTemplateError extends EmailRenderError {
  override name = "UnknownTemplateError";
  constructor(readonly template: string) {
    super(`Unknown email template "${template}"`);
  }
}

/** The data fields a template can use; all are strings in the outbox row's JSON. */
export type EmailDataField =
  | "name"
  | "url"
  | "accountName"
  | "inviterName"
  | "expiresAt"
  | "productName"
  | "subscriptionName"
  | "licenses"
  | "term"
  | "key"
  | "daysLeft"
  | "graceEndsAt"
  | "keyName"
  | "limit"
  | "inUse"
  | "orderReference"
  | "amount"
  | "currency"
  | "payee"
  | "renewsAt"
  | "retryAt"
  | "failureReason"
  | "ticketReference"
  | "ticketSubject"
  | "authorName"
  | "message"
  | "status"
  | "adderName"
  | "responseTarget";

/** The copy keys of a template that can appear in its body (subject and heading have their own place). */
type BodyPart<T extends EmailTemplate> = Exclude<keyof EmailMessages[T] & string, "subject" | "heading">;

/** A body entry that shows a data field verbatim as code (a key to copy), not a copy key. */
type CodePart = `code:${EmailDataField}`;

type TemplateSpec<T extends EmailTemplate> = {
  /**
   * Fields that must be present and not blank, or the message is dead at once. `name`
   * is never required (without it the greeting has no name); `url` is always checked
   * to be an absolute http(s) link when given.
   */
  requires: readonly EmailDataField[];
  /** Fields holding an ISO-8601 timestamp, shown as a long date and short time in UTC, in the recipient's language. */
  dateTimes?: readonly EmailDataField[];
  /** Fields holding a whole number (digits only), shown with the digit grouping of the recipient's language. */
  counts?: readonly EmailDataField[];
  /**
   * Fields holding a whole number of minutes (digits only), shown as a duration in the recipient's
   * language in the largest fitting unit, as the web app shows response targets: "30 minutes",
   * "4 hours", "2 days" (days from 48 hours up, so "24 hours" stays as people say it).
   */
  durations?: readonly EmailDataField[];
  /**
   * An amount in minor units (digits only) and its ISO 4217 currency field: the amount is shown
   * as money in the recipient's language ("$1,500.00", "1.500,00 $", "￥1,500" for JPY, which has
   * no minor unit), exactly (no floating point).
   */
  money?: { amount: EmailDataField; currency: EmailDataField };
  /**
   * Fields whose lines are kept (each line on one line, blank lines dropped): for `code:` blocks
   * only (a bank's payee lines), never in copy, where every value is one line.
   */
  multiline?: readonly EmailDataField[];
  /**
   * Reading order of the body: each entry is a copy key of the template, output as a
   * paragraph, except `action`: the button plus the plain URL, left out when there is no URL;
   * and `code:<field>`: that data field as a code block (monospace in HTML, indented in
   * text), left out when the field is missing (so list it in `requires`).
   */
  body: ReadonlyArray<BodyPart<T> | CodePart>;
};

/**
 * Every template's data and body. All copy strings (subject and heading included) are
 * interpolated with the data, so a placeholder must name a field listed in `requires`
 * (test/notifications/membership-emails.test.ts checks this for every locale).
 */
export const TEMPLATE_SPECS: { readonly [T in EmailTemplate]: TemplateSpec<T> } = {
  "verify-email": { requires: ["url"], body: ["intro", "action", "outro"] },
  "reset-password": { requires: ["url"], body: ["intro", "action", "outro"] },
  welcome: { requires: ["url"], body: ["intro", "action", "outro"] },
  // "If this wasn't you, reset your password" comes before the (optional) reset link.
  "password-changed": { requires: [], body: ["intro", "outro", "action"] },
  invitation: {
    requires: ["accountName", "inviterName", "url", "expiresAt"],
    dateTimes: ["expiresAt"],
    body: ["intro", "details", "action", "expiry", "outro"],
  },
  "membership-blocked": { requires: ["accountName"], body: ["intro", "details", "outro"] },
  "membership-restored": { requires: ["accountName", "url"], body: ["intro", "action", "outro"] },
  "membership-removed": { requires: ["accountName"], body: ["intro", "outro"] },
  // Licensing emails: data { name?, productName, licenses, term, key, url } for registration-key, where
  // `licenses` is a whole number ("25"), `term` a phrase already in the recipient's language ("1 year",
  // "permanent"), `key` the registration key as printed (shown as a code block) and `url` opens License Portal;
  // { name?, subscriptionName, productName, expiresAt, daysLeft, url } for subscription-expiring (`daysLeft`:
  // a whole number); { name?, subscriptionName, productName, expiresAt, graceEndsAt, url } for
  // subscription-expired (`graceEndsAt`: when the primary key stops working). `url` opens the subscription.
  "registration-key": {
    requires: ["productName", "licenses", "term", "key", "url"],
    counts: ["licenses"],
    body: ["intro", "details", "keyLabel", "code:key", "steps", "action", "keepPrivate"],
  },
  "subscription-expiring": {
    requires: ["subscriptionName", "productName", "expiresAt", "daysLeft", "url"],
    dateTimes: ["expiresAt"],
    counts: ["daysLeft"],
    body: ["intro", "atExpiry", "renew", "action", "outro"],
  },
  "subscription-expired": {
    requires: ["subscriptionName", "productName", "expiresAt", "graceEndsAt", "url"],
    dateTimes: ["expiresAt", "graceEndsAt"],
    body: ["intro", "grace", "renew", "action", "outro"],
  },
  // License overuse emails, to the account's Account Administrators and the key's License Administrators:
  // { name?, productName, subscriptionName, keyName, limit, inUse, graceEndsAt, url } for overuse-started and
  // overuse-grace-ending; the same without graceEndsAt for overuse-deactivated and overuse-resolved. `keyName`
  // is the license key's name (never the key itself), `limit` the key's licensed concurrent users and `inUse`
  // its concurrent users across its farms (whole numbers), `graceEndsAt` the end of the 7-day grace period,
  // and `url` opens the Manage Farms page.
  "overuse-started": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "graceEndsAt", "url"],
    dateTimes: ["graceEndsAt"],
    counts: ["limit", "inUse"],
    body: ["intro", "grace", "advice", "action", "outro"],
  },
  "overuse-grace-ending": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "graceEndsAt", "url"],
    dateTimes: ["graceEndsAt"],
    counts: ["limit", "inUse"],
    body: ["intro", "deadline", "advice", "action", "outro"],
  },
  "overuse-deactivated": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "url"],
    counts: ["limit", "inUse"],
    body: ["intro", "deactivated", "restore", "action", "outro"],
  },
  "overuse-resolved": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "url"],
    counts: ["limit", "inUse"],
    body: ["intro", "normal", "reminder", "action", "outro"],
  },
  // Store emails: `amount` (minor units, digits) with `currency` (ISO 4217) is shown as money; `licenses` is a
  // whole number; renewsAt, expiresAt, retryAt and graceEndsAt are dates; `payee` holds the bank's lines joined
  // by "\n", shown as a block; `failureReason` is the payment provider's message. Order emails go to the buyer,
  // renewal emails to the account's Account Administrators.
  "order-paid": {
    requires: ["productName", "subscriptionName", "licenses", "orderReference", "amount", "currency", "renewsAt", "url"],
    dateTimes: ["renewsAt"],
    counts: ["licenses"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "renewal", "keys", "action", "outro"],
  },
  "upgrade-paid": {
    requires: ["subscriptionName", "licenses", "orderReference", "amount", "currency", "url"],
    counts: ["licenses"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "total", "action", "outro"],
  },
  "bank-transfer-instructions": {
    requires: ["orderReference", "amount", "currency", "payee", "url"],
    money: { amount: "amount", currency: "currency" },
    multiline: ["payee"],
    body: ["intro", "code:payee", "reference", "release", "action", "outro"],
  },
  "renewal-succeeded": {
    requires: ["subscriptionName", "orderReference", "amount", "currency", "expiresAt", "url"],
    dateTimes: ["expiresAt"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "period", "action", "outro"],
  },
  "renewal-payment-failed": {
    requires: ["subscriptionName", "amount", "currency", "failureReason", "retryAt", "graceEndsAt", "url"],
    dateTimes: ["retryAt", "graceEndsAt"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "reason", "retry", "advice", "action", "outro"],
  },
  "renewal-ended": {
    requires: ["subscriptionName", "expiresAt", "url"],
    dateTimes: ["expiresAt"],
    body: ["intro", "expired", "advice", "action", "outro"],
  },
  // Support emails, to a ticket's creator and watchers: `message` is the reply's plain text (its lines kept,
  // shown as a block), `status` a word already in the recipient's language, `url` the ticket's page or an
  // outside watcher's watch link; `replyTo` (the ticket's reply address) becomes the Reply-To header.
  "support-ticket-update": {
    requires: ["ticketReference", "ticketSubject", "authorName", "message", "url"],
    multiline: ["message"],
    body: ["intro", "code:message", "reply", "action", "outro"],
  },
  "support-ticket-status": {
    requires: ["ticketReference", "ticketSubject", "status", "url"],
    body: ["intro", "advice", "action", "outro"],
  },
  "support-watcher-added": {
    requires: ["ticketReference", "ticketSubject", "adderName", "url"],
    body: ["intro", "explain", "action", "outro"],
  },
  // To the ticket's creator when it is opened: its reference, the first-response target of its plan and
  // severity (`responseTarget`, minutes; every ticket has one), and that replying adds to the ticket.
  "support-ticket-opened": {
    requires: ["ticketReference", "ticketSubject", "responseTarget", "url"],
    durations: ["responseTarget"],
    body: ["intro", "target", "reply", "action", "outro"],
  },
};

/**
 * Renders an outbox message in the recipient's language (unknown locale → English).
 * Throws `UnknownTemplateError` for a template that does not exist and
 * `EmailRenderError` for unusable data; the worker marks such messages dead.
 */
export function renderEmail(template: string, locale: string, to: string, data: Record<string, string>): RenderedEmail {
  if (!isEmailTemplate(template)) throw new UnknownTemplateError(template);
  const content = buildContent(template, resolveLocale(locale), data);
  const rendered: RenderedEmail = { to, subject: content.subject, text: renderText(content), html: renderHtml(content) };
  const replyTo = replyToOf(template, data);
  return replyTo ? { ...rendered, replyTo } : rendered;
}

/**
 * `replyTo` is reserved in every template's data: the Reply-To header (a support ticket's
 * per-ticket reply address). It is an address or nothing, never a header injection.
 */
function replyToOf(template: EmailTemplate, data: Record<string, string>): string | undefined {
  const value = data.replyTo;
  if (value === undefined || value === "") return undefined;
  if (!/^[^\s@<>",;:]{1,64}@[A-Za-z0-9.-]{1,253}$/.test(value)) {
    throw new EmailRenderError(`Email template "${template}" got an invalid data.replyTo`);
  }
  return value;
}

function buildContent<T extends EmailTemplate>(template: T, lang: Locale, data: unknown): EmailContent {
  const spec: TemplateSpec<T> = TEMPLATE_SPECS[template];
  const values = interpolationValues(template, spec, lang, data);
  const t = translatorFor(lang);
  // The values are raw text: i18next escapes nothing (see i18n.ts) and the HTML layout escapes every string.
  const copy = (key: keyof EmailMessages[T] & string) => t(template, key, values);
  return {
    lang,
    subject: oneLine(copy("subject")),
    heading: copy("heading"),
    greeting: values.name ? t("common", "greeting", { name: values.name }) : t("common", "greetingNoName"),
    blocks: spec.body.flatMap((part): EmailContent["blocks"] => {
      if (isCodePart(part)) {
        const text = values[part.slice("code:".length)];
        return text ? [{ kind: "code", text }] : [];
      }
      if (part !== "action") return [{ kind: "paragraph", text: copy(part) }];
      return values.url ? [{ kind: "action", label: copy(part), url: values.url }] : [];
    }),
    linkHint: t("common", "linkHint"),
    signature: t("common", "signature"),
    footer: t("common", "footer"),
  };
}

function isCodePart(part: string): part is CodePart {
  return part.startsWith("code:");
}

/**
 * The data as interpolation values: every string field on one line, `url` checked,
 * timestamps and counts formatted. Throws `EmailRenderError` for a missing required field.
 */
function interpolationValues<T extends EmailTemplate>(
  template: T,
  spec: TemplateSpec<T>,
  lang: Locale,
  data: unknown,
): Record<string, string> {
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  // fromEntries defines own properties, so a "__proto__" key in the JSON stays a plain value.
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(record).flatMap(([key, value]) =>
      typeof value === "string" && oneLine(value) ? [[key, oneLine(value)]] : [],
    ),
  );
  for (const field of spec.multiline ?? []) {
    const raw = record[field];
    const lines =
      typeof raw === "string"
        ? raw
            .split(/\r\n|\r|\n/)
            .map(oneLine)
            .filter(Boolean)
        : [];
    if (lines.length > 0) values[field] = lines.join("\n");
  }
  for (const field of spec.requires) {
    if (!values[field]) throw new EmailRenderError(`Email template "${template}" needs data.${field}`);
  }
  // Checked from the raw value: the URL parser drops stray whitespace and line breaks itself.
  if (values.url && typeof record.url === "string") values.url = checkedUrl(template, record.url);
  for (const field of spec.dateTimes ?? []) {
    const value = values[field];
    if (value) values[field] = formatDateTime(template, field, value, lang);
  }
  for (const field of spec.counts ?? []) {
    const value = values[field];
    if (value) values[field] = formatCount(template, field, value, lang);
  }
  for (const field of spec.durations ?? []) {
    const value = values[field];
    if (value) values[field] = formatDuration(template, field, value, lang);
  }
  const amount = spec.money && values[spec.money.amount];
  if (spec.money && amount) {
    values[spec.money.amount] = formatMoney(template, spec.money, amount, values[spec.money.currency] ?? "", lang);
  }
  return values;
}

/** Only absolute http(s) links go into a mail: never `javascript:` or relative URLs. */
function checkedUrl(template: EmailTemplate, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EmailRenderError(`Email template "${template}" got an invalid data.url`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new EmailRenderError(`Email template "${template}" needs an http(s) data.url`);
  }
  // The parsed form: no stray whitespace or line breaks can reach the text or HTML.
  return parsed.href;
}

/** A date and time with an explicit offset ("Z" or "+02:00"), so the moment is unambiguous. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** BCP 47 tags for Intl where our locale code alone is ambiguous. */
const INTL_LOCALE: Partial<Record<Locale, string>> = { zh: "zh-Hans" };

/** "December 3, 2026 at 2:05 PM", "3. Dezember 2026 um 14:05", …: always UTC, which the copy says. */
function formatDateTime(template: EmailTemplate, field: string, value: string, lang: Locale): string {
  const date = new Date(value);
  if (!ISO_DATE_TIME.test(value) || Number.isNaN(date.getTime())) {
    throw new EmailRenderError(`Email template "${template}" needs an ISO-8601 date and time in data.${field}`);
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[lang] ?? lang, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(
    date,
  );
}

/** "1,500", "1.500", "1 500", …: a whole number in the recipient's digit grouping. */
function formatCount(template: EmailTemplate, field: string, value: string, lang: Locale): string {
  if (!/^\d{1,15}$/.test(value)) {
    throw new EmailRenderError(`Email template "${template}" needs a whole number in data.${field}`);
  }
  return new Intl.NumberFormat(INTL_LOCALE[lang] ?? lang, { maximumFractionDigits: 0 }).format(Number(value));
}

/** "30 minutes", "4 hours", "2 days", "4 Stunden", …: whole minutes in the largest fitting unit. */
function formatDuration(template: EmailTemplate, field: string, value: string, lang: Locale): string {
  if (!/^\d{1,9}$/.test(value)) {
    throw new EmailRenderError(`Email template "${template}" needs a whole number of minutes in data.${field}`);
  }
  const minutes = Number(value);
  const unit = minutes < 60 ? "minute" : minutes < 48 * 60 ? "hour" : "day";
  const amount = minutes / { minute: 1, hour: 60, day: 1440 }[unit];
  return new Intl.NumberFormat(INTL_LOCALE[lang] ?? lang, {
    style: "unit",
    unit,
    unitDisplay: "long",
    maximumFractionDigits: 1,
  }).format(amount);
}

/**
 * Minor units as money in the recipient's language: the currency's own number of decimals
 * (2 for USD and EUR, 0 for JPY, 3 for KWD, as Intl knows them) and Intl's exact decimal-string
 * input, so no amount ever passes through a float.
 */
function formatMoney(
  template: EmailTemplate,
  fields: { amount: string; currency: string },
  amount: string,
  currency: string,
  lang: Locale,
): string {
  if (!/^\d{1,15}$/.test(amount)) {
    throw new EmailRenderError(`Email template "${template}" needs minor units (digits only) in data.${fields.amount}`);
  }
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new EmailRenderError(`Email template "${template}" needs a three-letter currency code in data.${fields.currency}`);
  }
  const format = new Intl.NumberFormat(INTL_LOCALE[lang] ?? lang, { style: "currency", currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  const minor = BigInt(amount);
  const scale = 10n ** BigInt(decimals);
  const fraction = decimals > 0 ? `.${String(minor % scale).padStart(decimals, "0")}` : "";
  return format.format(`${minor / scale}${fraction}` as `${number}`);
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
