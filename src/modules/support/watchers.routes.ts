import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { AddWatcherBody, TicketParams, TicketWatcherParams, Watcher } from "../../../contracts/support.ts";
import { clientInfo } from "../../server/client-info.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { WatchersService } from "./watchers.service.ts";

type Deps = { access: AccountAccess; watchers: WatchersService };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const tags = ["support"];
const base = "/api/accounts/:accountId/support/tickets/:ticketId/watchers";

/** A ticket's watchers: its creator or an Account Administrator adds and removes them. */
export async function watchersRoutes(fastify: FastifyInstance, { access, watchers }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          "Add a watcher: a member of the account (by their address) or any other address, which gets a link to this ticket",
        params: TicketParams,
        body: AddWatcherBody,
        response: { 201: Watcher, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      const watcher = await watchers.add(actor, request.params.ticketId, request.body.email, clientInfo(request));
      return reply.status(201).send(watcher);
    },
  );

  app.delete(
    `${base}/:watcherId`,
    {
      schema: {
        tags,
        summary: "Remove a watcher (an outside watcher's link stops working); members may also remove themselves",
        params: TicketWatcherParams,
        response: { 204: z.null().meta({ description: "Removed" }), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId);
      await watchers.remove(actor, request.params.ticketId, request.params.watcherId, clientInfo(request));
      return reply.status(204).send(null);
    },
  );
}
