import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../db/database.ts";
import { databaseUnavailable, sendProblem } from "../../server/error-handler.ts";
import { AppError } from "../../server/errors.ts";
import type { SharedState } from "../../server/shared-state.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { AUTH_BASE_PATH, type Auth, authRequestFailure, CLIENT_IP_HEADER } from "./auth.ts";
import { auditActionFor, NEEDS_SESSION_BEFORE, outcomeOf } from "./auth-audit.ts";
import { PENDING_SECOND_FACTOR_TTL_MS, PendingSecondFactor } from "./pending-second-factor.ts";
import { CODE_LIFETIME_MS, TotpReplayGuard } from "./totp-replay-guard.ts";

type BridgeDeps = { auth: Auth; database: Database; publicUrl: string; rateLimit: boolean; shared: SharedState };

/** Twenty failed sign-ins for one address in a minute lock that address for the rest of the minute. */
const SIGN_IN_FAILURES_PER_EMAIL = 20;
/** One IP may fail at most this often across all addresses (credential stuffing). */
const SIGN_IN_FAILURES_PER_IP = 60;
const SIGN_IN_WINDOW_MS = 60_000;

export function toFetchHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === CLIENT_IP_HEADER) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  return headers;
}

/**
 * Mounts Better Auth under /api/auth. Fastify parses and size-limits the body, then
 * the request is handed to Better Auth as a Fetch Request. On the way back, Better
 * Auth's `{code, message}` errors become problem+json like the rest of the API,
 * sign-in failures feed the per-address limiter, and audited calls are logged.
 */
