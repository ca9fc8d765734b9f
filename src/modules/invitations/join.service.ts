import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Locale } from "../../../contracts/identity.ts";
import type { AcceptAsNewBody, AcceptResult, InvitationPreview } from "../../../contracts/invitations.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import { membershipBlocked } from "../accounts/account-access.ts";
import {
  ensurePersonalAccount,
  findAccount,
  findMembership,
  findPerson,
  insertMembership,
  listActiveAdmins,
  lockAccount,
  type Person,
} from "../accounts/accounts.repo.ts";
import { insertAuditEvents } from "../audit/audit.repo.ts";
import { hashPassword } from "../identity/password-hasher.ts";
import { checkPasswordPolicy } from "../identity/password-policy.ts";
import { insertRoleChange } from "../membership/role-history.repo.ts";
import { hashInvitationToken } from "./invitation-token.ts";
import { closeInvitation, findInvitationByTokenHash, type InvitationRow } from "./invitations.repo.ts";

const accountExists = () =>
  new AppError(409, "ACCOUNT_EXISTS", "This email address already has an account. Sign in with its password to join.");

const notFound = () =>
  new AppError(
    404,
    "INVITATION_NOT_FOUND",
    "This invitation link is not valid. Ask the person who invited you to send a new one.",
  );

/** Why a link can no longer be used, as a 410 that names whom to ask. */
function closedError(row: InvitationRow, now: Date): AppError | null {
  if (row.status === "accepted") return new AppError(410, "INVITATION_USED", "This invitation has already been used.");
  if (row.status === "revoked")
    return new AppError(410, "INVITATION_REVOKED", "This invitation was withdrawn by the account's administrators.");
  if (row.expiresAt <= now) {
    return new AppError(410, "INVITATION_EXPIRED", "This invitation has expired. Ask an Account Administrator to resend it.");
  }
  return null;
}

