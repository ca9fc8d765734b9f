import type { Transaction } from "kysely";
import { z } from "zod";
import type { Locale } from "../../../contracts/identity.ts";
import type { InvitationView, SendInvitationsBody, SendInvitationsResult } from "../../../contracts/invitations.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import { AppError } from "../../server/errors.ts";
import { type AccountActor, accountNotFound, checkMembership } from "../accounts/account-access.ts";
import { findAccount, findPerson, lockAccount } from "../accounts/accounts.repo.ts";
import { type AuditEntry, insertAuditEvents } from "../audit/audit.repo.ts";
import { insertOutboxEmails, type OutboxEmail } from "../notifications/outbox.repo.ts";
import { INVITATION_TTL_MS, joinUrl, newInvitationToken } from "./invitation-token.ts";
import {
  closeInvitation,
  countRecentSends,
  findInvitation,
  findMemberEmails,
  findOpenInvitationsByEmail,
  type InvitationRow,
  insertInvitations,
  type NewInvitation,
  newInvitationId,
  renewInvitation,
} from "./invitations.repo.ts";

type Result = SendInvitationsResult["results"][number];
const DAY_MS = 24 * 60 * 60 * 1000;
const emailSchema = z.email();

const invitationNotFound = () => new AppError(404, "INVITATION_NOT_FOUND", "No such invitation in this account.");

