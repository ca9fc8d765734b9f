import type { CreateReleaseBody, OperatorRelease, OperatorReleaseList } from "../../../../../contracts/downloads.ts";
import { ApiError, api } from "../../../lib/api.ts";

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

export type UploadProgress = { loaded: number; total: number };

/**
 * Uploads a release's file as the raw request body. XMLHttpRequest rather than fetch:
 * fetch reports no upload progress, and a 2 GiB installer needs a progress bar. The
 * server hashes the bytes as they arrive and, given `expectedSha256`, refuses a file
 * that does not match (422 CHECKSUM_MISMATCH) without keeping it.
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
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = expectedSha256 ? `?sha256=${encodeURIComponent(expectedSha256)}` : "";
    xhr.open("PUT", `${release(releaseId)}/file${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // Not JSON (a proxy's error page): described by the status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as unknown as OperatorRelease);
      reject(
        new ApiError({
          status: xhr.status,
          code: typeof data.code === "string" ? data.code : `HTTP_${xhr.status}`,
          detail: typeof data.detail === "string" ? data.detail : xhr.statusText,
        }),
      );
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: "NETWORK_ERROR", detail: "The server could not be reached." }));
    xhr.onabort = () => reject(new DOMException("The upload was canceled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
