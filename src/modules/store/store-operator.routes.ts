import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  CancelOrderBody,
  ConfirmTransferBody,
  OperatorOrderListQuery,
  OperatorOrderPage,
  OperatorOrderParams,
  OrderView,
  PriceList,
} from "../../../contracts/store.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { StoreOperatorService } from "./store-operator.service.ts";

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  422: ProblemResponse,
};
const tags = ["store operator"];

/** The operator console's store: the price list, every account's orders, and bank transfers to confirm or cancel. */
export async function storeOperatorRoutes(fastify: FastifyInstance, { operator }: { operator: StoreOperatorService }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/operator/store/price-list",
    {
      schema: {
        tags,
        summary: "The price list: currency, taxes, prices with volume tiers",
        response: { 200: PriceList, ...problems },
      },
    },
    async (request) => {
      await operator.requireOperator(request);
      return operator.priceList();
    },
  );

  app.put(
    "/api/operator/store/price-list",
    {
      schema: {
        tags,
        summary: "Replace the whole price list (one transaction)",
        body: PriceList,
        response: { 200: PriceList, ...problems },
      },
    },
    async (request) => {
      const { userId } = await operator.requireOperator(request);
      return operator.replacePriceList(userId, request.body, clientInfo(request));
    },
  );

  app.get(
    "/api/operator/store/orders",
    {
      schema: {
        tags,
        summary: "Orders of every account, newest first; ?status=awaiting_transfer lists the bank transfers to confirm",
        querystring: OperatorOrderListQuery,
        response: { 200: OperatorOrderPage, ...problems },
      },
    },
    async (request) => {
      await operator.requireOperator(request);
      return operator.orders(request.query);
    },
  );

  app.post(
    "/api/operator/store/orders/:orderId/confirm-transfer",
    {
      schema: {
        tags,
        summary: "Confirm a bank transfer: the order is paid and provisioned (the amount must equal the total)",
        params: OperatorOrderParams,
        body: ConfirmTransferBody,
        response: { 200: OrderView, ...problems },
      },
    },
    async (request) => {
      const { userId } = await operator.requireOperator(request);
      return operator.confirmTransfer(userId, request.params.orderId, request.body, clientInfo(request));
    },
  );

  app.post(
    "/api/operator/store/orders/:orderId/cancel",
    {
      schema: {
        tags,
        summary: "Cancel an order that is still waiting for payment",
        params: OperatorOrderParams,
        body: CancelOrderBody,
        response: { 200: OrderView, ...problems },
      },
    },
    async (request) => {
      const { userId } = await operator.requireOperator(request);
      return operator.cancel(userId, request.params.orderId, request.body.reason, clientInfo(request));
    },
  );
}