export function createJoinService({ database }: { database: Database }) {
  const { db, engine } = database;

  /**
   * Everything acceptance must still be true of, re-checked inside the account lock:
   * the link is open and unexpired, the account exists, and the person is neither a
   * member already nor blocked there. Then the membership and the closed invitation
   * commit together.
   */
  async function acceptIn(
    trx: Transaction<DB>,
    tokenHash: string,
    person: Person,
    client: ClientInfo,
    now: Date,
  ): Promise<AcceptResult> {
    const unlocked = await findInvitationByTokenHash(trx, tokenHash);
    if (!unlocked) throw notFound();
    if (!(await lockAccount(trx, engine, unlocked.accountId))) throw notFound();
    // Read it again under the lock: a revoke, resend or accept may have committed while we waited.
    const invitation = await findInvitationByTokenHash(trx, tokenHash);
    if (!invitation) throw notFound();
    const closed = closedError(invitation, now);
    if (closed) throw closed;
    if (invitation.email !== person.email.toLowerCase()) {
      throw new AppError(
        403,
        "INVITATION_EMAIL_MISMATCH",
        `This invitation is for ${invitation.email}, not for ${person.email}.`,
      );
    }
    const existing = await findMembership(trx, invitation.accountId, person.id);
    if (existing?.status === "blocked") throw membershipBlocked();
    if (existing) throw new AppError(409, "ALREADY_MEMBER", "You are already a member of this business account.");
    if (!(await closeInvitation(trx, invitation.id, { status: "accepted", now, acceptedByUserId: person.id }))) {
      throw new AppError(410, "INVITATION_USED", "This invitation has already been used.");
    }
    await insertMembership(trx, { accountId: invitation.accountId, person, role: invitation.role, now });
    await insertRoleChange(trx, {
      accountId: invitation.accountId,
      userId: person.id,
      fromRole: null,
      toRole: invitation.role,
      note: null,
      changedByUserId: invitation.invitedByUserId,
      now,
    });
    await insertAuditEvents(trx, [
      {
        action: "invitation.accepted",
        outcome: "success",
        actorUserId: person.id,
        accountId: invitation.accountId,
        targetType: "invitation",
        targetId: invitation.id,
        ...client,
        metadata: { email: invitation.email, name: person.name },
      },
    ]);
    const account = await findAccount(trx, invitation.accountId);
    return { accountId: invitation.accountId, accountName: account?.companyName ?? "" };
  }

  return {
    /** What the join page shows. Only the holder of the link (the mailbox owner) learns whether the address has a sign-in. */
    async preview(token: string): Promise<InvitationPreview> {
      const invitation = await findInvitationByTokenHash(db, hashInvitationToken(token));
      if (!invitation) throw notFound();
      const now = new Date();
      const [account, inviter, admins, user] = await Promise.all([
        findAccount(db, invitation.accountId),
        invitation.invitedByUserId ? findPerson(db, invitation.invitedByUserId) : undefined,
        listActiveAdmins(db, invitation.accountId),
        db.selectFrom("users").select("id").where("email", "=", invitation.email).executeTakeFirst(),
      ]);
      if (!account) throw notFound();
      const inviterIsAdmin = inviter !== undefined && admins.some((a) => a.id === inviter.id);
      const expired = invitation.status === "pending" && invitation.expiresAt <= now;
      return {
        state: expired ? "expired" : invitation.status,
        accountName: account.companyName ?? "",
        inviterName: inviter?.name ?? null,
        contactEmails: inviterIsAdmin && inviter ? [inviter.email] : admins.slice(0, 3).map((a) => a.email),
        email: invitation.email,
        locale: invitation.locale as Locale,
        expiresAt: invitation.expiresAt.toISOString(),
        hasAccount: user !== undefined,
      };
    },

    /** Join account as the signed-in person, whose email must be the invited one. */
    async accept(token: string, userId: string, client: ClientInfo): Promise<AcceptResult> {
      return db.transaction().execute(async (trx) => {
        const person = await findPerson(trx, userId);
        if (!person) throw new AppError(401, "UNAUTHENTICATED", "Sign in to continue.");
        await ensurePersonalAccount(trx, person);
        return acceptIn(trx, hashInvitationToken(token), person, client, new Date());
      });
    },

    /**
     * Join account for an address with no sign-in yet. The person, their credential,
     * their personal account and the membership are created in one transaction; the
     * email counts as verified because the link proved the mailbox. The caller then
     * signs the person in through Better Auth.
     */
    async acceptAsNew(body: AcceptAsNewBody, client: ClientInfo): Promise<AcceptResult & { email: string }> {
      const problem = checkPasswordPolicy(body.password);
      if (problem) {
        throw new AppError(400, problem.code, problem.message, { errors: [{ field: "password", message: problem.message }] });
      }
      const tokenHash = hashInvitationToken(body.token);
      const preview = await findInvitationByTokenHash(db, tokenHash);
      if (!preview) throw notFound();
      const closed = closedError(preview, new Date());
      if (closed) throw closed;
      // Hash before the transaction, so the write lock is never held for the ~50 ms argon2 takes.
      const passwordHash = await hashPassword(body.password);
      return db
        .transaction()
        .execute(async (trx) => {
          const invitation = await findInvitationByTokenHash(trx, tokenHash);
          if (!invitation) throw notFound();
          // Lock before the "address taken" check: a double-submitted Join account then waits
          // here and sees the first one's person (409) instead of failing on the unique email.
          if (!(await lockAccount(trx, engine, invitation.accountId))) throw notFound();
          const taken = await trx.selectFrom("users").select("id").where("email", "=", invitation.email).executeTakeFirst();
          if (taken) {
            throw accountExists();
          }
          const now = new Date();
          const name = `${body.firstName} ${body.lastName}`;
          const person: Person = { id: randomUUID(), email: invitation.email, name };
          await trx
            .insertInto("users")
            .values({
              id: person.id,
              name,
              firstName: body.firstName,
              lastName: body.lastName,
              email: invitation.email,
              emailVerified: true,
              locale: invitation.locale,
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await trx
            .insertInto("authAccounts")
            .values({
              id: randomUUID(),
              userId: person.id,
              accountId: person.id,
              providerId: "credential",
              password: passwordHash,
              createdAt: now,
              updatedAt: now,
            })
            .execute();
          await ensurePersonalAccount(trx, person, now);
          const result = await acceptIn(trx, tokenHash, person, client, now);
          await insertAuditEvents(trx, [
            {
              action: "identity.sign_up",
              outcome: "success",
              actorUserId: person.id,
              targetType: "user",
              targetId: person.id,
              ...client,
              metadata: { via: "invitation", accountId: result.accountId },
            },
          ]);
          return { ...result, email: invitation.email };
        })
        .catch((error: unknown) => {
          // Two invitations (of different accounts) for the same new address, joined at the same
          // instant, lock different accounts; the unique email index decides, and the loser gets a 409.
          if (isUniqueViolation(error)) throw accountExists();
          throw error;
        });
    },
  };
}

export type JoinService = ReturnType<typeof createJoinService>;
