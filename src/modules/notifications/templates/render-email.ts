import type { RenderedEmail } from "../mailer.ts";

/** Placeholder renderer, replaced by the i18next templates. */
export function renderEmail(template: string, _locale: string, to: string, data: Record<string, string>): RenderedEmail {
  const url = data.url ?? "";
  return {
    to,
    subject: `License Portal: ${template}`,
    text: `${data.name ?? ""}\n${url}\n`,
    html: `<p><a href="${url}">${url}</a></p>`,
  };
}
