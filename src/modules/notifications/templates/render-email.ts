import type { Locale } from "../../../../contracts/identity.ts";
import type { RenderedEmail } from "../mailer.ts";
import { type EmailTemplate, isEmailTemplate } from "../outbox.repo.ts";
import { resolveLocale, translatorFor } from "./i18n.ts";
import { type EmailContent, renderHtml, renderText } from "./layout.ts";
import type { EmailMessages } from "./locales/index.ts";
import { type CodePart, TEMPLATE_SPECS, type TemplateSpec } from "./template-specs.ts";

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