export function createInvitationsService(deps: { database: Database; publicUrl: string; dailyLimit: number }) {
  const { db, engine } = deps.database;

  async function toView(row: InvitationRow, now = new Date()): Promise<InvitationView> {
    const inviter = row.invitedByUserId ? await findPerson(db, row.invitedByUserId) : undefined;
    const expired = row.status === "pending" && row.expiresAt <= now;
    return {
      id: row.id,
      email: row.email,
      locale: row.locale as Locale,
      role: row.role,
      status: expired ? "expired" : row.status,
      invitedBy: inviter ? { userId: inviter.id, name: inviter.name } : null,
      sentAt: row.sentAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** Opens the transaction every invitation change shares: account lock, then the actor re-checked as an active admin. */
  function inAdminTransaction<T>(actor: AccountActor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      if (!(await lockAccount(trx, engine, actor.accountId))) throw accountNotFound();
      await checkMembership(trx, actor.accountId, actor.userId, { admin: true, business: true });
      return work(trx);
    });
  }

  async function checkDailyLimit(trx: Transaction<DB>, accountId: string, wanted: number, now: Date) {
    if (wanted === 0) return;
    const used = await countRecentSends(trx, accountId, new Date(now.getTime() - DAY_MS));
    if (used + wanted > deps.dailyLimit) {
      const left = Math.max(0, deps.dailyLimit - used);
      throw new AppError(
        429,
        "INVITATION_LIMIT_REACHED",
        `This account may send ${deps.dailyLimit} invitations in 24 hours; ${left} can be sent now. Try again later or send fewer.`,
        { retryAfterSeconds: 3600 },
      );
    }
  }

  function mailFor(
    email: string,
    locale: string,
    token: string,
    accountName: string,
    inviterName: string,
    expiresAt: Date,
  ): OutboxEmail {
    return {
      template: "invitation",
      to: email,
      locale,
      data: { accountName, inviterName, url: joinUrl(deps.publicUrl, token), expiresAt: expiresAt.toISOString() },
    };
  }

  return {
    async get(actor: AccountActor, invitationId: string): Promise<InvitationView> {
      const row = await findInvitation(db, actor.accountId, invitationId);
      if (!row) throw invitationNotFound();
      return toView(row);
    },

    /**
     * Send Invitations: every address gets its own outcome. The new invitations, their
     * emails (outbox) and audit records are written in one transaction; the worker sends
     * the emails after commit. An expired open invitation is renewed rather than refused.
     */
    async send(actor: AccountActor, body: SendInvitationsBody, client: ClientInfo): Promise<SendInvitationsResult> {
      const seen = new Set<string>();
      const planned: Array<{ index: number; email: string; locale: Locale }> = [];
      const results: Result[] = body.invitations.map((row, index) => {
        const email = row.email.trim().toLowerCase();
        if (!emailSchema.safeParse(email).success || email.length > 254) {
          return { email: row.email, outcome: "invalid", invitationId: null, message: "This is not a valid email address." };
        }
        if (seen.has(email)) {
          return { email, outcome: "duplicate", invitationId: null, message: "This address is already in the list." };
        }
        seen.add(email);
        planned.push({ index, email, locale: row.locale ?? body.locale });
        return { email, outcome: "invited", invitationId: null, message: "" };
      });

      await inAdminTransaction(actor, async (trx) => {
        const now = new Date();
        const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
        const emails = planned.map((p) => p.email);
        const [members, open, account, inviter] = await Promise.all([
          findMemberEmails(trx, actor.accountId, emails),
          findOpenInvitationsByEmail(trx, actor.accountId, emails),
          findAccount(trx, actor.accountId),
          findPerson(trx, actor.userId),
        ]);
        const openByEmail = new Map(open.map((o) => [o.email, o]));
        const accountName = account?.companyName ?? "";
        const inviterName = inviter?.name ?? "";

        const inserts: NewInvitation[] = [];
        const mails: OutboxEmail[] = [];
        const audits: AuditEntry[] = [];
        const renewals: Array<() => Promise<void>> = [];
        for (const plan of planned) {
          const result = results[plan.index] as Result;
          const existing = openByEmail.get(plan.email);
          if (members.has(plan.email)) {
            Object.assign(result, { outcome: "already_member", message: "This person is already a member of the account." });
            continue;
          }
          if (existing && existing.expiresAt > now) {
            Object.assign(result, {
              outcome: "already_invited",
              invitationId: existing.id,
              message: "An invitation to this address is still open. You can resend it.",
            });
            continue;
          }
          const { token, hash } = newInvitationToken();
          const id = existing?.id ?? newInvitationId();
          Object.assign(result, { outcome: "invited", invitationId: id, message: "Invitation sent." });
          if (existing) {
            renewals.push(() =>
              renewInvitation(trx, id, { tokenHash: hash, locale: plan.locale, now, expiresAt, invitedByUserId: actor.userId }),
            );
          } else {
            inserts.push({
              id,
              accountId: actor.accountId,
              email: plan.email,
              locale: plan.locale,
              tokenHash: hash,
              invitedByUserId: actor.userId,
              now,
              expiresAt,
            });
          }
          mails.push(mailFor(plan.email, plan.locale, token, accountName, inviterName, expiresAt));
          audits.push({
            action: existing ? "invitation.resent" : "invitation.sent",
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "invitation",
            targetId: id,
            ...client,
            metadata: { email: plan.email, locale: plan.locale },
          });
        }
        await checkDailyLimit(trx, actor.accountId, mails.length, now);
        await insertInvitations(trx, inserts);
        for (const renew of renewals) await renew();
        await insertOutboxEmails(trx, mails);
        await insertAuditEvents(trx, audits);
      });
      return { results };
    },

    /** Resend: a new token (the old link stops working), a fresh 7-day expiry, and a new email. */
    async resend(actor: AccountActor, invitationId: string, client: ClientInfo): Promise<InvitationView> {
      await inAdminTransaction(actor, async (trx) => {
        const row = await findInvitation(trx, actor.accountId, invitationId);
        if (row?.status !== "pending") throw invitationNotFound();
        const now = new Date();
        await checkDailyLimit(trx, actor.accountId, 1, now);
        const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
        const { token, hash } = newInvitationToken();
        await renewInvitation(trx, row.id, { tokenHash: hash, now, expiresAt, invitedByUserId: actor.userId });
        const [account, inviter] = await Promise.all([findAccount(trx, actor.accountId), findPerson(trx, actor.userId)]);
        await insertOutboxEmails(trx, [
          mailFor(row.email, row.locale, token, account?.companyName ?? "", inviter?.name ?? "", expiresAt),
        ]);
        await insertAuditEvents(trx, [
          {
            action: "invitation.resent",
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "invitation",
            targetId: row.id,
            ...client,
            metadata: { email: row.email, locale: row.locale },
          },
        ]);
      });
      return this.get(actor, invitationId);
    },

    async revoke(actor: AccountActor, invitationId: string, client: ClientInfo): Promise<InvitationView> {
      await inAdminTransaction(actor, async (trx) => {
        const row = await findInvitation(trx, actor.accountId, invitationId);
        if (row?.status !== "pending") throw invitationNotFound();
        await closeInvitation(trx, row.id, { status: "revoked", now: new Date() });
        await insertAuditEvents(trx, [
          {
            action: "invitation.revoked",
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "invitation",
            targetId: row.id,
            ...client,
            metadata: { email: row.email },
          },
        ]);
      });
      return this.get(actor, invitationId);
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
