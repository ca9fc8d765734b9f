import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  Attachment,
  AttachmentUploadQuery,
  CreateTicketBody,
  CustomerStatusBody,
  MAX_ATTACHMENT_BYTES,
  ReplyBody,
  SupportParams,
  TicketAttachmentParams,
  TicketListQuery,
  TicketOptions,
  TicketPage,
  TicketParams,
  TicketView,
} from "../../../contracts/support.ts";
import { clientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import { binary, fileResponses } from "../downloads/downloads.routes.ts";
import type { SupportAttachments } from "./attachments.ts";
import type { TicketsService } from "./tickets.service.ts";

type Deps = { access: AccountAccess; tickets: TicketsService; attachments: SupportAttachments };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["support"];
const base = "/api/accounts/:accountId/support";
const ticket = `${base}/tickets/:ticketId`;

/** Hands a raw upload body over as a stream; anything else is refused like every non-JSON body. */
function rawBody(body: unknown): Readable {
  if (body instanceof Readable) return body;
  throw new AppError(
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the file as the request body with Content-Type: application/octet-stream.",
  );
}

/** Upload routes share this: the raw body is accepted in the route's own scope only (see downloads-operator.routes.ts). */
export const uploadSchema = <P extends z.ZodType>(summary: string, params: P) => ({
  tags,
  summary,
  params,
  querystring: AttachmentUploadQuery,
  consumes: ["application/octet-stream"],
  body: binary("The file's bytes"),
  response: { 201: Attachment, ...problems, 413: ProblemResponse, 415: ProblemResponse },
});

/** The customer ticket API: any member (not blocked) of the account; visibility per ticket-access.ts. */
export async function ticketsRoutes(fastify: FastifyInstance, { access, tickets, attachments }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    `${base}/options`,
    {
      schema: {
        tags,
        summary: "The New ticket form's choices: products, keys (incidents left), farms and plans",
        params: SupportParams,
        response: { 200: TicketOptions, ...problems },
      },
    },
    async (request) => tickets.options(await access.require(request, request.params.accountId)),
  );

  app.get(
    `${base}/tickets`,
    {
      schema: {
        tags,
        summary: "The tickets the member may see (Account Administrators: all), newest activity first",
        params: SupportParams,
        querystring: TicketListQuery,
        response: { 200: TicketPage, ...problems },
      },
    },
    async (request) => tickets.list(await access.require(request, request.params.accountId), request.query),
  );

  app.post(
    `${base}/tickets`,
    {
      schema: {
        tags,
        summary: "Open a ticket (a technical ticket on a limited plan uses an incident of the key's subscription)",
        params: SupportParams,
        body: CreateTicketBody,
        response: { 201: TicketView, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      return reply.status(201).send(await tickets.create(actor, request.body, clientInfo(request)));
    },
  );

  app.get(
    ticket,
    {
      schema: {
        tags,
        summary: "A ticket: its public thread, watchers, context and response target",
        params: TicketParams,
        response: { 200: TicketView, ...problems },
      },
    },
    async (request) => tickets.get(await access.require(request, request.params.accountId), request.params.ticketId),
  );

  app.post(
    `${ticket}/messages`,
    {
      schema: {
        tags,
        summary: "Reply (reopens a ticket resolved within 14 days; 409 TICKET_CLOSED after that)",
        params: TicketParams,
        body: ReplyBody,
        response: { 201: TicketView, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      return reply.status(201).send(await tickets.reply(actor, request.params.ticketId, request.body));
    },
  );

  app.post(
    `${ticket}/status`,
    {
      schema: {
        tags,
        summary: "Resolve the ticket, or reopen a resolved one (within 14 days)",
        params: TicketParams,
        body: CustomerStatusBody,
        response: { 200: TicketView, ...problems },
      },
    },
    async (request) =>
      tickets.setStatus(await access.require(request, request.params.accountId), request.params.ticketId, request.body.status),
  );

  app.get(
    `${ticket}/attachments/:attachmentId`,
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: "Download an attachment of a public message (always as a download)",
        params: TicketAttachmentParams,
        produces: ["application/octet-stream"],
        response: { ...fileResponses, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      const row = await tickets.attachmentFile(actor, request.params.ticketId, request.params.attachmentId);
      return attachments.send(request, reply, row);
    },
  );

  await fastify.register(async (scope) => {
    scope.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/attachments`,
      {
        bodyLimit: MAX_ATTACHMENT_BYTES + 1024,
        schema: uploadSchema(
          `Upload an attachment as the raw body (application/octet-stream, at most ${MAX_ATTACHMENT_BYTES} bytes), then name its id when posting`,
          SupportParams,
        ),
      },
      async (request, reply) => {
        const body = request.body as unknown;
        try {
          const actor = await access.require(request, request.params.accountId);
          const saved = await tickets.upload(actor, request.query.fileName, rawBody(body), attachments);
          return reply.status(201).send({ ...saved, url: "" });
        } catch (error) {
          // Refused before the body was read (or part way): close rather than read megabytes to throw away.
          if (body instanceof Readable && !body.readableEnded) reply.header("connection", "close");
          throw error;
        }
      },
    );
  });
}
