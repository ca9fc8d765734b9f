import { ApiError, parseProblem } from "./api.ts";

export type UploadProgress = { loaded: number; total: number };

export type UploadOptions = {
  method?: "POST" | "PUT";
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/**
 * Sends a file as the raw request body (`application/octet-stream`) to our same-origin API
 * and answers the JSON the server returns. XMLHttpRequest rather than fetch: fetch reports
 * no upload progress. Errors become the same ApiError as lib/api.ts gives (problem+json);
 * aborting through `signal` rejects with an AbortError, as fetch does. The server decides
 * what the bytes are, so no content type is claimed here.
 */
export function uploadFile<T>(url: string, file: Blob, { method = "POST", onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException("The upload was canceled.", "AbortError"));
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // Not JSON (a proxy's error page): described by the status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      reject(parseProblem(xhr.status, xhr.statusText, data, xhr.getResponseHeader("retry-after")));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: "NETWORK_ERROR", detail: "The server could not be reached." }));
    xhr.onabort = () => reject(new DOMException("The upload was canceled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
