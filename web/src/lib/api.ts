/**
 * A small fetch wrapper for our same-origin API. Every error the server sends is
 * RFC 9457 problem+json; it becomes an ApiError carrying the stable `code`, the
 * field errors and, for 429, the Retry-After seconds.
 */
export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(init: { status: number; code: string; detail: string; fieldErrors?: FieldError[]; retryAfterSeconds?: number }) {
    super(`${init.status} ${init.code}: ${init.detail}`);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RequestOptions = {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the store's Idempotency-Key. */
  headers?: Record<string, string>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    isRecord(item) && typeof item.field === "string" ? [{ field: item.field, message: String(item.message ?? "") }] : [],
  );
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/** The ApiError for a failed answer: its problem+json body (when it is one), else the HTTP status. */
export function parseProblem(status: number, statusText: string, data: unknown, retryAfter: string | null): ApiError {
  const problem = isRecord(data) ? data : {};
  return new ApiError({
    status,
    code: typeof problem.code === "string" ? problem.code : `HTTP_${status}`,
    detail: typeof problem.detail === "string" ? problem.detail : statusText,
    fieldErrors: parseFieldErrors(problem.errors),
    retryAfterSeconds: parseRetryAfter(retryAfter),
  });
}

export async function request<T>(path: string, { method = "GET", body, signal, headers }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        ...headers,
        ...(body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "NETWORK_ERROR", detail: "The server could not be reached." });
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) throw parseProblem(response.status, response.statusText, data, response.headers.get("retry-after"));
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: <T>(path: string, body: unknown = {}) => request<T>(path, { method: "POST", body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: "PUT", body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: "PATCH", body }),
  delete: <T>(path: string) => request<T>(path, { method: "DELETE" }),
};
