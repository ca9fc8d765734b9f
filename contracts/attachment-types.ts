import type { ATTACHMENT_MEDIA_TYPES } from "./support.ts";

/**
 * The attachment type rules, shared by the server (which decides: src/modules/support/
 * attachment-sniff.ts) and the web app (which checks a picked file before uploading it).
 * Pure TypeScript: besides Uint8Array it uses only TextDecoder, a global in Node and browsers.
 */
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** How many leading bytes decide a file's type (the signatures and the markup check). */
export const ATTACHMENT_HEAD_BYTES = 512;

/** Magic numbers of the binary types, matched at the start of the file. */
export const ATTACHMENT_SIGNATURES: ReadonlyArray<readonly [AttachmentMediaType, readonly number[]]> = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", [0x47, 0x49, 0x46, 0x38]], // "GIF8" (GIF87a / GIF89a)
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // "%PDF-"
  ["application/zip", [0x50, 0x4b, 0x03, 0x04]], // "PK\x03\x04"
];

/**
 * Text a browser would sniff as HTML, SVG or XML (the WHATWG MIME sniffing patterns, after
 * leading whitespace): valid UTF-8, but never accepted as "plain text".
 */
const MARKUP =
  /^[\t\n\f\r ]*<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg)[\t\n\f\r >/]/i;

/** Extensions that name one of the binary types: a file called so must be one (a ".png" full of HTML is refused). */
const EXTENSION_TYPES: Record<string, AttachmentMediaType> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  pdf: "application/pdf",
  zip: "application/zip",
};

/** The type of a file from its first bytes (magic numbers); null for none of the binary types. */
export function sniffBinary(head: Uint8Array): AttachmentMediaType | null {
  for (const [type, magic] of ATTACHMENT_SIGNATURES) {
    if (head.length >= magic.length && magic.every((byte, i) => head[i] === byte)) return type;
  }
  return null;
}

/** Whether the head reads as markup; one character per byte (Latin-1), as only ASCII can match. */
function isMarkup(head: Uint8Array): boolean {
  return MARKUP.test(String.fromCharCode(...head.subarray(0, ATTACHMENT_HEAD_BYTES)));
}

/**
 * Follows bytes fed in order and tells whether all of them are UTF-8 text without NUL bytes.
 * Call `end()` once the whole file has been fed: a multi-byte character cut off at the end
 * is then not text. Without `end()` (a sample of a larger file) the cut is not held against it.
 */
export class Utf8TextCheck {
  private decoder: TextDecoder | null = new TextDecoder("utf-8", { fatal: true });

  push(chunk: Uint8Array): void {
    if (!this.decoder) return;
    try {
      if (chunk.includes(0)) this.decoder = null;
      else this.decoder.decode(chunk, { stream: true });
    } catch {
      this.decoder = null;
    }
  }

  end(): void {
    try {
      this.decoder?.decode();
    } catch {
      this.decoder = null;
    }
  }

  get isText(): boolean {
    return this.decoder !== null;
  }
}

/**
 * The attachment's type, or null (not allowed): from its first bytes (`head`, at least
 * ATTACHMENT_HEAD_BYTES of them when the file is that long) and whether it is all text
 * (Utf8TextCheck), never from the browser's guess. An empty file is not anything; markup is
 * not plain text; and a name whose extension promises a binary type must match the bytes.
 */
export function attachmentMediaType(fileName: string, head: Uint8Array, isText: boolean): AttachmentMediaType | null {
  if (head.length === 0) return null;
  const type = sniffBinary(head) ?? (isText && !isMarkup(head) ? "text/plain" : null);
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  // Own properties only: "notes.constructor" is a name, not a promise of a type.
  const promised = Object.hasOwn(EXTENSION_TYPES, extension) ? EXTENSION_TYPES[extension] : undefined;
  if (fileName.includes(".") && promised && promised !== type) return null;
  return type;
}
