import type { FastifyRequest } from "fastify";
import type { DownloadsList, DownloadVersion } from "../../../contracts/downloads.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { accountNotFound } from "../accounts/account-access.ts";
import { findAccess } from "../accounts/accounts.repo.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { ServedFile } from "./file-response.ts";
import { entitledProductIds, findRelease, listPublishedReleases, type ReleaseRow } from "./releases.repo.ts";

type Deps = { database: Database; clock: Clock; identity: Pick<IdentityService, "requireSession"> };

/** Customers see at most this many releases; a product line with more would want paging. */
const LIST_LIMIT = 1000;

const versionOrder = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export const downloadUrl = (accountId: string, releaseId: string) =>
  `/api/accounts/${encodeURIComponent(accountId)}/downloads/${encodeURIComponent(releaseId)}/file`;

/**
 * What members see on Downloads. The rule: a member of the account (any role, not
 * blocked) whose account holds an active subscription to the release's product.
 * Everyone else gets 404 — outsiders, removed and blocked members with
 * ACCOUNT_NOT_FOUND (as on every account route, so nothing says the account exists;
 * a blocked member is told no more than an outsider), members of an account without
 * such a subscription with DOWNLOADS_NOT_AVAILABLE on the list and RELEASE_NOT_FOUND on
 * a file, the same answer as for a release that does not exist.
 */
export function createDownloadsService({ database, clock, identity }: Deps) {
  const { db } = database;

  /** The products the caller may download in this account; throws the 404s described above. */
  async function entitlement(request: FastifyRequest, accountId: string): Promise<string[]> {
    const { userId } = await identity.requireSession(request);
    const membership = await findAccess(db, accountId, userId);
    if (membership?.status !== "active") throw accountNotFound();
    return entitledProductIds(db, accountId, clock.now());
  }

  return {
    async list(request: FastifyRequest, accountId: string): Promise<DownloadsList> {
      const productIds = await entitlement(request, accountId);
      if (productIds.length === 0) {
        throw new AppError(404, "DOWNLOADS_NOT_AVAILABLE", "Downloads are available to accounts with an active subscription.");
      }
      return groupByProduct(accountId, await listPublishedReleases(db, productIds, LIST_LIMIT));
    },

    /** The file of a release the caller may download. */
    async file(request: FastifyRequest, accountId: string, releaseId: string): Promise<ServedFile> {
      const productIds = await entitlement(request, accountId);
      const row = await findRelease(db, releaseId);
      if (
        row?.status !== "published" ||
        !productIds.includes(row.productId) ||
        !row.storageKey ||
        row.byteSize === null ||
        row.sha256 === null
      ) {
        throw new AppError(404, "RELEASE_NOT_FOUND", "No such release.");
      }
      return { storageKey: row.storageKey, size: row.byteSize, sha256: row.sha256, fileName: row.fileName };
    },
  };
}

/** Products by name; versions newest first (numeric-aware: 19.10 after 19.9); platforms by name. */
export function groupByProduct(accountId: string, rows: ReleaseRow[]): DownloadsList {
  const products = new Map<
    string,
    { product: { id: string; code: string; name: string }; versions: Map<string, ReleaseRow[]> }
  >();
  for (const row of rows) {
    if (row.byteSize === null || row.sha256 === null || row.releasedAt === null) continue;
    let entry = products.get(row.productId);
    if (!entry) {
      entry = { product: { id: row.productId, code: row.productCode, name: row.productName }, versions: new Map() };
      products.set(row.productId, entry);
    }
    const list = entry.versions.get(row.version) ?? [];
    list.push(row);
    entry.versions.set(row.version, list);
  }
  return {
    products: [...products.values()]
      .sort((a, b) => a.product.name.localeCompare(b.product.name, "en"))
      .map(({ product, versions }) => ({
        product,
        versions: [...versions.entries()]
          .sort(([a], [b]) => versionOrder.compare(b, a))
          .map(([version, list]): DownloadVersion => {
            const releases = list
              .sort((a, b) => a.platform.localeCompare(b.platform, "en"))
              .map((r) => ({
                id: r.id,
                platform: r.platform,
                fileName: r.fileName,
                size: r.byteSize ?? 0,
                sha256: r.sha256 ?? "",
                notes: r.notes,
                releasedAt: (r.releasedAt ?? r.createdAt).toISOString(),
                url: downloadUrl(accountId, r.id),
              }));
            // ISO-8601 strings of one format sort as their instants.
            const newest =
              releases
                .map((r) => r.releasedAt)
                .sort()
                .at(-1) ?? "";
            return { version, releasedAt: newest, releases };
          }),
      })),
  };
}

export type DownloadsService = ReturnType<typeof createDownloadsService>;