export async function authBridgeRoutes(app: FastifyInstance, deps: BridgeDeps) {
  const { shared } = deps;
  const perEmail = shared.failureLimiter("sign-in-email", SIGN_IN_FAILURES_PER_EMAIL, SIGN_IN_WINDOW_MS);
  const perIp = shared.failureLimiter("sign-in-ip", SIGN_IN_FAILURES_PER_IP, SIGN_IN_WINDOW_MS);
  const secondFactor = new PendingSecondFactor(
    shared.expiringMap("pending-second-factor", PENDING_SECOND_FACTOR_TTL_MS, "fail-open"),
  );
  const usedCodes = new TotpReplayGuard(shared.expiringMap("totp-sign-in", CODE_LIFETIME_MS, "fail-closed"));

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, deps.publicUrl);
    const authPath = url.pathname.slice(AUTH_BASE_PATH.length) || "/";
    const body = request.body as Record<string, unknown> | undefined;
    const email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : undefined;
    const isSignIn = request.method === "POST" && authPath === "/sign-in/email";

    if (isSignIn && deps.rateLimit) {
      const [emailWait, ipWait] = await Promise.all([
        email ? perEmail.retryAfterSeconds(email) : 0,
        perIp.retryAfterSeconds(request.ip),
      ]);
      const wait = Math.max(emailWait, ipWait);
      if (wait > 0) {
        await audit(request, "identity.sign_in", 429, { email, reason: "rate_limited" });
        return sendProblem(
          request,
          reply,
          new AppError(429, "RATE_LIMITED", "Too many failed sign-ins. Try again later.", { retryAfterSeconds: wait }),
        );
      }
    }

    const headers = toFetchHeaders(request);
    // The busiest auth call skips `auth.handler`, which rebuilds Better Auth's router
    // on every request (~4 ms of CPU); the API call does the same session check.
    if (request.method === "GET" && authPath === "/get-session") {
      const { headers: out, response } = await deps.auth.api.getSession({ headers, returnHeaders: true });
      for (const cookie of out.getSetCookie()) reply.header("set-cookie", cookie);
      return reply.header("cache-control", "no-store").type("application/json").send(JSON.stringify(response));
    }

    const action = auditActionFor(request.method, authPath);
    const before =
      action && NEEDS_SESSION_BEFORE.has(authPath) ? await deps.auth.api.getSession({ headers }).catch(() => null) : null;

    // Who is proving a second factor: half-way through sign-in, or confirming 2FA set-up.
    const pendingUser = authPath.startsWith("/two-factor/verify")
      ? await secondFactor.userFor(request.headers.cookie).catch(() => undefined)
      : undefined;
    const totp = authPath === "/two-factor/verify-totp" && typeof body?.code === "string" ? body.code : undefined;
    const totpUser = totp ? (pendingUser ?? (await deps.auth.api.getSession({ headers }).catch(() => null))?.user.id) : undefined;
    if (totp && totpUser && (await usedCodes.wasUsed(totpUser, totp))) {
      await audit(request, "identity.sign_in_second_factor", 401, { reason: "code_reused" }, totpUser);
      return sendProblem(
        request,
        reply,
        new AppError(401, "TOTP_CODE_REUSED", "This code was already used. Wait for the next one."),
      );
    }

    const hasBody = request.method !== "GET" && request.method !== "HEAD" && body !== undefined;
    const failure = { databaseUnavailable: false };
    const response = await authRequestFailure.run(failure, () =>
      deps.auth.handler(new Request(url, { method: request.method, headers, body: hasBody ? JSON.stringify(body) : undefined })),
    );
    // Better Auth answers its own failures with a bare 500; when the database was or is down, say so (test/faults/).
    if (
      response.status >= 500 &&
      (failure.databaseUnavailable ||
        !(await deps.database.ping().then(
          () => true,
          () => false,
        )))
    ) {
      return sendProblem(request, reply, databaseUnavailable());
    }

    if (isSignIn && response.status === 401) {
      await Promise.all([email ? perEmail.recordFailure(email) : undefined, perIp.recordFailure(request.ip)]);
    }

    if (totp && totpUser && response.status === 200) await usedCodes.markUsed(totpUser, totp);

    const text = await response.text();
    if (action) {
      let actorUserId = before?.user.id ?? userIdFrom(text) ?? totpUser ?? pendingUser;
      const metadata: Record<string, unknown> = { email };
      if (isSignIn && response.status === 200 && text.includes('"twoFactorRedirect":true')) {
        // The answer names nobody yet; look the person up once, for the log and the second step.
        metadata.secondFactorPending = true;
        actorUserId ??= await userIdByEmail(email);
        if (actorUserId) await secondFactor.remember(response.headers.getSetCookie(), actorUserId).catch(() => undefined);
      }
      await audit(request, action, response.status, metadata, actorUserId);
    }
    return relay(request, reply, response, text);
  };

  async function audit(
    request: FastifyRequest,
    action: string,
    status: number,
    metadata: Record<string, unknown>,
    actorUserId?: string,
  ) {
    const actor = actorUserId ?? (await userIdByEmail(metadata.email));
    await insertAuditEvent(deps.database.db, {
      action,
      outcome: outcomeOf(status),
      actorUserId: actor ?? null,
      ipAddress: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
      metadata: { status, ...metadata, email: actor ? undefined : metadata.email },
    }).catch((err) => request.log.error({ err }, "audit write failed"));
  }

  async function userIdByEmail(email: unknown): Promise<string | undefined> {
    if (typeof email !== "string") return undefined;
    const row = await deps.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    return row?.id;
  }

  app.route({
    method: ["GET", "POST"],
    url: `${AUTH_BASE_PATH}/*`,
    schema: { hide: true },
    handler,
  });
}

function userIdFrom(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { user?: { id?: unknown } };
    return typeof parsed.user?.id === "string" ? parsed.user.id : undefined;
  } catch {
    return undefined;
  }
}

function relay(request: FastifyRequest, reply: FastifyReply, response: Response, text: string) {
  const contentType = response.headers.get("content-type") ?? "";
  for (const cookie of response.headers.getSetCookie()) reply.header("set-cookie", cookie);
  for (const name of ["location", "retry-after", "cache-control"]) {
    const value = response.headers.get(name);
    if (value) reply.header(name, value);
  }
  if (response.status >= 400 && contentType.includes("application/json")) {
    const parsed = safeJson(text) as { code?: string; message?: string };
    const retryAfter = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after") ?? Number.NaN);
    const code = response.status === 429 ? "RATE_LIMITED" : (parsed.code ?? "AUTH_ERROR");
    return sendProblem(
      request,
      reply,
      new AppError(response.status, code, parsed.message ?? "The request was refused.", {
        ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
      }),
    );
  }
  reply.status(response.status);
  if (contentType) reply.type(contentType);
  return reply.send(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
