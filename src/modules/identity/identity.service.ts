import type { FastifyRequest } from "fastify";
import type { Me, SignUpBody, UpdateProfileBody } from "../../../contracts/identity.ts";
import type { Database } from "../../db/database.ts";
import { type ClientInfo, clientInfo } from "../../server/client-info.ts";
import { AppError, unauthenticated } from "../../server/errors.ts";
import { renameMemberships } from "../accounts/accounts.repo.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { Auth } from "./auth.ts";
import { toFetchHeaders } from "./auth-bridge.routes.ts";
import type { SessionResolver } from "./session-resolver.ts";
import { createSignUp } from "./sign-up.ts";

export type SessionUser = { userId: string; sessionId: string };
export type { ClientInfo };

type Deps = {
  auth: Auth;
  database: Database;
  sessions: SessionResolver;
  accounts: Pick<AccountsService, "createBusinessAccountIn">;
  publicUrl: string;
  secret: string;
};

export function createIdentityService({ auth, database, sessions, accounts, publicUrl, secret }: Deps) {
  const { db } = database;
  const signUp = createSignUp({ database, accounts, publicUrl, secret });

  async function loadMe(userId: string): Promise<Me> {
    const row = await db
      .selectFrom("users")
      .select(["id", "email", "emailVerified", "firstName", "lastName", "name", "locale", "isOperator", "twoFactorEnabled"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!row) throw unauthenticated();
    return { ...row, locale: row.locale as Me["locale"] };
  }

  /**
   * Resolves the signed-in user from the session cookie, or throws 401. The cheap
   * path reads the signed cookie and the sessions table (session-resolver.ts); a
   * session due for its daily extension goes through Better Auth, which extends it.
   */
  async function requireSession(request: FastifyRequest): Promise<SessionUser> {
    const lookup = await sessions.lookup(request.headers.cookie);
    if (lookup.kind === "valid") return lookup.session;
    if (lookup.kind === "none") throw unauthenticated();
    const session = await auth.api.getSession({ headers: toFetchHeaders(request) });
    if (!session) throw unauthenticated();
    return { userId: session.user.id, sessionId: session.session.id };
  }

  return {
    requireSession,

    /**
     * The signed-in vendor operator (users.is_operator), or 401 signed out and 403
     * OPERATOR_REQUIRED for anyone else: the one check every operator console route makes.
     */
    async requireOperator(request: FastifyRequest): Promise<{ userId: string; name: string }> {
      const { userId } = await requireSession(request);
      const user = await db.selectFrom("users").select(["name", "isOperator"]).where("id", "=", userId).executeTakeFirst();
      if (!user?.isOperator)
        throw new AppError(403, "OPERATOR_REQUIRED", "Only the vendor's staff can use the operator console.");
      return { userId, name: user.name };
    },

    /** Sign-up (sign-up.ts): the person, any business account and the verification email, in one transaction. */
    signUp(body: SignUpBody, request: FastifyRequest): Promise<{ email: string }> {
      return signUp(body, clientInfo(request));
    },

    loadMe,

    async updateProfile(userId: string, body: UpdateProfileBody, client: ClientInfo): Promise<Me> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({
            firstName: body.firstName,
            lastName: body.lastName,
            name: `${body.firstName} ${body.lastName}`,
            locale: body.locale,
            updatedAt: new Date(),
          })
          .where("id", "=", userId)
          .execute();
        await renameMemberships(trx, userId, `${body.firstName} ${body.lastName}`);
        await insertAuditEvent(trx, {
          action: "identity.profile_update",
          outcome: "success",
          actorUserId: userId,
          targetType: "user",
          targetId: userId,
          ...client,
          metadata: { locale: body.locale },
        });
      });
      return loadMe(userId);
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
