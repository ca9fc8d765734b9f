import type { ActivateBody, ActivateResponse, CheckInBody, FarmLicenseResponse } from "../../../../contracts/farms.ts";

/**
 * A small client for the public farm API (/api/farm/v1/…) over HTTP, using nothing but
 * global fetch: the simulator must behave like a farm in the field, so it sees exactly
 * what a farm sees (status codes, problem bodies, Retry-After) and never touches the
 * portal's database or services. Only the contract types are shared with the server.
 */

/** What every call returns: the parsed answer, or why there is none. Never throws for HTTP errors. */
export type FarmApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      /** HTTP status; 0 when the request never got an answer (refused connection, timeout, reset). */
      status: number;
      /** The problem's `code` (e.g. FARM_CREDENTIAL_INVALID, REPORT_OUT_OF_ORDER), or "NETWORK_ERROR". */
      code: string;
      detail: string;
      /** From the Retry-After header or the problem body, when the server asked us to wait. */
      retryAfterSeconds: number | null;
    };

export type FarmClient = {
  activate(body: ActivateBody): Promise<FarmApiResult<ActivateResponse>>;
  checkIn(credential: string, body: CheckInBody): Promise<FarmApiResult<FarmLicenseResponse>>;
  deactivate(credential: string): Promise<FarmApiResult<{ farm: { id: string }; state: "deactivated" }>>;
};

export type FarmClientOptions = {
  /** Abandon a request after this long (a farm must not hang on a stuck portal). Default 15 s. */
  timeoutMs?: number;
  /** For tests: a fetch to use instead of the global one. */
  fetch?: typeof fetch;
};

/** Reads the wait the server asked for: Retry-After in seconds (or an HTTP date), else the problem's retryAfterSeconds. */
function retryAfter(response: Response, body: unknown): number | null {
  const header = response.headers.get("retry-after");
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, (at - Date.now()) / 1000);
  }
  const fromBody = (body as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof fromBody === "number" ? fromBody : null;
}

export function createFarmClient(baseUrl: string, options: FarmClientOptions = {}): FarmClient {
  const root = `${baseUrl.replace(/\/+$/, "")}/api/farm/v1`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function post<T>(path: string, body: unknown, credential?: string): Promise<FarmApiResult<T>> {
    // Farms send no cookies and no Origin: the farm API authenticates each call on its own.
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (credential) headers.authorization = `Bearer ${credential}`;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${root}/${path}`, {
        method: "POST",
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { ok: false, status: 0, code: "NETWORK_ERROR", detail, retryAfterSeconds: null };
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page, say: keep the text as the detail below.
    }
    if (response.ok) return { ok: true, status: response.status, data: parsed as T };
    const problem = (parsed ?? {}) as { code?: unknown; detail?: unknown };
    return {
      ok: false,
      status: response.status,
      code: typeof problem.code === "string" ? problem.code : `HTTP_${response.status}`,
      detail: typeof problem.detail === "string" ? problem.detail : text.slice(0, 300),
      retryAfterSeconds: retryAfter(response, parsed),
    };
  }

  return {
    activate: (body) => post("activate", body),
    checkIn: (credential, body) => post("check-in", body, credential),
    deactivate: (credential) => post("deactivate", undefined, credential),
  };
}

/** Worth retrying unchanged: the server is overloaded (429), failing (5xx) or unreachable (0). */
export const isTransient = (status: number) => status === 0 || status === 429 || status >= 500;
