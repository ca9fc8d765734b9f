import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB, InvitationsTable } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;

export type InvitationRow = Pick<
  InvitationsTable,
  "id" | "accountId" | "email" | "locale" | "role" | "status" | "invitedByUserId" | "sentAt" | "expiresAt"
>;

const COLUMNS = ["id", "accountId", "email", "locale", "role", "status", "invitedByUserId", "sentAt", "expiresAt"] as const;

export type NewInvitation = {
  id: string;
  accountId: string;
  email: string;
  locale: string;
  tokenHash: string;
  invitedByUserId: string;
  now: Date;
  expiresAt: Date;
};

export function newInvitationId(): string {
  return randomUUID();
}

/** One statement for the whole batch: Send Invitations with 100 addresses is one insert, not 100. */
export async function insertInvitations(executor: Executor, rows: NewInvitation[]): Promise<void> {
  if (rows.length === 0) return;
  await executor
    .insertInto("invitations")
    .values(
      rows.map((r) => ({
        id: r.id,
        accountId: r.accountId,
        email: r.email,
        locale: r.locale,
        role: "member" as const,
        status: "pending" as const,
        tokenHash: r.tokenHash,
        invitedByUserId: r.invitedByUserId,
        sentAt: r.now,
        expiresAt: r.expiresAt,
        sendCount: 1,
        createdAt: r.now,
      })),
    )
    .execute();
}

/** Tenant-scoped: an invitation id from another account is simply not found. */
export async function findInvitation(executor: Executor, accountId: string, invitationId: string) {
  return executor
    .selectFrom("invitations")
    .select(COLUMNS)
    .where("accountId", "=", accountId)
    .where("id", "=", invitationId)
    .executeTakeFirst();
}

export async function findInvitationByTokenHash(executor: Executor, tokenHash: string) {
  return executor.selectFrom("invitations").select(COLUMNS).where("tokenHash", "=", tokenHash).executeTakeFirst();
}

export async function findOpenInvitationsByEmail(executor: Executor, accountId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return (
    executor
      .selectFrom("invitations")
      .select(COLUMNS)
      .where("accountId", "=", accountId)
      .where("status", "=", "pending")
      .where("email", "in", emails)
      // Without it SQLite (no ANALYZE statistics) picks invitations_open_sent_idx and reads every open
      // invitation of the account (~1.5 ms at 2,000); ordered by email it probes invitations_open_email_idx.
      .orderBy("email")
      .execute()
  );
}

export async function findMemberEmails(executor: Executor, accountId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await executor
    .selectFrom("memberships")
    .select("email")
    .where("accountId", "=", accountId)
    .where("email", "in", emails)
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** Resend: a new token (the old link dies) and a new expiry. */
export async function renewInvitation(
  executor: Executor,
  invitationId: string,
  renewal: { tokenHash: string; locale?: string; now: Date; expiresAt: Date; invitedByUserId: string },
): Promise<void> {
  await executor
    .updateTable("invitations")
    .set({
      tokenHash: renewal.tokenHash,
      sentAt: renewal.now,
      expiresAt: renewal.expiresAt,
      invitedByUserId: renewal.invitedByUserId,
      sendCount: sql`send_count + 1`,
      ...(renewal.locale ? { locale: renewal.locale } : {}),
    })
    .where("id", "=", invitationId)
    .where("status", "=", "pending")
    .execute();
}

/** Closes a pending invitation; the status condition makes a second close (a double accept) change nothing. */
export async function closeInvitation(
  executor: Executor,
  invitationId: string,
  close: { status: "accepted" | "revoked"; now: Date; acceptedByUserId?: string },
): Promise<boolean> {
  const result = await executor
    .updateTable("invitations")
    .set({ status: close.status, closedAt: close.now, acceptedByUserId: close.acceptedByUserId ?? null })
    .where("id", "=", invitationId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sends in the last 24 hours, counted from the audit log (every send and resend writes one row there). */
export async function countRecentSends(executor: Executor, accountId: string, since: Date): Promise<number> {
  const row = await executor
    .selectFrom("auditEvents")
    .select(sql<number>`count(*)`.as("n"))
    .where("accountId", "=", accountId)
    .where("action", "in", ["invitation.sent", "invitation.resent"])
    .where("occurredAt", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
