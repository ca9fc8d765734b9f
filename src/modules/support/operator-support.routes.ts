import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import {
  Attachment,
  AttachmentUploadQuery,
  CreditIncidentBody,
  OperatorReplyBody,
  OperatorTicketAttachmentParams,
  OperatorTicketListQuery,
  OperatorTicketPage,
  OperatorTicketParams,
  OperatorTicketUpdateBody,
  OperatorTicketView,
  SupportAgents,
} from "../../../contracts/support.ts";
import { fileResponses } from "../downloads/downloads.routes.ts";
import type { SupportAttachments } from "./attachments.ts";
import type { OperatorSupportService } from "./operator-support.service.ts";
import { attachmentBytes, attachmentUploadScope, withUploadBody } from "./upload-scope.ts";

type Deps = { operatorSupport: OperatorSupportService; attachments: SupportAttachments };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["operator"];
const base = "/api/operator/support/tickets";
const one = `${base}/:ticketId`;

/** The operators' support console: every account's tickets. Each route checks users.is_operator (403 otherwise). */
export async function operatorSupportRoutes(fastify: FastifyInstance, { operatorSupport, attachments }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The support queue: open tickets awaiting a first response by due time first, then the rest by latest activity",
        querystring: OperatorTicketListQuery,
        response: { 200: OperatorTicketPage, ...problems },
      },
    },
    async (request) => operatorSupport.list(await operatorSupport.requireOperator(request), request.query),
  );

  app.get(
    "/api/operator/support/agents",
    { schema: { tags, summary: "Every operator, to assign tickets to", response: { 200: SupportAgents, ...problems } } },
    async (request) => {
      await operatorSupport.requireOperator(request);
      return operatorSupport.agents();
    },
  );

  app.get(
    one,
    {
      schema: {
        tags,
        summary: "A ticket with its internal notes, account, assignee and incidents left",
        params: OperatorTicketParams,
        response: { 200: OperatorTicketView, ...problems },
      },
    },
    async (request) => {
      await operatorSupport.requireOperator(request);
      return operatorSupport.view(request.params.ticketId);
    },
  );

  app.post(
    `${one}/messages`,
    {
      schema: {
        tags,
        summary: "Reply to the customer (emailed) or write an internal note (never shown to customers or emailed)",
        params: OperatorTicketParams,
        body: OperatorReplyBody,
        response: { 201: OperatorTicketView, ...problems },
      },
    },
    async (request, reply) => {
      const op = await operatorSupport.requireOperator(request);
      return reply.status(201).send(await operatorSupport.reply(op, request.params.ticketId, request.body));
    },
  );

  app.patch(
    one,
    {
      schema: {
        tags,
        summary: "Change a ticket's status, assignee (an operator, or null) or severity",
        params: OperatorTicketParams,
        body: OperatorTicketUpdateBody,
        response: { 200: OperatorTicketView, ...problems },
      },
    },
    async (request) => {
      const op = await operatorSupport.requireOperator(request);
      return operatorSupport.update(op, request.params.ticketId, request.body);
    },
  );

  app.post(
    `${one}/incident-credit`,
    {
      schema: {
        tags,
        summary: "Give the ticket's incident back to its subscription's allowance (409 when it used none)",
        params: OperatorTicketParams,
        body: CreditIncidentBody,
        response: { 200: OperatorTicketView, ...problems },
      },
    },
    async (request) => {
      const op = await operatorSupport.requireOperator(request);
      return operatorSupport.creditIncident(op, request.params.ticketId, request.body.reason);
    },
  );

  await attachmentUploadScope(fastify, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${one}/attachments`,
      {
        schema: {
          tags,
          summary: "Upload a file for a reply or note on this ticket (raw body; images, PDF, ZIP or text, at most 10 MB)",
          params: OperatorTicketParams,
          querystring: AttachmentUploadQuery,
          consumes: ["application/octet-stream"],
          body: attachmentBytes,
          response: { 201: Attachment, ...problems, 413: ProblemResponse, 415: ProblemResponse },
        },
      },
      async (request, reply) =>
        withUploadBody(request, reply, async (body) => {
          const op = await operatorSupport.requireOperator(request);
          const saved = await operatorSupport.upload(op, request.params.ticketId, request.query.fileName, body);
          return reply.status(201).send(saved);
        }),
    );
  });

  app.get(
    `${one}/attachments/:attachmentId`,
    {
      schema: {
        tags,
        summary: "Download a file of the ticket's thread (internal notes' too), always as an attachment",
        params: OperatorTicketAttachmentParams,
        produces: ["application/octet-stream"],
        response: { ...fileResponses, ...problems },
      },
    },
    async (request, reply) => {
      await operatorSupport.requireOperator(request);
      const row = await operatorSupport.attachment(request.params.ticketId, request.params.attachmentId);
      return attachments.send(request, reply, row);
    },
  );
}
