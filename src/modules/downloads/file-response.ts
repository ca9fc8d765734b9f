import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../server/errors.ts";
import type { FileStorage } from "../../storage/file-storage.ts";
import { attachmentDisposition, matchesNoneMatch, parseRange, rangeApplies } from "./byte-ranges.ts";

/** What a download needs to know about its file. */
export type ServedFile = { storageKey: string; size: number; sha256: string; fileName: string };

/**
 * Answers a GET or HEAD for a stored file: 200 with the whole file, 206 with one range,
 * 304 for a copy the client already has, 416 for a range past the end. The ETag is the
 * SHA-256 (a strong validator: the same tag means the same bytes), so a client resuming
 * with `If-Range` gets the rest of *this* file or, if it changed, the whole new one.
 * The checksum is also sent as `Repr-Digest` (RFC 9530) for clients that verify it.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  storage: FileStorage,
  file: ServedFile,
  { headOnly }: { headOnly: boolean },
) {
  const etag = `"${file.sha256}"`;
  reply
    .header("accept-ranges", "bytes")
    .header("etag", etag)
    .header("cache-control", "private, no-cache")
    .header("repr-digest", `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`);

  if (matchesNoneMatch(request.headers["if-none-match"], etag)) return reply.status(304).send();

  const ifRange = headerValue(request.headers["if-range"]);
  const decision = rangeApplies(ifRange, etag)
    ? parseRange(headerValue(request.headers.range), file.size)
    : { kind: "full" as const };
  if (decision.kind === "unsatisfiable") {
    reply.header("content-range", `bytes */${file.size}`);
    throw new AppError(416, "RANGE_NOT_SATISFIABLE", `The requested range is outside the file (${file.size} bytes).`);
  }

  reply.header("content-type", "application/octet-stream").header("content-disposition", attachmentDisposition(file.fileName));
  const range = decision.kind === "partial" ? { start: decision.start, end: decision.end } : undefined;
  if (range) {
    reply.status(206).header("content-range", `bytes ${range.start}-${range.end}/${file.size}`);
  }
  reply.header("content-length", String(range ? range.end - range.start + 1 : file.size));
  if (headOnly) return reply.send();
  return reply.send(await storage.get(file.storageKey, range));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
