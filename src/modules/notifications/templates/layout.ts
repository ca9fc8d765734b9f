import { escapeHtml } from "./escape-html.ts";

/** The translated, unescaped parts of one email; the layout decides how each is output. */
export type EmailContent = {
  lang: string;
  subject: string;
  heading: string;
  greeting: string;
  /** Paragraphs, the call to action and code (a key to copy, shown verbatim), in reading order. */
  blocks: Array<
    { kind: "paragraph"; text: string } | { kind: "action"; label: string; url: string } | { kind: "code"; text: string }
  >;
  linkHint: string;
  signature: string;
  footer: string;
};

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',sans-serif";
const MONOSPACE = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace";
const STYLE = {
  body: "margin:0;padding:0;background-color:#f3f4f6;",
  wrapper: `max-width:600px;margin:0 auto;padding:24px 16px;font-family:${FONT};color:#1f2937;`,
  brand: "margin:0 0 16px;font-size:14px;font-weight:700;letter-spacing:0.02em;color:#1e3a8a;",
  card: "background-color:#ffffff;border-radius:8px;padding:32px 24px;border:1px solid #e5e7eb;",
  heading: "margin:0 0 24px;font-size:22px;line-height:1.3;font-weight:700;color:#111827;",
  paragraph: "margin:0 0 16px;font-size:16px;line-height:1.6;",
  actionRow: "margin:28px 0;",
  button:
    "display:inline-block;padding:12px 24px;background-color:#1d4ed8;color:#ffffff;font-size:16px;font-weight:600;" +
    "line-height:1.25;text-decoration:none;border-radius:6px;",
  codeBox: "margin:0 0 16px;padding:12px 16px;background-color:#f3f4f6;border:1px solid #d1d5db;border-radius:6px;",
  code:
    `font-family:${MONOSPACE};font-size:18px;line-height:1.5;font-weight:600;letter-spacing:0.04em;color:#111827;` +
    "word-break:break-all;overflow-wrap:anywhere;",
  hint: "margin:0 0 16px;font-size:14px;line-height:1.6;color:#4b5563;",
  link: "color:#1d4ed8;text-decoration:underline;word-break:break-all;overflow-wrap:anywhere;",
  footer: "margin:24px 0 0;font-size:12px;line-height:1.5;color:#4b5563;text-align:center;",
  preheader: "display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;",
};

/**
 * A simple, table-free, single-column layout with inline styles: it scales down on
 * narrow screens (max-width + fluid width), keeps AA contrast, declares the language,
 * shows both a button-like link and the plain URL, and code in a box of its own in a
 * monospace font. Every string is escaped here.
 */
export function renderHtml(content: EmailContent): string {
  const e = escapeHtml;
  const firstParagraph = content.blocks.find((block) => block.kind === "paragraph");
  const blocks = content.blocks.map((block) => htmlBlock(block, content.linkHint));
  return [
    "<!DOCTYPE html>",
    `<html lang="${e(content.lang)}" dir="ltr">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${e(content.subject)}</title>`,
    "</head>",
    `<body style="${STYLE.body}">`,
    firstParagraph ? `<div style="${STYLE.preheader}" aria-hidden="true">${e(firstParagraph.text)}</div>` : "",
    `<div role="article" aria-roledescription="email" aria-label="${e(content.subject)}" lang="${e(content.lang)}" style="${STYLE.wrapper}">`,
    `<p style="${STYLE.brand}">License Portal</p>`,
    `<div style="${STYLE.card}">`,
    `<h1 style="${STYLE.heading}">${e(content.heading)}</h1>`,
    `<p style="${STYLE.paragraph}">${e(content.greeting)}</p>`,
    ...blocks,
    `<p style="${STYLE.paragraph}">${e(content.signature)}</p>`,
    "</div>",
    `<p style="${STYLE.footer}">${e(content.footer)}</p>`,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

type Block = EmailContent["blocks"][number];

function htmlBlock(block: Block, linkHint: string): string {
  const e = escapeHtml;
  switch (block.kind) {
    case "paragraph":
      return `<p style="${STYLE.paragraph}">${e(block.text)}</p>`;
    case "code":
      // A block of several lines (a bank's payee details) keeps its line breaks.
      return `<p style="${STYLE.codeBox}"><code style="${STYLE.code}">${block.text.split("\n").map(e).join("<br>")}</code></p>`;
    case "action":
      return (
        `<p style="${STYLE.actionRow}"><a href="${e(block.url)}" style="${STYLE.button}">${e(block.label)}</a></p>\n` +
        `<p style="${STYLE.hint}">${e(linkHint)}<br><a href="${e(block.url)}" style="${STYLE.link}">${e(block.url)}</a></p>`
      );
  }
}

/** The plain-text alternative: same content, the URL on a line of its own, code indented on a line of its own. */
export function renderText(content: EmailContent): string {
  const blocks = content.blocks.map(textBlock);
  return `${[content.heading, content.greeting, ...blocks, content.signature].join("\n\n")}\n\n-- \n${content.footer}\n`;
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "code":
      return block.text
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n");
    case "action":
      return `${block.label}\n${block.url}`;
  }
}
