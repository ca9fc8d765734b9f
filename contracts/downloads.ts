import { z } from "zod";
import { Product } from "./licensing.ts";

/**
 * Downloads: releases (product × version × platform, one file each) that operators publish
 * under /api/operator/downloads/…, and that members of an account with an active
 * subscription to the product list and download under /api/accounts/:accountId/downloads….
 * The file itself is not JSON: its upload is an application/octet-stream body and its
 * download a byte stream with HTTP Range support; its SHA-256 is its ETag.
 */

const id = z.string().min(1).max(64);
export const DownloadsParams = z.strictObject({ accountId: id });
export const DownloadParams = z.strictObject({ accountId: id, releaseId: id });
export const OperatorReleaseParams = z.strictObject({ releaseId: id });

/** The largest release file: 2 GiB. */
export const MAX_RELEASE_BYTES = 2 * 1024 * 1024 * 1024;

/** A SHA-256 as 64 hex digits (upper case is accepted and lower-cased). */
export const Sha256Hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, "Enter the SHA-256 as 64 hexadecimal digits.");

export const ReleaseVersion = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, "Use letters, digits and . + _ - (for example 19.4.1 or 20.0-beta1).");

export const ReleasePlatform = z.string().trim().min(1).max(60);

/** Control characters, slashes and backslashes never reach a Content-Disposition header or a disk. */
const isSafeFileName = (name: string) =>
  name !== "." &&
  name !== ".." &&
  [...name].every((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && ch !== "/" && ch !== "\\";
  });

/** The name the file is saved under; any script (RFC 6266/5987 carry non-ASCII names). */
export const ReleaseFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isSafeFileName, "Use a file name without slashes or control characters.");

/** Plain text; the web app shows line breaks and nothing else (no HTML, no Markdown). */
export const ReleaseNotes = z.string().trim().max(20_000);

export const CreateReleaseBody = z.strictObject({
  productId: id,
  version: ReleaseVersion,
  platform: ReleasePlatform,
  fileName: ReleaseFileName,
  notes: ReleaseNotes.default(""),
});
export type CreateReleaseBody = z.infer<typeof CreateReleaseBody>;

export const UpdateReleaseBody = z.strictObject({ notes: ReleaseNotes });
export type UpdateReleaseBody = z.infer<typeof UpdateReleaseBody>;

/** The upload's query: the SHA-256 the operator expects; a file with another one is refused and not kept. */
export const UploadReleaseFileQuery = z.strictObject({ sha256: Sha256Hex.optional() });

export const ReleaseStatus = z.enum(["draft", "published"]);
export type ReleaseStatus = z.infer<typeof ReleaseStatus>;

export const ReleaseFile = z.object({ size: z.number().int(), sha256: z.string() });

export const OperatorRelease = z.object({
  id: z.string(),
  product: Product,
  version: z.string(),
  platform: z.string(),
  fileName: z.string(),
  notes: z.string(),
  status: ReleaseStatus,
  /** Null until the file is uploaded; a release is published only with its file. */
  file: ReleaseFile.nullable(),
  /** First publication; kept when a release is unpublished and published again. */
  releasedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OperatorRelease = z.infer<typeof OperatorRelease>;
export const OperatorReleaseList = z.object({ items: z.array(OperatorRelease) });
export type OperatorReleaseList = z.infer<typeof OperatorReleaseList>;

/** One downloadable file of a version. */
export const DownloadableRelease = z.object({
  id: z.string(),
  platform: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  notes: z.string(),
  releasedAt: z.iso.datetime(),
  /** GET (or HEAD) this for the file; it honours Range and If-Range. */
  url: z.string(),
});
export type DownloadableRelease = z.infer<typeof DownloadableRelease>;

export const DownloadVersion = z.object({
  version: z.string(),
  /** The newest release date among its files. */
  releasedAt: z.iso.datetime(),
  releases: z.array(DownloadableRelease),
});
export type DownloadVersion = z.infer<typeof DownloadVersion>;

/** Products the account has an active subscription to, each with its versions, newest first. */
export const DownloadsList = z.object({
  products: z.array(z.object({ product: Product, versions: z.array(DownloadVersion) })),
});
export type DownloadsList = z.infer<typeof DownloadsList>;
