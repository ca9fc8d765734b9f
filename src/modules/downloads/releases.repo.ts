import type { Kysely, Transaction } from "kysely";
import type { Engine } from "../../db/database.ts";
import type { DB, ReleasesTable, StoredFilesTable } from "../../db/schema.ts";
import { statusBoundaries } from "../licensing/subscription-status.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/** A release with its product and (once uploaded) its file. */
export type ReleaseRow = {
  id: string;
  productId: string;
  productCode: string;
  productName: string;
  version: string;
  platform: string;
  fileName: string;
  notes: string;
  status: ReleasesTable["status"];
  releasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  fileId: string | null;
  storageKey: string | null;
  byteSize: number | null;
  sha256: string | null;
};

function releases(executor: Executor) {
  return executor
    .selectFrom("releases as r")
    .innerJoin("products as p", "p.id", "r.productId")
    .leftJoin("storedFiles as f", "f.id", "r.fileId")
    .select([
      "r.id",
      "r.productId",
      "p.code as productCode",
      "p.name as productName",
      "r.version",
      "r.platform",
      "r.fileName",
      "r.notes",
      "r.status",
      "r.releasedAt",
      "r.createdAt",
      "r.updatedAt",
      "r.fileId",
      "f.storageKey",
      "f.byteSize",
      "f.sha256",
    ]);
}

/** Operators: every release, drafts too. Newest first; a catalogue of releases stays small. */
export async function listAllReleases(executor: Executor, limit: number): Promise<ReleaseRow[]> {
  return releases(executor).orderBy("r.createdAt", "desc").orderBy("r.id").limit(limit).execute();
}

export async function findRelease(executor: Executor, releaseId: string): Promise<ReleaseRow | undefined> {
  return releases(executor).where("r.id", "=", releaseId).executeTakeFirst();
}

/** Takes the release's row lock for a change (FOR UPDATE on PostgreSQL; SQLite's writer is already exclusive). */
export async function lockRelease(trx: Transaction<DB>, engine: Engine, releaseId: string) {
  const query = trx.selectFrom("releases").select(["id", "status", "fileId"]).where("id", "=", releaseId);
  return (engine === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * The products an account may download: those it holds a subscription to that is not
 * suspended, not canceled and not expired beyond the 30-day grace (subscription-status.ts),
 * whatever its license type (a trial or NFR installs the same software).
 */
export async function entitledProductIds(executor: Executor, accountId: string, now: Date): Promise<string[]> {
  const { graceStart } = statusBoundaries(now);
  const rows = await executor
    .selectFrom("subscriptions")
    .select("productId")
    .distinct()
    .where("accountId", "=", accountId)
    .where("suspendedAt", "is", null)
    .where("canceledAt", "is", null)
    .where((eb) => eb.or([eb("expiresAt", "is", null), eb("expiresAt", ">", graceStart)]))
    .execute();
  return rows.map((r) => r.productId);
}

/** Published releases (with their files) of these products. */
export async function listPublishedReleases(executor: Executor, productIds: string[], limit: number): Promise<ReleaseRow[]> {
  if (productIds.length === 0) return [];
  return releases(executor)
    .where("r.status", "=", "published")
    .where("r.productId", "in", productIds)
    .where("r.fileId", "is not", null)
    .orderBy("r.releasedAt", "desc")
    .orderBy("r.id")
    .limit(limit)
    .execute();
}

export async function insertStoredFile(executor: Executor, row: StoredFilesTable): Promise<void> {
  await executor.insertInto("storedFiles").values(row).execute();
}

/** Deletes the file's row and returns its storage key, so the caller removes the bytes after commit. */
export async function deleteStoredFile(executor: Executor, fileId: string): Promise<string | null> {
  const row = await executor.selectFrom("storedFiles").select("storageKey").where("id", "=", fileId).executeTakeFirst();
  await executor.deleteFrom("storedFiles").where("id", "=", fileId).execute();
  return row?.storageKey ?? null;
}
