import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  Catalog,
  CheckoutBody,
  IdempotencyHeaders,
  OrderListQuery,
  OrderPage,
  OrderParams,
  OrderView,
  PaymentMethodResponse,
  PurchaseSelection,
  Quote,
  SavePaymentMethodBody,
  StoreAccountParams,
  UpgradeBody,
  UpgradeQuote,
  UpgradeSelection,
} from "../../../contracts/store.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import type { CheckoutService } from "./checkout.service.ts";
import type { OrdersService } from "./orders.service.ts";

type Deps = {
  access: AccountAccess;
  identity: Pick<IdentityService, "requireSession">;
  checkout: CheckoutService;
  orders: OrdersService;
};

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  422: ProblemResponse,
};
const tags = ["store"];
const admin = { admin: true } as const;

/**
 * The customer's store: the catalogue (anyone signed in), and for the account in the URL
 * quotes, checkout, Buy More Licenses, orders and Payment Options, all for Account
 * Administrators only (Regular Members and License Administrators get 403
 * ADMIN_ROLE_REQUIRED; anyone outside the account 404). Taking money needs an
 * Idempotency-Key header: the first answer is 201, a repeat with the same key 200.
 */
export async function storeRoutes(fastify: FastifyInstance, { access, identity, checkout, orders }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = "/api/accounts/:accountId/store";

  app.get(
    "/api/store/catalog",
    {
      schema: {
        tags,
        summary: "What the store sells: products, terms, support plans and volume prices",
        response: { 200: Catalog, ...problems },
      },
    },
    async (request) => {
      await identity.requireSession(request);
      return orders.catalog();
    },
  );

  app.post(
    `${base}/quote`,
    {
      schema: {
        tags,
        summary: "Price a purchase: lines, tax, total and the renewal date (Account Administrators)",
        params: StoreAccountParams,
        body: PurchaseSelection,
        response: { 200: Quote, ...problems },
      },
    },
    async (request) => checkout.quote(await access.require(request, request.params.accountId, admin), request.body),
  );

  app.post(
    `${base}/upgrade-quote`,
    {
      schema: {
        tags,
        summary: "Price Buy More Licenses: the prorated charge now and the new renewal amount (Account Administrators)",
        params: StoreAccountParams,
        body: UpgradeSelection,
        response: { 200: UpgradeQuote, ...problems },
      },
    },
    async (request) => checkout.upgradeQuote(await access.require(request, request.params.accountId, admin), request.body),
  );

  app.post(
    `${base}/orders`,
    {
      schema: {
        tags,
        summary: "Check out: order and pay (Idempotency-Key required; 201 first, 200 for a repeat with the same key)",
        params: StoreAccountParams,
        headers: IdempotencyHeaders,
        body: CheckoutBody,
        response: { 200: OrderView, 201: OrderView, ...problems, 502: ProblemResponse },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, admin);
      const placed = await checkout.checkout(actor, request.body, request.headers["idempotency-key"], clientInfo(request));
      return reply.status(placed.created ? 201 : 200).send(placed.order);
    },
  );

  app.post(
    `${base}/upgrades`,
    {
      schema: {
        tags,
        summary: "Pay & Upgrade: add licenses to an online subscription (Idempotency-Key required)",
        params: StoreAccountParams,
        headers: IdempotencyHeaders,
        body: UpgradeBody,
        response: { 200: OrderView, 201: OrderView, ...problems, 502: ProblemResponse },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, admin);
      const placed = await checkout.upgrade(actor, request.body, request.headers["idempotency-key"], clientInfo(request));
      return reply.status(placed.created ? 201 : 200).send(placed.order);
    },
  );

  app.get(
    `${base}/orders`,
    {
      schema: {
        tags,
        summary: "The account's orders, newest first (Account Administrators)",
        params: StoreAccountParams,
        querystring: OrderListQuery,
        response: { 200: OrderPage, ...problems },
      },
    },
    async (request) => orders.list(await access.require(request, request.params.accountId, admin), request.query),
  );

  app.get(
    `${base}/orders/:orderId`,
    {
      schema: {
        tags,
        summary: "One order with its lines, payments, next step and invoice (Account Administrators)",
        params: OrderParams,
        response: { 200: OrderView, ...problems },
      },
    },
    async (request) => orders.get(await access.require(request, request.params.accountId, admin), request.params.orderId),
  );

  app.get(
    `${base}/payment-method`,
    {
      schema: {
        tags,
        summary: "Payment Options: the card saved for auto-renewal (Account Administrators)",
        params: StoreAccountParams,
        response: { 200: PaymentMethodResponse, ...problems },
      },
    },
    async (request) => orders.paymentMethod(await access.require(request, request.params.accountId, admin)),
  );

  app.put(
    `${base}/payment-method`,
    {
      schema: {
        tags,
        summary: "Save a card (a gateway token) for auto-renewal, replacing the saved one (Account Administrators)",
        params: StoreAccountParams,
        body: SavePaymentMethodBody,
        response: { 200: PaymentMethodResponse, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, admin);
      return orders.savePaymentMethod(actor, request.body.token, clientInfo(request));
    },
  );

  app.delete(
    `${base}/payment-method`,
    {
      schema: {
        tags,
        summary: "Remove the saved card; renewals then need a new one (Account Administrators)",
        params: StoreAccountParams,
        response: { 200: PaymentMethodResponse, ...problems },
      },
    },
    async (request) =>
      orders.removePaymentMethod(await access.require(request, request.params.accountId, admin), clientInfo(request)),
  );
}
