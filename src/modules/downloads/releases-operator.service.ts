import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import type { Transaction } from "kysely";
import {
  type CreateReleaseBody,
  MAX_RELEASE_BYTES,
  type OperatorRelease,
  type OperatorReleaseList,
} from "../../../contracts/downloads.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { ChecksumMismatchError, type FileStorage, FileTooLargeError, type StoredObject } from "../../storage/file-storage.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { ServedFile } from "./file-response.ts";
import {
  deleteStoredFile,
  findRelease,
  insertStoredFile,
  listAllReleases,
  lockRelease,
  type ReleaseRow,
} from "./releases.repo.ts";

type Deps = {
  database: Database;
  storage: FileStorage;
  clock: Clock;
  identity: Pick<IdentityService, "requireSession" | "requireOperator">;
  logger: FastifyBaseLogger;
};

type LockedRelease = NonNullable<Awaited<ReturnType<typeof lockRelease>>>;

export const releaseNotFound = () => new AppError(404, "RELEASE_NOT_FOUND", "No such release.");
const tooLarge = () =>
  new AppError(413, "FILE_TOO_LARGE", `The file is larger than the ${MAX_RELEASE_BYTES / 1024 ** 3} GiB a release may have.`);
const published = () =>
  new AppError(409, "RELEASE_PUBLISHED", "Unpublish the release before replacing its file: customers may be downloading it.");

