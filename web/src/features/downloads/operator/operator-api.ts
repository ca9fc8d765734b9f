import type { CreateReleaseBody, OperatorRelease, OperatorReleaseList } from "../../../../../contracts/downloads.ts";
import { api } from "../../../lib/api.ts";
import { type UploadProgress, uploadFile } from "../../../lib/upload.ts";

export type { OperatorRelease };

const releases = "/api/operator/downloads/releases";
const release = (releaseId: string) => `${releases}/${encodeURIComponent(releaseId)}`;

/** Typed calls to the releases routes (403 OPERATOR_REQUIRED for anyone but vendor staff). */
export const releasesApi = {
  list: (signal?: AbortSignal) => api.get<OperatorReleaseList>(releases, signal),
  create: (body: CreateReleaseBody) => api.post<OperatorRelease>(releases, body),
  updateNotes: (releaseId: string, notes: string) => api.patch<OperatorRelease>(release(releaseId), { notes }),
  publish: (releaseId: string) => api.post<OperatorRelease>(`${release(releaseId)}/publish`),
  unpublish: (releaseId: string) => api.post<OperatorRelease>(`${release(releaseId)}/unpublish`),
  remove: (releaseId: string) => api.delete<null>(release(releaseId)),
  fileUrl: (releaseId: string) => `${release(releaseId)}/file`,
};

export type { UploadProgress };

/**
 * Uploads a release's file as the raw request body, with its progress (a 2 GiB installer
 * needs a progress bar). The server hashes the bytes as they arrive and, given
 * `expectedSha256`, refuses a file that does not match (422 CHECKSUM_MISMATCH) without keeping it.
 */
export function uploadReleaseFile(
  releaseId: string,
  file: Blob,
  {
    expectedSha256,
    onProgress,
    signal,
  }: { expectedSha256?: string; onProgress: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<OperatorRelease> {
  const query = expectedSha256 ? `?sha256=${encodeURIComponent(expectedSha256)}` : "";
  return uploadFile<OperatorRelease>(`${release(releaseId)}/file${query}`, file, { method: "PUT", onProgress, signal });
}
