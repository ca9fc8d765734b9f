import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import { findAccess } from "./accounts.repo.ts";

export type AccountActor = {
  userId: string;
  sessionId: string;
  accountId: string;
  kind: "personal" | "business";
  role: "member" | "admin";
};

export type AccessRule = {
  /** Account Administrators only (403 ADMIN_ROLE_REQUIRED for Regular Members). */
  admin?: boolean;
  /** Business accounts only (409 NOT_A_BUSINESS_ACCOUNT for a personal account). */
  business?: boolean;
};

export const accountNotFound = () => new AppError(404, "ACCOUNT_NOT_FOUND", "No such account, or you are not a member of it.");
export const membershipBlocked = () =>
  new AppError(403, "MEMBERSHIP_BLOCKED", "Your access to this business account has been blocked by its administrators.");
const adminRequired = () =>
  new AppError(403, "ADMIN_ROLE_REQUIRED", "Only an Account Administrator of this account can do this.");
const notBusiness = () => new AppError(409, "NOT_A_BUSINESS_ACCOUNT", "This is a personal account, not a business account.");

/**
 * Checks the person's membership of the account: another account, a removed
 * membership and an unknown id all answer 404, so nothing tells an outsider that an
 * account exists. Runs on every account route, so a Block takes effect on the very
 * next request of sessions that are already open.
 */
export async function checkMembership(
  executor: Kysely<DB> | Transaction<DB>,
  accountId: string,
  userId: string,
  rule: AccessRule,
): Promise<Omit<AccountActor, "sessionId">> {
  const row = await findAccess(executor, accountId, userId);
  if (!row) throw accountNotFound();
  if (row.status === "blocked") throw membershipBlocked();
  if (rule.business && row.kind !== "business") throw notBusiness();
  if (rule.admin && row.role !== "admin") throw adminRequired();
  return { userId, accountId, kind: row.kind, role: row.role };
}

export type AccountAccess = ReturnType<typeof createAccountAccess>;

export function createAccountAccess({ identity, db }: { identity: Pick<IdentityService, "requireSession">; db: Kysely<DB> }) {
  return {
    /** Resolves the signed-in person and checks their rights in the account named by the URL. */
    async require(request: FastifyRequest, accountId: string, rule: AccessRule = {}): Promise<AccountActor> {
      const session = await identity.requireSession(request);
      const actor = await checkMembership(db, accountId, session.userId, rule);
      return { ...actor, sessionId: session.sessionId };
    },
  };
}
