import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AccountParams, InvitationParams } from "../../../contracts/accounts.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { InvitationView, SendInvitationsBody, SendInvitationsResult } from "../../../contracts/invitations.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { InvitationsService } from "./invitations.service.ts";

type Deps = { invitations: InvitationsService; access: AccountAccess };

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  429: ProblemResponse,
};
const adminOfBusiness = { admin: true, business: true } as const;

export async function invitationsRoutes(fastify: FastifyInstance, { invitations, access }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/accounts/:accountId/invitations",
    {
      schema: {
        tags: ["invitations"],
        summary: "Send Invitations: up to 100 addresses, with a result for each",
        params: AccountParams,
        body: SendInvitationsBody,
        response: { 200: SendInvitationsResult, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return invitations.send(actor, request.body, clientInfo(request));
    },
  );

  app.get(
    "/api/accounts/:accountId/invitations/:invitationId",
    {
      schema: {
        tags: ["invitations"],
        summary: "An invitation of this account (never its token)",
        params: InvitationParams,
        response: { 200: InvitationView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return invitations.get(actor, request.params.invitationId);
    },
  );

  app.post(
    "/api/accounts/:accountId/invitations/:invitationId/resend",
    {
      schema: {
        tags: ["invitations"],
        summary: "Resend: a new link (the old one stops working) and a new 7-day expiry",
        params: InvitationParams,
        response: { 200: InvitationView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return invitations.resend(actor, request.params.invitationId, clientInfo(request));
    },
  );

  app.post(
    "/api/accounts/:accountId/invitations/:invitationId/revoke",
    {
      schema: {
        tags: ["invitations"],
        summary: "Revoke an open invitation; its link stops working",
        params: InvitationParams,
        response: { 200: InvitationView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return invitations.revoke(actor, request.params.invitationId, clientInfo(request));
    },
  );
}
