import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AccountParams } from "../../../contracts/accounts.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { AuditPage, AuditQuery } from "../../../contracts/invitations.ts";
import type { Database } from "../../db/database.ts";
import { attachmentDisposition, CSV_BOM, csvLine } from "../../server/csv.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import { listAccountAudit } from "./account-audit.repo.ts";

type Deps = { access: AccountAccess; database: Database };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const adminOfBusiness = { admin: true, business: true } as const;

/** Longest CSV export, in rows; narrow the filters for more. */
const CSV_MAX_ROWS = 50_000;

export async function accountAuditRoutes(fastify: FastifyInstance, { access, database }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/accounts/:accountId/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The account's audit log (Account Administrators), newest first",
        params: AccountParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      const { limit, cursor, ...filter } = request.query;
      return listAccountAudit(database.db, actor.accountId, filter, { limit, cursor });
    },
  );

  app.get(
    "/api/accounts/:accountId/audit.csv",
    {
      schema: {
        tags: ["audit"],
        summary: "The account's audit log as CSV, with the same filters",
        params: AccountParams,
        querystring: AuditQuery.omit({ limit: true, cursor: true }),
        produces: ["text/csv"],
        response: { 200: z.string(), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      let body =
        CSV_BOM + csvLine(["When (UTC)", "Action", "Outcome", "Actor", "Actor email", "Target", "Details", "IP address"]);
      let cursor: string | undefined;
      let rows = 0;
      do {
        const page = await listAccountAudit(database.db, actor.accountId, request.query, { limit: 1000, cursor });
        for (const e of page.items) {
          body += csvLine([
            e.occurredAt,
            e.action,
            e.outcome,
            e.actor?.name,
            e.actor?.email,
            e.target?.label ?? e.target?.id,
            JSON.stringify(e.details),
            e.ipAddress,
          ]);
        }
        rows += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows < CSV_MAX_ROWS);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", attachmentDisposition("account-audit-log.csv"))
        .send(body);
    },
  );
}
