import { attachmentMediaType, Utf8TextCheck } from "../../../../contracts/attachment-types.ts";
import { MAX_ATTACHMENT_BYTES } from "../../../../contracts/support.ts";

/**
 * How many leading bytes the browser reads to check a file: the server's head
 * (ATTACHMENT_HEAD_BYTES) and more, to see whether it is text.
 */
export const SNIFF_BYTES = 4096;

export type AttachmentProblem = "empty" | "tooLarge" | "typeNotAllowed";

/**
 * Why a picked file cannot be attached, checked in the browser before any upload with the
 * server's own rules (contracts/attachment-types.ts); the server checks the whole file again.
 * `head` is the file's first SNIFF_BYTES bytes (all of it when it is no longer).
 */
export function attachmentProblem(fileName: string, size: number, head: Uint8Array): AttachmentProblem | null {
  if (size === 0) return "empty";
  if (size > MAX_ATTACHMENT_BYTES) return "tooLarge";
  const text = new Utf8TextCheck();
  text.push(head);
  // A sample of a larger file may end inside a character; the whole file may not.
  if (head.length >= size) text.end();
  return attachmentMediaType(fileName, head, text.isText) ? null : "typeNotAllowed";
}

/** Reads a picked file's head and checks it (see attachmentProblem). */
export async function checkPickedFile(file: Blob & { name: string }): Promise<AttachmentProblem | null> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return attachmentProblem(file.name, file.size, head);
}
