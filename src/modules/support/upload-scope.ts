import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { MAX_ATTACHMENT_BYTES } from "../../../contracts/support.ts";
import { AppError } from "../../server/errors.ts";
import { binary } from "../downloads/downloads.routes.ts";
import { attachmentTooLarge } from "./attachments.ts";

/** The body schema of an attachment upload (for the OpenAPI document; the stream is not validated). */
export const attachmentBytes = binary(`The file's bytes (at most ${MAX_ATTACHMENT_BYTES} bytes)`);

/**
 * Registers attachment upload routes in a Fastify scope of their own: the raw body
 * (application/octet-stream, handed over as a stream, never buffered) is accepted there
 * and nowhere else, so every other route keeps answering 415 to anything but JSON.
 */
export async function attachmentUploadScope(fastify: FastifyInstance, routes: (scope: FastifyInstance) => void) {
  await fastify.register(async (scope) => {
    scope.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));
    routes(scope);
  });
}

/**
 * Runs `handle` with the upload's stream. A declared length over the limit is refused
 * before a byte is read; a refusal part way closes the connection rather than reading
 * the rest of a large body only to throw it away.
 */
export async function withUploadBody<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  handle: (body: Readable) => Promise<T>,
): Promise<T> {
  const body = request.body as unknown;
  try {
    if (!(body instanceof Readable)) {
      throw new AppError(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Send the file as the request body with Content-Type: application/octet-stream.",
      );
    }
    const length = Number(request.headers["content-length"]);
    if (Number.isFinite(length) && length > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
    return await handle(body);
  } catch (error) {
    if (body instanceof Readable && !body.readableEnded) reply.header("connection", "close");
    throw error;
  }
}
