import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  TestAuthenticateBody,
  TestAuthenticateResult,
  TestCardBody,
  TestCardToken,
  TestPaymentParams,
  TestPaymentView,
} from "../../../contracts/store.ts";
import type { Database } from "../../db/database.ts";
import { AppError } from "../../server/errors.ts";
import type { GatewayEventHandler } from "./gateway-events.ts";
import { findPaymentByRef } from "./orders.repo.ts";
import { TEST_GATEWAY_NAME, type TestGateway } from "./payments/test-gateway.ts";

type Deps = { database: Database; gateway: TestGateway; handleEvent: GatewayEventHandler; rateLimit: boolean };

const problems = { 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 429: ProblemResponse };
const tags = ["store"];
const orderPage = (accountId: string, orderId: string) => `/accounts/${accountId}/store/orders/${orderId}`;

/**
 * The test gateway's own endpoints, standing in for a card provider's: turning a test card
 * into a token (the provider's browser-side form), and the extra authentication step's
 * page. No session is needed, as at a provider; the payment reference is unguessable.
 * Registered only while STORE_TEST_GATEWAY is on.
 */
export async function testGatewayRoutes(fastify: FastifyInstance, { database, gateway, handleEvent, rateLimit }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = "/api/store/test-gateway";

  async function payment(paymentRef: string) {
    const found = await findPaymentByRef(database.db, TEST_GATEWAY_NAME, paymentRef);
    if (!found) throw new AppError(404, "PAYMENT_NOT_FOUND", "No such test payment.");
    const order = await database.db
      .selectFrom("orders")
      .select(["id", "accountId"])
      .where("id", "=", found.orderId)
      .executeTakeFirstOrThrow();
    return { ...found, returnUrl: orderPage(order.accountId, order.id) };
  }

  app.post(
    `${base}/tokens`,
    {
      config: rateLimit ? { rateLimit: { max: 30, timeWindow: 60_000 } } : {},
      schema: {
        tags,
        summary: "Test mode: turn a test card into a one-time card token (the card number is never stored or logged)",
        body: TestCardBody,
        response: { 201: TestCardToken, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(gateway.tokenize(request.body)),
  );

  app.get(
    `${base}/payments/:paymentRef`,
    {
      schema: {
        tags,
        summary: "Test mode: a payment waiting for its extra authentication step",
        params: TestPaymentParams,
        response: { 200: TestPaymentView, ...problems },
      },
    },
    async (request) => {
      const p = await payment(request.params.paymentRef);
      const status = p.status === "pending" ? "requires_action" : p.status;
      return { paymentRef: request.params.paymentRef, amount: p.amount, currency: p.currency, status, returnUrl: p.returnUrl };
    },
  );

  app.post(
    `${base}/payments/:paymentRef/authenticate`,
    {
      schema: {
        tags,
        summary: "Test mode: approve or fail the extra step; the result reaches the store as a signed gateway event",
        params: TestPaymentParams,
        body: TestAuthenticateBody,
        response: { 200: TestAuthenticateResult, ...problems },
      },
    },
    async (request) => {
      const p = await payment(request.params.paymentRef);
      if (p.status !== "requires_action") {
        throw new AppError(409, "PAYMENT_NOT_AWAITING_ACTION", "This payment is not waiting for authentication any more.");
      }
      const outcome =
        request.body.outcome === "approve"
          ? ({ status: "succeeded" } as const)
          : ({ status: "declined", ...gateway.authenticationFailure() } as const);
      // Delivered as the provider would: a signed event, through the same handler as the webhook route.
      const signed = gateway.signEvent({
        id: `evt_test_${randomUUID()}`,
        paymentRef: request.params.paymentRef,
        orderId: p.orderId,
        outcome,
      });
      await handleEvent(TEST_GATEWAY_NAME, signed.rawBody, signed.headers);
      return { redirectUrl: p.returnUrl };
    },
  );
}

/**
 * Payment providers' webhooks. The signature covers the exact bytes sent, so this route
 * (in a scope of its own) takes the body as a string instead of parsed JSON.
 */
export async function gatewayEventRoutes(fastify: FastifyInstance, { handleEvent }: { handleEvent: GatewayEventHandler }) {
  await fastify.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/store/gateways/:gateway/events",
      {
        schema: {
          tags,
          summary: "A payment provider's signed event (webhook); applied once, replays answer 200 and change nothing",
          params: z.strictObject({ gateway: z.string().min(1).max(40) }),
          response: {
            200: z.object({ received: z.literal(true), applied: z.boolean() }),
            400: ProblemResponse,
            404: ProblemResponse,
          },
        },
      },
      async (request) => {
        const rawBody = typeof request.body === "string" ? request.body : "";
        const result = await handleEvent(request.params.gateway, rawBody, request.headers);
        return { received: true as const, applied: result.applied };
      },
    );
  });
}
