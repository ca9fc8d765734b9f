import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { AcceptAsNewBody, AcceptResult, InvitationPreview, InvitationTokenBody } from "../../../contracts/invitations.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { Auth } from "../identity/auth.ts";
import { toFetchHeaders } from "../identity/auth-bridge.routes.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { JoinService } from "./join.service.ts";

type Deps = { join: JoinService; identity: IdentityService; auth: Auth; rateLimit: boolean };

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  410: ProblemResponse,
  429: ProblemResponse,
};

/**
 * The join page's API. Every call is a POST with the token in the body: opening the
 * emailed link (as mail scanners do) changes nothing, and the token never appears in
 * a URL. Rate-limited per IP so the endpoints cannot be used to guess tokens.
 */
export async function joinRoutes(fastify: FastifyInstance, { join, identity, auth, rateLimit }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limited: { rateLimit?: { max: number; timeWindow: number } } = rateLimit
    ? { rateLimit: { max: 30, timeWindow: 60_000 } }
    : {};

  app.post(
    "/api/invitations/preview",
    {
      config: limited,
      schema: {
        tags: ["invitations"],
        summary: "What the join page shows for a link: the account, who invited you, and the link's state",
        body: InvitationTokenBody,
        response: { 200: InvitationPreview, ...problems },
      },
    },
    async (request) => join.preview(request.body.token),
  );

  app.post(
    "/api/invitations/accept",
    {
      config: limited,
      schema: {
        tags: ["invitations"],
        summary: "Join account as the signed-in person (whose email must be the invited one)",
        body: InvitationTokenBody,
        response: { 200: AcceptResult, ...problems },
      },
    },
    async (request) => {
      const { userId } = await identity.requireSession(request);
      return join.accept(request.body.token, userId, clientInfo(request));
    },
  );

  app.post(
    "/api/invitations/accept-new",
    {
      config: limited,
      schema: {
        tags: ["invitations"],
        summary: "Join account with a new sign-in: creates the person (email verified by the link) and signs them in",
        body: AcceptAsNewBody,
        response: { 200: AcceptResult, ...problems },
      },
    },
    async (request, reply) => {
      const { email, ...result } = await join.acceptAsNew(request.body, clientInfo(request));
      // The person now exists with a verified email; Better Auth opens the session as for any sign-in.
      const { headers } = await auth.api.signInEmail({
        body: { email, password: request.body.password },
        headers: toFetchHeaders(request),
        returnHeaders: true,
      });
      for (const cookie of headers.getSetCookie()) reply.header("set-cookie", cookie);
      return result;
    },
  );
}
