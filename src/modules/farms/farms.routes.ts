import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AccountParams } from "../../../contracts/accounts.ts";
import {
  DeactivateFarmsBody,
  DeactivateFarmsResult,
  FarmListQuery,
  FarmPage,
  FarmParams,
  FarmView,
  KeyUsageParams,
  UpdateFarmBody,
  UsageQuery,
  UsageSeries,
} from "../../../contracts/farms.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { clientInfo } from "../../server/client-info.ts";
import { attachmentDisposition } from "../../server/csv.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { FarmsService } from "./farms.service.ts";

type Deps = { access: AccountAccess; farms: FarmsService };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["farms"];

/**
 * Manage Farms. Account Administrators see every farm of the account; a License
 * Administrator sees the farms of their keys; anyone else an empty list (and 404 for
 * a farm by id). The service applies the same visibility to every route.
 */
export async function farmsRoutes(fastify: FastifyInstance, { access, farms }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = "/api/accounts/:accountId/farms";

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "Farms the caller may see, by name",
        params: AccountParams,
        querystring: FarmListQuery,
        response: { 200: FarmPage, ...problems },
      },
    },
    async (request) => farms.list(await access.require(request, request.params.accountId), request.query),
  );

  app.get(
    "/api/accounts/:accountId/farms.csv",
    {
      schema: {
        tags,
        summary: "Save the List to a CSV file (same filters as the list)",
        params: AccountParams,
        querystring: FarmListQuery.omit({ limit: true, cursor: true }),
        response: { 200: z.string(), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      const body = await farms.csv(actor, request.query);
      return reply.type("text/csv; charset=utf-8").header("content-disposition", attachmentDisposition("farms.csv")).send(body);
    },
  );

  app.post(
    `${base}/deactivate`,
    {
      schema: {
        tags,
        summary: "Deactivate farms (Actions → Deactivate)",
        params: AccountParams,
        body: DeactivateFarmsBody,
        response: { 200: DeactivateFarmsResult, ...problems },
      },
    },
    async (request) =>
      farms.deactivate(await access.require(request, request.params.accountId), request.body.farmIds, clientInfo(request)),
  );

  app.get(
    `${base}/:farmId`,
    { schema: { tags, summary: "One farm", params: FarmParams, response: { 200: FarmView, ...problems } } },
    async (request) => farms.get(await access.require(request, request.params.accountId), request.params.farmId),
  );

  app.patch(
    `${base}/:farmId`,
    {
      schema: {
        tags,
        summary: "Rename a farm or edit its Notes",
        params: FarmParams,
        body: UpdateFarmBody,
        response: { 200: FarmView, ...problems },
      },
    },
    async (request) =>
      farms.update(
        await access.require(request, request.params.accountId),
        request.params.farmId,
        request.body,
        clientInfo(request),
      ),
  );

  app.get(
    `${base}/:farmId/usage`,
    {
      schema: {
        tags,
        summary: "A farm's daily peak usage",
        params: FarmParams,
        querystring: UsageQuery,
        response: { 200: UsageSeries, ...problems },
      },
    },
    async (request) =>
      farms.farmUsage(await access.require(request, request.params.accountId), request.params.farmId, request.query.range),
  );

  app.get(
    "/api/accounts/:accountId/keys/:keyId/usage",
    {
      schema: {
        tags,
        summary: "A key's concurrent users over time against its limit, with overuse periods",
        params: KeyUsageParams,
        querystring: UsageQuery,
        response: { 200: UsageSeries, ...problems },
      },
    },
    async (request) =>
      farms.keyUsage(await access.require(request, request.params.accountId), request.params.keyId, request.query.range),
  );
}
