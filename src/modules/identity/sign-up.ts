import { randomUUID } from "node:crypto";
import { createEmailVerificationToken } from "better-auth/api";
import type { SignUpBody } from "../../../contracts/identity.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { insertOutboxEmail } from "../notifications/outbox.repo.ts";
import { AUTH_BASE_PATH, VERIFY_EMAIL_EXPIRES_IN_SECONDS } from "./auth.ts";
import { hashPassword } from "./password-hasher.ts";
import { checkPasswordPolicy } from "./password-policy.ts";

type Deps = {
  database: Database;
  accounts: Pick<AccountsService, "createBusinessAccountIn">;
  publicUrl: string;
  secret: string;
};

/**
 * Sign-up, in one transaction: the person, their password credential, the business
 * account for "A Business Customer", and the verification email in the outbox. If
 * any of it fails, none of it happened; if it commits, the email will be sent.
 *
 * Why not Better Auth's `signUpEmail`: it queues the verification email in an
 * after-commit hook (a crash in between loses the email), it cannot create our
 * business account in its transaction, and it hashes inside that transaction.
 * Better Auth still owns everything around it: the rows are its own tables in its
 * shapes, the link is its own stateless verification token (`createEmailVerificationToken`,
 * the function `signUpEmail` uses), and `/api/auth/verify-email` verifies it and
 * signs the person in.
 */
export function createSignUp({ database, accounts, publicUrl, secret }: Deps) {
  const { db } = database;

  return async function signUp(body: SignUpBody, client: ClientInfo): Promise<{ email: string }> {
    const problem = checkPasswordPolicy(body.password);
    if (problem) {
      throw new AppError(400, problem.code, problem.message, { errors: [{ field: "password", message: problem.message }] });
    }
    const email = body.email.toLowerCase();
    const name = `${body.firstName} ${body.lastName}`;
    const userId = randomUUID();
    // Hash for every request, known address or not, so the answer takes as long either way;
    // and before the transaction, so the database is never held for the hash.
    const passwordHash = await hashPassword(body.password);
    const token = await createEmailVerificationToken(secret, email, undefined, VERIFY_EMAIL_EXPIRES_IN_SECONDS, { userId });
    const callbackURL = encodeURIComponent(body.callbackURL ?? "/email-verified");
    const url = `${publicUrl}${AUTH_BASE_PATH}/verify-email?token=${token}&callbackURL=${callbackURL}`;

    try {
      await db.transaction().execute(async (trx) => {
        // The same answer for a registered address, and nothing about that person changes.
        const taken = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
        if (taken) return;
        const now = new Date();
        await trx
          .insertInto("users")
          .values({
            id: userId,
            name,
            firstName: body.firstName,
            lastName: body.lastName,
            email,
            emailVerified: false,
            locale: body.locale,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await trx
          .insertInto("authAccounts")
          .values({
            id: randomUUID(),
            userId,
            accountId: userId,
            providerId: "credential",
            password: passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        if (body.customerType === "business" && body.company) {
          await accounts.createBusinessAccountIn(trx, userId, body.company, client, now);
        }
        await insertOutboxEmail(trx, { template: "verify-email", to: email, locale: body.locale, data: { name, url } });
        await insertAuditEvent(trx, {
          action: "identity.sign_up",
          outcome: "success",
          actorUserId: userId,
          targetType: "user",
          targetId: userId,
          ...client,
          metadata: { customerType: body.customerType },
        });
      });
    } catch (error) {
      // Two sign-ups for one new address at the same instant: the unique email index lets one
      // in, and the other gets the same answer as any sign-up for a registered address.
      if (!isUniqueViolation(error)) throw error;
    }
    return { email };
  };
}
