import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { MAX_ATTACHMENT_BYTES } from "../../../contracts/support.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { type FileStorage, FileTooLargeError, type StoredObject } from "../../storage/file-storage.ts";
import { sendStoredFile } from "../downloads/file-response.ts";
import { AttachmentSniffer } from "./attachment-sniff.ts";
import { type AttachmentFileRow, deleteUnboundUploads, staleUploads } from "./attachments.repo.ts";

export type Uploader = { userId: string } | { watcherId: string };
export type SavedAttachment = { id: string; fileName: string; mediaType: string; size: number };
export type SupportAttachments = ReturnType<typeof createSupportAttachments>;

/** Unbound uploads (a form never sent) are swept after this long. */
export const UNBOUND_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export const attachmentTooLarge = () =>
  new AppError(413, "ATTACHMENT_TOO_LARGE", `An attachment can have at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
export const attachmentTypeNotAllowed = () =>
  new AppError(415, "ATTACHMENT_TYPE_NOT_ALLOWED", "Attach images (PNG, JPEG, GIF), PDF, ZIP archives or plain text files only.");

/**
 * Support attachments: uploads stream into the shared FileStorage while their bytes are
 * typed (attachment-sniff.ts), become a stored_files row (purpose `attachment`) and an
 * unbound support_attachments row of the uploader, and are bound to a message when it is
 * posted (ticket-thread.ts). Served only as downloads, sandboxed.
 */
export function createSupportAttachments({
  database,
  storage,
  clock,
}: {
  database: Database;
  storage: FileStorage;
  clock: Clock;
}) {
  const { db } = database;

  async function discard(key: string) {
    await storage.delete(key).catch(() => undefined);
  }

  return {
    async save(input: { accountId: string; fileName: string; body: Readable; uploader: Uploader }): Promise<SavedAttachment> {
      const sniffer = new AttachmentSniffer();
      input.body.on("error", (err) => sniffer.destroy(err));
      let stored: StoredObject;
      try {
        stored = await storage.put(input.body.pipe(sniffer), { maxBytes: MAX_ATTACHMENT_BYTES });
      } catch (error) {
        if (error instanceof FileTooLargeError) throw attachmentTooLarge();
        throw error;
      }
      const mediaType = sniffer.mediaType(input.fileName);
      if (!mediaType) {
        await discard(stored.key);
        throw attachmentTypeNotAllowed();
      }
      const id = randomUUID();
      const fileId = randomUUID();
      const now = clock.now();
      const userId = "userId" in input.uploader ? input.uploader.userId : null;
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto("storedFiles")
            .values({
              id: fileId,
              storageKey: stored.key,
              byteSize: stored.size,
              sha256: stored.sha256,
              mediaType,
              purpose: "attachment",
              uploadedByUserId: userId,
              createdAt: now,
            })
            .execute();
          await trx
            .insertInto("supportAttachments")
            .values({
              id,
              fileId,
              accountId: input.accountId,
              ticketId: null,
              messageId: null,
              fileName: input.fileName,
              uploadedByUserId: userId,
              uploadedByWatcherId: "watcherId" in input.uploader ? input.uploader.watcherId : null,
              createdAt: now,
            })
            .execute();
        });
      } catch (error) {
        await discard(stored.key);
        throw error;
      }
      return { id, fileName: input.fileName, mediaType, size: stored.size };
    },

    /**
     * Serves an attachment as a download whatever its type: `attachment` disposition with the
     * exact name (RFC 6266), nosniff, and a sandbox CSP in case a browser renders it anyway.
     */
    async send(request: FastifyRequest, reply: FastifyReply, row: AttachmentFileRow) {
      reply.header("x-content-type-options", "nosniff").header("content-security-policy", "sandbox");
      return sendStoredFile(
        request,
        reply,
        storage,
        { storageKey: row.storageKey, size: row.byteSize, sha256: row.sha256, fileName: row.fileName },
        { headOnly: false },
      );
    },

    /** Removes unbound uploads older than a day; returns how many. Safe to run in several processes. */
    async sweepStale(): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - UNBOUND_UPLOAD_TTL_MS);
      let removed = 0;
      for (;;) {
        const rows = await staleUploads(db, cutoff, 100);
        if (rows.length === 0) return removed;
        const keys = await db.transaction().execute((trx) => deleteUnboundUploads(trx, rows));
        for (const key of keys) await discard(key);
        removed += keys.length;
        if (rows.length < 100) return removed;
      }
    },
  };
}
