import type { FastifyContextConfig, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  Attachment,
  AttachmentUploadQuery,
  ReplyBody,
  WatchLinkAttachmentParams,
  WatchLinkParams,
  WatchLinkView,
} from "../../../contracts/support.ts";
import { fileResponses } from "../downloads/downloads.routes.ts";
import type { SupportAttachments } from "./attachments.ts";
import { attachmentBytes, attachmentUploadScope, withUploadBody } from "./upload-scope.ts";
import type { WatchLinkService } from "./watch-link.service.ts";

type Deps = { watchLinks: WatchLinkService; attachments: SupportAttachments; rateLimit: boolean };

const problems = { 400: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse, 429: ProblemResponse };
const tags = ["support"];
const base = "/api/support/watch/:token";

/**
 * An outside watcher's API: no session, the token from their email in the path. Every
 * route answers 404 WATCH_LINK_NOT_FOUND to a bad, tampered or revoked token, and is rate
 * limited per client like the other public endpoints, so tokens cannot be guessed at speed.
 */
export async function watchLinkRoutes(fastify: FastifyInstance, { watchLinks, attachments, rateLimit }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config: FastifyContextConfig = rateLimit ? { rateLimit: { max: 60, timeWindow: 60_000 } } : {};

  app.get(
    base,
    {
      config,
      schema: {
        tags,
        summary: "The ticket's public side, as its outside watcher sees it",
        params: WatchLinkParams,
        response: { 200: WatchLinkView, ...problems },
      },
    },
    async (request, reply) => {
      // One person's view of a ticket, reached by a capability in the URL: never kept by a cache.
      reply.header("cache-control", "no-store");
      return watchLinks.view(request.params.token);
    },
  );

  app.post(
    `${base}/messages`,
    {
      config,
      schema: {
        tags,
        summary: "Reply as the watcher (everyone else on the ticket is emailed); 409 TICKET_CLOSED once it is closed",
        params: WatchLinkParams,
        body: ReplyBody,
        response: { 201: WatchLinkView, ...problems },
      },
    },
    async (request, reply) => {
      const view = await watchLinks.reply(request.params.token, request.body);
      return reply.status(201).header("cache-control", "no-store").send(view);
    },
  );

  await attachmentUploadScope(fastify, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/attachments`,
      {
        config,
        schema: {
          tags,
          summary: "Upload a file for the watcher's next reply (raw body; images, PDF, ZIP or text, at most 10 MB)",
          params: WatchLinkParams,
          querystring: AttachmentUploadQuery,
          consumes: ["application/octet-stream"],
          body: attachmentBytes,
          response: { 201: Attachment, ...problems, 413: ProblemResponse, 415: ProblemResponse },
        },
      },
      async (request, reply) =>
        withUploadBody(request, reply, async (body) =>
          reply.status(201).send(await watchLinks.upload(request.params.token, request.query.fileName, body)),
        ),
    );
  });

  app.get(
    `${base}/attachments/:attachmentId`,
    {
      config,
      schema: {
        tags,
        summary: "Download a file of one of the ticket's public messages, always as an attachment",
        params: WatchLinkAttachmentParams,
        produces: ["application/octet-stream"],
        response: { ...fileResponses, ...problems },
      },
    },
    async (request, reply) => {
      const row = await watchLinks.attachment(request.params.token, request.params.attachmentId);
      return attachments.send(request, reply, row);
    },
  );
}
