import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AccountParams } from "../../../contracts/accounts.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  DashboardSummary,
  KeyAdministratorsBody,
  KeyBody,
  KeyParams,
  LicenseKeyView,
  PrimaryKeyBody,
  RegisterKeyBody,
  SubscriptionDetails,
  SubscriptionListQuery,
  SubscriptionPage,
  SubscriptionParams,
  UpdateSubscriptionBody,
} from "../../../contracts/licensing.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { KeysService } from "./keys.service.ts";
import type { SubscriptionsService } from "./subscriptions.service.ts";

type Deps = { access: AccountAccess; subscriptions: SubscriptionsService; keys: KeysService };

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  429: ProblemResponse,
};
const tags = ["licensing"];

export async function licensingRoutes(fastify: FastifyInstance, { access, subscriptions, keys }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = "/api/accounts/:accountId/subscriptions";

  app.get(
    "/api/accounts/:accountId/dashboard",
    {
      schema: {
        tags,
        summary: "Dashboard: a card per product",
        params: AccountParams,
        response: { 200: DashboardSummary, ...problems },
      },
    },
    async (request) => subscriptions.dashboard(await access.require(request, request.params.accountId)),
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "Subscriptions the caller may see, with Display filter and Arrange by sort",
        params: AccountParams,
        querystring: SubscriptionListQuery,
        response: { 200: SubscriptionPage, ...problems },
      },
    },
    async (request) => subscriptions.list(await access.require(request, request.params.accountId), request.query),
  );

  app.post(
    `${base}/register`,
    {
      schema: {
        tags,
        summary: "Register a subscription to this account with its key (Account Administrators)",
        params: AccountParams,
        body: RegisterKeyBody,
        response: { 201: SubscriptionDetails, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, { admin: true });
      return reply.status(201).send(await subscriptions.register(actor, request.body.key, clientInfo(request)));
    },
  );

  app.get(
    `${base}/:subscriptionId`,
    {
      schema: {
        tags,
        summary: "Subscription Details",
        params: SubscriptionParams,
        response: { 200: SubscriptionDetails, ...problems },
      },
    },
    async (request) =>
      subscriptions.details(await access.require(request, request.params.accountId), request.params.subscriptionId),
  );

  app.put(
    `${base}/:subscriptionId`,
    {
      schema: {
        tags,
        summary: "Edit the display name or turn renewal on or off (Account Administrators)",
        params: SubscriptionParams,
        body: UpdateSubscriptionBody,
        response: { 200: SubscriptionDetails, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, { admin: true });
      return subscriptions.update(actor, request.params.subscriptionId, request.body, clientInfo(request));
    },
  );

  app.post(
    `${base}/:subscriptionId/keys`,
    {
      schema: {
        tags,
        summary: "Create License Key: licenses reserved from the main pool",
        params: SubscriptionParams,
        body: KeyBody,
        response: { 201: LicenseKeyView, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      return reply.status(201).send(await keys.create(actor, request.params.subscriptionId, request.body, clientInfo(request)));
    },
  );

  app.get(
    `${base}/:subscriptionId/keys/:keyId`,
    {
      schema: {
        tags,
        summary: "A license key, shown in full to those who manage it",
        params: KeyParams,
        response: { 200: LicenseKeyView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId);
      return keys.view(actor, request.params.subscriptionId, request.params.keyId);
    },
  );

  app.put(
    `${base}/:subscriptionId/keys/:keyId`,
    {
      schema: {
        tags,
        summary: "Edit a license key (the gear icon)",
        params: KeyParams,
        body: z.union([KeyBody, PrimaryKeyBody]),
        response: { 200: LicenseKeyView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId);
      return keys.update(actor, request.params.subscriptionId, request.params.keyId, request.body, clientInfo(request));
    },
  );

  app.delete(
    `${base}/:subscriptionId/keys/:keyId`,
    {
      schema: {
        tags,
        summary: "Delete an additional key; its licenses return to the pool",
        params: KeyParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      await keys.remove(actor, request.params.subscriptionId, request.params.keyId, clientInfo(request));
      return reply.status(204).send(null);
    },
  );

  app.put(
    `${base}/:subscriptionId/keys/:keyId/administrators`,
    {
      schema: {
        tags,
        summary: "License Administrators of a key: active Regular Members (Account Administrators)",
        params: KeyParams,
        body: KeyAdministratorsBody,
        response: { 200: LicenseKeyView, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, { admin: true });
      return keys.setAdministrators(
        actor,
        request.params.subscriptionId,
        request.params.keyId,
        request.body.userIds,
        clientInfo(request),
      );
    },
  );
}
