import type { RenderedEmail } from "../mailer.ts";
import { type EmailTemplate, isEmailTemplate } from "../outbox.repo.ts";
import { resolveLocale, translatorFor } from "./i18n.ts";
import { type EmailContent, renderHtml, renderText } from "./layout.ts";

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

type TemplateSpec = {
  /** Whether the template needs `data.url` (the link behind the button). */
  url: "required" | "optional";
  /** Reading order of the body; `action` is the button plus the plain URL and is left out when there is no URL. */
  body: ReadonlyArray<"intro" | "action" | "outro">;
};

const SPECS: Record<EmailTemplate, TemplateSpec> = {
  "verify-email": { url: "required", body: ["intro", "action", "outro"] },
  "reset-password": { url: "required", body: ["intro", "action", "outro"] },
  welcome: { url: "required", body: ["intro", "action", "outro"] },
  // "If this wasn't you, reset your password" comes before the (optional) reset link.
  "password-changed": { url: "optional", body: ["intro", "outro", "action"] },
};

/**
 * Renders an outbox message in the recipient's language (unknown locale → English).
 * Throws `UnknownTemplateError` for a template that does not exist and
 * `EmailRenderError` for unusable data; the worker marks such messages dead.
 */
export function renderEmail(template: string, locale: string, to: string, data: Record<string, string>): RenderedEmail {
  if (!isEmailTemplate(template)) throw new UnknownTemplateError(template);
  const spec = SPECS[template];
  const lang = resolveLocale(locale);
  const t = translatorFor(lang);
  const name = stringField(data, "name").trim();
  const url = checkedUrl(template, stringField(data, "url"), spec.url);

  const content: EmailContent = {
    lang,
    subject: oneLine(t(template, "subject")),
    heading: t(template, "heading"),
    greeting: name ? t("common", "greeting", { name }) : t("common", "greetingNoName"),
    blocks: spec.body.flatMap((part): EmailContent["blocks"] => {
      if (part !== "action") return [{ kind: "paragraph", text: t(template, part) }];
      return url ? [{ kind: "action", label: t(template, "action"), url }] : [];
    }),
    linkHint: t("common", "linkHint"),
    signature: t("common", "signature"),
    footer: t("common", "footer"),
  };
  return { to, subject: content.subject, text: renderText(content), html: renderHtml(content) };
}

function stringField(data: unknown, key: string): string {
  const value = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : "";
}

/** Only absolute http(s) links go into a mail: never `javascript:` or relative URLs. */
function checkedUrl(template: EmailTemplate, url: string, need: TemplateSpec["url"]): string | undefined {
  if (!url) {
    if (need === "required") throw new EmailRenderError(`Email template "${template}" needs data.url`);
    return undefined;
  }
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

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
