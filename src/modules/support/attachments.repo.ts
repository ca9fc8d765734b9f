import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/** What serving an attachment needs: its file and name. */
export type AttachmentFileRow = {
  id: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
};

/**
 * An attachment of a message of `ticketId`; with `publicOnly`, only of public messages
 * (customers and watchers never reach an internal note's files). Unbound uploads are not served.
 */
export async function findTicketAttachment(
  db: Executor,
  ticketId: string,
  attachmentId: string,
  { publicOnly }: { publicOnly: boolean },
): Promise<AttachmentFileRow | undefined> {
  let query = db
    .selectFrom("supportAttachments as a")
    .innerJoin("supportMessages as m", "m.id", "a.messageId")
    .innerJoin("storedFiles as f", "f.id", "a.fileId")
    .select(["a.id", "a.fileName", "f.mediaType", "f.byteSize", "f.sha256", "f.storageKey"])
    .where("a.id", "=", attachmentId)
    .where("a.ticketId", "=", ticketId)
    .where("m.ticketId", "=", ticketId);
  if (publicOnly) query = query.where("m.visibility", "=", "public");
  return query.executeTakeFirst();
}

/** Unbound uploads created before `cutoff` (abandoned forms), oldest first. */
export async function staleUploads(db: Executor, cutoff: Date, limit: number) {
  return db
    .selectFrom("supportAttachments as a")
    .innerJoin("storedFiles as f", "f.id", "a.fileId")
    .select(["a.id", "a.fileId", "f.storageKey"])
    .where("a.messageId", "is", null)
    .where("a.createdAt", "<", cutoff)
    .orderBy("a.createdAt")
    .limit(limit)
    .execute();
}

/**
 * Deletes unbound uploads and their stored_files rows; returns the storage keys of the rows
 * actually deleted (a row a concurrent post bound in the meantime stays), for removal after commit.
 */
export async function deleteUnboundUploads(
  trx: Transaction<DB>,
  rows: Array<{ id: string; fileId: string; storageKey: string }>,
): Promise<string[]> {
  const keys: string[] = [];
  for (const row of rows) {
    const deleted = await trx
      .deleteFrom("supportAttachments")
      .where("id", "=", row.id)
      .where("messageId", "is", null)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) continue;
    await trx.deleteFrom("storedFiles").where("id", "=", row.fileId).execute();
    keys.push(row.storageKey);
  }
  return keys;
}
