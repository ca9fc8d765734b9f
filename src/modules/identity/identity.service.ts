import type { FastifyRequest } from "fastify";
import type { CompanyInfo } from "../../../contracts/company.ts";
import type { Me, SignUpBody, UpdateProfileBody } from "../../../contracts/identity.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError, unauthenticated } from "../../server/errors.ts";
import { renameMemberships } from "../accounts/accounts.repo.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { Auth } from "./auth.ts";
import { toFetchHeaders } from "./auth-bridge.routes.ts";
import { withPrehashedPassword } from "./password-hasher.ts";
import { checkPasswordPolicy } from "./password-policy.ts";
import type { SessionResolver } from "./session-resolver.ts";

export type SessionUser = { userId: string; sessionId: string };
export type { ClientInfo };

type Deps = {
  auth: Auth;
  database: Database;
  sessions: SessionResolver;
  accounts: Pick<AccountsService, "createBusinessAccountIn">;
};

export function createIdentityService({ auth, database, sessions, accounts }: Deps) {
  const { db } = database;

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
   * "A Business Customer": the business account is created with the new person as its
   * Account Administrator. For an address that was already registered Better Auth
   * answers with a made-up user (so the answer does not reveal the address); that id
   * is not in the database, so nothing is attached to somebody else's person.
   */
  async function createBusinessAccountForNewPerson(userId: string, company: CompanyInfo, request: FastifyRequest) {
    await db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
      if (!person) return;
      await accounts.createBusinessAccountIn(trx, userId, company, {
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
    });
  }

  return {
    /**
     * Resolves the signed-in user from the session cookie, or throws 401. The cheap
     * path reads the signed cookie and the sessions table (session-resolver.ts); a
     * session due for its daily extension goes through Better Auth, which extends it.
     */
    async requireSession(request: FastifyRequest): Promise<SessionUser> {
      const lookup = await sessions.lookup(request.headers.cookie);
      if (lookup.kind === "valid") return lookup.session;
      if (lookup.kind === "none") throw unauthenticated();
      const session = await auth.api.getSession({ headers: toFetchHeaders(request) });
      if (!session) throw unauthenticated();
      return { userId: session.user.id, sessionId: session.session.id };
    },

    async signUp(body: SignUpBody, request: FastifyRequest): Promise<{ email: string }> {
      const problem = checkPasswordPolicy(body.password);
      if (problem) {
        throw new AppError(400, problem.code, problem.message, { errors: [{ field: "password", message: problem.message }] });
      }
      const email = body.email.toLowerCase();
      // Hash before Better Auth opens its transaction: see password-hasher.ts.
      const created = await withPrehashedPassword(body.password, () =>
        auth.api.signUpEmail({
          body: {
            name: `${body.firstName} ${body.lastName}`,
            email,
            password: body.password,
            firstName: body.firstName,
            lastName: body.lastName,
            locale: body.locale,
            callbackURL: body.callbackURL ?? "/email-verified",
          },
          headers: toFetchHeaders(request),
        }),
      );
      if (body.customerType === "business" && body.company) {
        await createBusinessAccountForNewPerson(created.user.id, body.company, request);
      }
      return { email };
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
