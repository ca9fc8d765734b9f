import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api.ts";
import { uploadFile } from "./upload.ts";

/** Just enough of XMLHttpRequest to drive uploadFile; `answer` plays the server. */
class FakeXhr {
  static last: FakeXhr;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  status = 0;
  statusText = "";
  responseText = "";
  responseHeaders: Record<string, string> = {};
  sent: unknown;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: string, headers: Record<string, string> = {}) {
    this.status = status;
    this.statusText = status === 200 ? "OK" : "Bad Gateway";
    this.responseText = body;
    this.responseHeaders = headers;
    this.onload?.();
  }
}

afterEach(() => vi.unstubAllGlobals());

function start(options: { method?: "POST" | "PUT"; signal?: AbortSignal } = {}) {
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  const onProgress = vi.fn();
  const file = new Blob(["hello"]);
  const promise = uploadFile<{ id: string }>("/api/x/attachments?fileName=a.txt", file, { ...options, onProgress });
  return { promise, onProgress, file, xhr: FakeXhr.last };
}

describe("uploadFile", () => {
  it("sends the raw bytes, reports progress and answers the JSON", async () => {
    const { promise, onProgress, file, xhr } = start({ method: "PUT" });
    expect(xhr.method).toBe("PUT");
    expect(xhr.url).toBe("/api/x/attachments?fileName=a.txt");
    expect(xhr.headers["content-type"]).toBe("application/octet-stream");
    expect(xhr.sent).toBe(file);
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 2, total: 5 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 3, total: 0 });
    expect(onProgress).toHaveBeenCalledTimes(1);
    expect(onProgress).toHaveBeenCalledWith({ loaded: 2, total: 5 });
    xhr.answer(200, '{"id":"f-1"}');
    await expect(promise).resolves.toEqual({ id: "f-1" });
  });

  it("turns problem+json into an ApiError, as lib/api.ts does", async () => {
    const { promise, xhr } = start();
    expect(xhr.method).toBe("POST");
    xhr.answer(
      415,
      JSON.stringify({ code: "ATTACHMENT_TYPE_NOT_ALLOWED", detail: "No.", errors: [{ field: "fileName", message: "bad" }] }),
      { "retry-after": "3" },
    );
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 415,
      code: "ATTACHMENT_TYPE_NOT_ALLOWED",
      detail: "No.",
      fieldErrors: [{ field: "fileName", message: "bad" }],
      retryAfterSeconds: 3,
    });
  });

  it("describes a non-JSON failure by its status, and a lost connection as NETWORK_ERROR", async () => {
    const first = start();
    first.xhr.answer(502, "<html>proxy</html>");
    await expect(first.promise).rejects.toMatchObject({ status: 502, code: "HTTP_502", detail: "Bad Gateway" });
    const second = start();
    second.xhr.onerror?.();
    await expect(second.promise).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });
  });

  it("rejects with an AbortError when its signal aborts", async () => {
    const controller = new AbortController();
    const { promise } = start({ signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: "AbortError" });
  });
});
