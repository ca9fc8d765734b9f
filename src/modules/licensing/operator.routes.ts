import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  IssueSubscriptionBody,
  OperatorActionBody,
  OperatorSearchQuery,
  OperatorSearchResult,
  OperatorSubscriptionParams,
  OperatorSubscriptionView,
  Product,
  ProductBody,
  ProductParams,
  ProductRenameBody,
} from "../../../contracts/licensing.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { OperatorService } from "./operator.service.ts";

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["operator"];

export async function operatorRoutes(fastify: FastifyInstance, { operator }: { operator: OperatorService }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/operator/products",
    { schema: { tags, summary: "The catalogue", response: { 200: z.object({ products: z.array(Product) }), ...problems } } },
    async (request) => {
      await operator.requireOperator(request);
      return operator.products();
    },
  );

  app.post(
    "/api/operator/products",
    { schema: { tags, summary: "Add a product to the catalogue", body: ProductBody, response: { 201: Product, ...problems } } },
    async (request, reply) => {
      const { userId } = await operator.requireOperator(request);
      return reply.status(201).send(await operator.createProduct(userId, request.body, clientInfo(request)));
    },
  );

  app.put(
    "/api/operator/products/:productId",
    {
      schema: {
        tags,
        summary: "Rename a product",
        params: ProductParams,
        body: ProductRenameBody,
        response: { 200: Product, ...problems },
      },
    },
    async (request) => {
      const { userId } = await operator.requireOperator(request);
      return operator.renameProduct(userId, request.params.productId, request.body.name, clientInfo(request));
    },
  );

  app.get(
    "/api/operator/search",
    {
      schema: {
        tags,
        summary: "Find accounts and people",
        querystring: OperatorSearchQuery,
        response: { 200: OperatorSearchResult, ...problems },
      },
    },
    async (request) => {
      await operator.requireOperator(request);
      return operator.search(request.query.q);
    },
  );

  app.get(
    "/api/operator/subscriptions",
    {
      schema: {
        tags,
        summary: "Subscriptions, newest first; of one account with ?accountId=",
        querystring: z.strictObject({ accountId: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(OperatorSubscriptionView) }), ...problems },
      },
    },
    async (request) => {
      await operator.requireOperator(request);
      return operator.list(request.query.accountId ?? null);
    },
  );

  app.post(
    "/api/operator/subscriptions",
    {
      schema: {
        tags,
        summary: "Issue a subscription into an account, or as a registration key emailed to the purchaser",
        body: IssueSubscriptionBody,
        response: { 201: OperatorSubscriptionView, ...problems },
      },
    },
    async (request, reply) => {
      const { userId } = await operator.requireOperator(request);
      return reply.status(201).send(await operator.issue(userId, request.body, clientInfo(request)));
    },
  );

  app.get(
    "/api/operator/subscriptions/:subscriptionId",
    {
      schema: {
        tags,
        summary: "One subscription",
        params: OperatorSubscriptionParams,
        response: { 200: OperatorSubscriptionView, ...problems },
      },
    },
    async (request) => {
      await operator.requireOperator(request);
      return operator.get(request.params.subscriptionId);
    },
  );

  app.post(
    "/api/operator/subscriptions/:subscriptionId/actions",
    {
      schema: {
        tags,
        summary: "Renew, extend, change the number of licenses, suspend, reinstate or cancel",
        params: OperatorSubscriptionParams,
        body: OperatorActionBody,
        response: { 200: OperatorSubscriptionView, ...problems },
      },
    },
    async (request) => {
      const { userId } = await operator.requireOperator(request);
      return operator.act(userId, request.params.subscriptionId, request.body, clientInfo(request));
    },
  );
}
