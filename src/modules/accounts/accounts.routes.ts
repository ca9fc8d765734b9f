import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AccountDetails, AccountList, AccountParams, CompanyInfo } from "../../../contracts/accounts.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { AccountAccess } from "./account-access.ts";
import type { AccountsService } from "./accounts.service.ts";

type Deps = { accounts: AccountsService; access: AccountAccess; identity: IdentityService };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };

export async function accountsRoutes(fastify: FastifyInstance, { accounts, access, identity }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/accounts",
    {
      schema: {
        tags: ["accounts"],
        summary: "The accounts the signed-in person can switch between: personal first, then business accounts",
        response: { 200: AccountList, 401: ProblemResponse },
      },
    },
    async (request) => {
      const { userId } = await identity.requireSession(request);
      return { accounts: await accounts.listAccounts(userId) };
    },
  );

  app.post(
    "/api/accounts",
    {
      schema: {
        tags: ["accounts"],
        summary: "Create a business account; the caller becomes its Account Administrator",
        body: CompanyInfo,
        response: { 201: AccountDetails, ...problems },
      },
    },
    async (request, reply) => {
      const { userId } = await identity.requireSession(request);
      const details = await accounts.createBusinessAccount(userId, request.body, clientInfo(request));
      return reply.status(201).send(details);
    },
  );

  app.get(
    "/api/accounts/:accountId",
    {
      schema: {
        tags: ["accounts"],
        summary: "The account: company information, your membership, and its Account Admins",
        params: AccountParams,
        response: { 200: AccountDetails, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId);
      return accounts.loadDetails(actor.accountId, actor.userId);
    },
  );

  app.put(
    "/api/accounts/:accountId/company",
    {
      schema: {
        tags: ["accounts"],
        summary: "Edit Company Information (Account Administrators)",
        params: AccountParams,
        body: CompanyInfo,
        response: { 200: AccountDetails, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, { admin: true, business: true });
      return accounts.updateCompany(actor, request.body, clientInfo(request));
    },
  );

  app.post(
    "/api/accounts/:accountId/leave",
    {
      schema: {
        tags: ["accounts"],
        summary: "Leave This Business Account (refused for the last Account Administrator)",
        params: AccountParams,
        response: { 204: z.null().describe("Left the account"), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, { business: true });
      await accounts.leave(actor, clientInfo(request));
      return reply.status(204).send(null);
    },
  );
}
