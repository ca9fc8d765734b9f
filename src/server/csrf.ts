import type { FastifyInstance } from "fastify";
import { sendProblem } from "./error-handler.ts";
import { AppError } from "./errors.ts";

const FARM_API_PREFIX = "/api/farm/";
/** Payment providers' webhooks: server-to-server, authenticated by their signature, never by cookies. */
const GATEWAY_EVENTS_PREFIX = "/api/store/gateways/";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser sent from another origin. Browsers
 * always send `Origin` on cross-origin POST/PUT/PATCH/DELETE and `Sec-Fetch-Site`
 * on every request; SameSite=Lax cookies are the second line of defence.
 * Requests without cookies (machines with API keys, curl) carry no ambient
 * authority, so they pass. The farm API never reads cookies (each call carries its
 * own credentials), so a stray cookie there does not make it cross-site; nor do payment
 * providers' webhooks (/api/store/gateways/…), which a provider's server sends and which
 * only a valid signature makes do anything.
 *
 * The decision is taken on the matched route pattern, never on the raw URL: the router
 * decodes the path, so `/%61pi/me/profile` reaches `/api/me/profile` while its raw URL
 * does not start with `/api/` (test/security/csrf.test.ts). For the same reason every
 * state-changing request is checked, not only those under `/api/`.
 */
export function registerCsrfProtection(app: FastifyInstance, publicUrl: string) {
  const allowed = new URL(publicUrl).origin;
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const route = request.routeOptions.url;
    if (route?.startsWith(FARM_API_PREFIX) || route?.startsWith(GATEWAY_EVENTS_PREFIX)) return;
    const origin = request.headers.origin;
    const fetchSite = request.headers["sec-fetch-site"];
    const hasCookies = typeof request.headers.cookie === "string" && request.headers.cookie.length > 0;
    const crossOrigin =
      (origin !== undefined && origin !== allowed) ||
      fetchSite === "cross-site" ||
      (hasCookies && origin === undefined && fetchSite === undefined);
    if (crossOrigin) {
      return sendProblem(
        request,
        reply,
        new AppError(403, "CROSS_ORIGIN_REQUEST_REFUSED", "This request came from another site and was refused."),
      );
    }
  });
}
