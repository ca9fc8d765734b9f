import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AccountParams,
  MemberDetails,
  MemberParams,
  RosterPage,
  RosterQuery,
  UpdateMemberBody,
  UpdateMemberResponse,
} from "../../../contracts/accounts.ts";
import { ProblemResponse } from "../../../contracts/identity.ts";
import { clientInfo } from "../../server/client-info.ts";
import { attachmentDisposition, CSV_BOM, csvLine } from "../../server/csv.ts";
import type { AccountAccess } from "../accounts/account-access.ts";
import type { MembershipService } from "./membership.service.ts";

type Deps = { membership: MembershipService; access: AccountAccess };

const problems = { 400: ProblemResponse, 401: ProblemResponse, 403: ProblemResponse, 404: ProblemResponse, 409: ProblemResponse };
const adminOfBusiness = { admin: true, business: true } as const;

export async function membershipRoutes(fastify: FastifyInstance, { membership, access }: Deps) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/accounts/:accountId/users",
    {
      schema: {
        tags: ["membership"],
        summary: "Business Account Users: members and open invitations, searchable, filterable, keyset-paged",
        params: AccountParams,
        querystring: RosterQuery,
        response: { 200: RosterPage, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return membership.listUsers(actor, request.query);
    },
  );

  app.get(
    "/api/accounts/:accountId/users.csv",
    {
      schema: {
        tags: ["membership"],
        summary: "Business Account Users as CSV, with the same filters as the list",
        params: AccountParams,
        querystring: RosterQuery.omit({ limit: true, cursor: true }),
        produces: ["text/csv"],
        response: { 200: z.string(), ...problems },
      },
    },
    async (request, reply) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      let body =
        CSV_BOM + csvLine(["Name", "Email", "Role", "Status", "Joined or invited", "Invitation expires", "License keys"]);
      for await (const row of membership.iterateUsers(actor, request.query)) {
        body += csvLine([
          row.name,
          row.email,
          row.role === "admin" ? "Account Administrator" : "Regular Member",
          { active: "Active", blocked: "Blocked", invited: "Invited", expired: "Invitation expired" }[row.status],
          row.date,
          row.expiresAt,
          row.licenseKeys.join(" "),
        ]);
      }
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", attachmentDisposition("business-account-users.csv"))
        .send(body);
    },
  );

  app.get(
    "/api/accounts/:accountId/users/:userId",
    {
      schema: {
        tags: ["membership"],
        summary: "A member's dialog: role, status, license keys and the history of role changes",
        params: MemberParams,
        response: { 200: MemberDetails, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      return membership.loadMember(actor.accountId, request.params.userId);
    },
  );

  app.put(
    "/api/accounts/:accountId/users/:userId",
    {
      schema: {
        tags: ["membership"],
        summary: "Save the member's dialog: Role with Notes, and Block, Unblock or Remove",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: UpdateMemberResponse, ...problems },
      },
    },
    async (request) => {
      const actor = await access.require(request, request.params.accountId, adminOfBusiness);
      const member = await membership.updateMember(actor, request.params.userId, request.body, clientInfo(request));
      return { member };
    },
  );
}