/** The operator's view of a release. */
export function toOperatorRelease(r: ReleaseRow): OperatorRelease {
  return {
    id: r.id,
    product: { id: r.productId, code: r.productCode, name: r.productName },
    version: r.version,
    platform: r.platform,
    fileName: r.fileName,
    notes: r.notes,
    status: r.status,
    file: r.byteSize !== null && r.sha256 !== null ? { size: r.byteSize, sha256: r.sha256 } : null,
    releasedAt: r.releasedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Releases, as vendor staff manage them: create one (metadata), upload its file as a
 * streamed body, publish or unpublish it, edit its notes, delete it. Every route checks
 * `users.is_operator`; every change is audited with the operator as actor. Bytes move
 * outside transactions (an upload can take minutes); the database row that points at
 * them is written only once they are complete and verified, and bytes a change leaves
 * behind are removed after its commit.
 */
export function createReleasesOperatorService({ database, storage, clock, identity, logger }: Deps) {
  const { db, engine } = database;

  async function view(releaseId: string): Promise<OperatorRelease> {
    const row = await findRelease(db, releaseId);
    if (!row) throw releaseNotFound();
    return toOperatorRelease(row);
  }

  /** Removes bytes no row points at any more; a failure only leaves an orphan, so it is logged, not raised. */
  async function discard(key: string | null) {
    if (!key) return;
    await storage.delete(key).catch((err: unknown) => logger.error({ err, key }, "could not delete a stored file"));
  }

  const audit = (
    operatorId: string,
    action: string,
    releaseId: string,
    client: ClientInfo,
    metadata: Record<string, unknown>,
  ) => ({
    action: `downloads.${action}`,
    outcome: "success" as const,
    actorUserId: operatorId,
    targetType: "release",
    targetId: releaseId,
    ...client,
    metadata,
  });

  /** Runs `change` on the locked release; 404 when it is gone. */
  async function withLockedRelease<T>(
    releaseId: string,
    change: (trx: Transaction<DB>, locked: LockedRelease) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const locked = await lockRelease(trx, engine, releaseId);
      if (!locked) throw releaseNotFound();
      return change(trx, locked);
    });
  }

  return {
    requireOperator: identity.requireOperator,

    async list(): Promise<OperatorReleaseList> {
      return { items: (await listAllReleases(db, 1000)).map(toOperatorRelease) };
    },

    async create(operatorId: string, body: CreateReleaseBody, client: ClientInfo): Promise<OperatorRelease> {
      const product = await db.selectFrom("products").select("id").where("id", "=", body.productId).executeTakeFirst();
      if (!product) {
        throw new AppError(400, "VALIDATION_FAILED", "No such product.", {
          errors: [{ field: "productId", message: "No such product." }],
        });
      }
      const id = randomUUID();
      const now = clock.now();
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto("releases")
            .values({
              id,
              ...body,
              fileId: null,
              status: "draft",
              releasedAt: null,
              createdByUserId: operatorId,
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await insertAuditEvent(trx, audit(operatorId, "release_created", id, client, { ...body, notes: undefined }));
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError(409, "RELEASE_EXISTS", "This product already has a release of this version for this platform.", {
          errors: [{ field: "platform", message: "Choose another version or platform." }],
        });
      }
      return view(id);
    },

    /**
     * Stores the body as the release's file. With `expectedSha256`, bytes that hash to
     * anything else are refused (422) and nothing is kept. A draft's file can be replaced;
     * the old bytes go once the new row is committed.
     */
    async upload(
      operatorId: string,
      releaseId: string,
      body: Readable,
      { contentLength, expectedSha256 }: { contentLength: number | undefined; expectedSha256: string | undefined },
      client: ClientInfo,
    ): Promise<OperatorRelease> {
      const before = await findRelease(db, releaseId);
      if (!before) throw releaseNotFound();
      if (before.status === "published") throw published();
      if (contentLength !== undefined && contentLength > MAX_RELEASE_BYTES) throw tooLarge();

      let stored: StoredObject;
      try {
        stored = await storage.put(body, { maxBytes: MAX_RELEASE_BYTES, expectedSha256 });
      } catch (error) {
        if (error instanceof FileTooLargeError) throw tooLarge();
        if (error instanceof ChecksumMismatchError) {
          throw new AppError(
            422,
            "CHECKSUM_MISMATCH",
            `The uploaded file's SHA-256 is ${error.actual}, not ${error.expected}. It was not kept; upload the file again.`,
          );
        }
        throw error;
      }
      if (stored.size === 0) {
        await discard(stored.key);
        throw new AppError(400, "EMPTY_FILE", "The uploaded file is empty.");
      }

      let replacedKey: string | null = null;
      try {
        await withLockedRelease(releaseId, async (trx, locked) => {
          if (locked.status === "published") throw published();
          const fileId = randomUUID();
          await insertStoredFile(trx, {
            id: fileId,
            storageKey: stored.key,
            byteSize: stored.size,
            sha256: stored.sha256,
            mediaType: "application/octet-stream",
            purpose: "release",
            uploadedByUserId: operatorId,
            createdAt: clock.now(),
          });
          await trx.updateTable("releases").set({ fileId, updatedAt: clock.now() }).where("id", "=", releaseId).execute();
          if (locked.fileId) replacedKey = await deleteStoredFile(trx, locked.fileId);
          await insertAuditEvent(
            trx,
            audit(operatorId, "release_file_uploaded", releaseId, client, {
              size: stored.size,
              sha256: stored.sha256,
              replaced: locked.fileId !== null,
            }),
          );
        });
      } catch (error) {
        await discard(stored.key);
        throw error;
      }
      await discard(replacedKey);
      return view(releaseId);
    },

    async setPublished(operatorId: string, releaseId: string, isPublished: boolean, client: ClientInfo) {
      await withLockedRelease(releaseId, async (trx, locked) => {
        const status = isPublished ? "published" : "draft";
        if (locked.status === status) return;
        if (isPublished && !locked.fileId) {
          throw new AppError(409, "RELEASE_FILE_MISSING", "Upload the release's file before publishing it.");
        }
        const now = clock.now();
        await trx
          .updateTable("releases")
          .set((eb) => ({
            status,
            updatedAt: now,
            // The first publication is the release date; publishing again keeps it.
            ...(isPublished ? { releasedAt: eb.fn.coalesce("releasedAt", eb.val(now)) } : {}),
          }))
          .where("id", "=", releaseId)
          .execute();
        await insertAuditEvent(
          trx,
          audit(operatorId, isPublished ? "release_published" : "release_unpublished", releaseId, client, {}),
        );
      });
      return view(releaseId);
    },

    async updateNotes(operatorId: string, releaseId: string, notes: string, client: ClientInfo) {
      await withLockedRelease(releaseId, async (trx) => {
        await trx.updateTable("releases").set({ notes, updatedAt: clock.now() }).where("id", "=", releaseId).execute();
        await insertAuditEvent(trx, audit(operatorId, "release_notes_updated", releaseId, client, {}));
      });
      return view(releaseId);
    },

    /** Deletes the release and its file. A download already streaming keeps its open file and finishes. */
    async remove(operatorId: string, releaseId: string, client: ClientInfo): Promise<void> {
      const before = await findRelease(db, releaseId);
      let key: string | null = null;
      await withLockedRelease(releaseId, async (trx, locked) => {
        await trx.deleteFrom("releases").where("id", "=", releaseId).execute();
        if (locked.fileId) key = await deleteStoredFile(trx, locked.fileId);
        await insertAuditEvent(
          trx,
          audit(operatorId, "release_deleted", releaseId, client, {
            productId: before?.productId,
            version: before?.version,
            platform: before?.platform,
            sha256: before?.sha256,
          }),
        );
      });
      await discard(key);
    },

    /** The operator's own download of any release (drafts too), to check an upload. */
    async file(releaseId: string): Promise<ServedFile> {
      const row = await findRelease(db, releaseId);
      if (!row?.storageKey || row.byteSize === null || row.sha256 === null) throw releaseNotFound();
      return { storageKey: row.storageKey, size: row.byteSize, sha256: row.sha256, fileName: row.fileName };
    },
  };
}

export type ReleasesOperatorService = ReturnType<typeof createReleasesOperatorService>;
