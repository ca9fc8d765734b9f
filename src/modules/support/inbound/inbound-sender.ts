import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { AppError } from "../../../server/errors.ts";
import { loadVisibleTicket, type TicketRow } from "../ticket-access.ts";
import type { ThreadAuthor } from "../ticket-thread.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/** Email comes from customers and outside watchers; operators answer in the console. */
export type InboundAuthor = Extract<ThreadAuthor, { kind: "customer" | "watcher" }>;

export type SenderResolution =
  | { kind: "author"; author: InboundAuthor }
  /** Why the sender may not write to this ticket (for the log and the audit row, never for the sender). */
  | { kind: "refused"; reason: "not_a_participant" | "membership_blocked" };

/**
 * Who an inbound email's sender is for this ticket, by the From address:
 * - a member of the ticket's account with an active membership who may see the ticket
 *   (its creator, an Account Administrator, or a member watcher: the same rule as the
 *   portal, loadVisibleTicket) writes as that customer;
 * - an outside watcher of the ticket (support_watchers.email, no user) writes as the watcher;
 * - anyone else is refused. A blocked member is refused even if an outside-watcher row
 *   carries their address: blocking must stop every way in.
 */
export async function resolveSender(db: Executor, ticket: TicketRow, sender: string): Promise<SenderResolution> {
  const member = await db
    .selectFrom("users as u")
    .innerJoin("memberships as m", (join) => join.onRef("m.userId", "=", "u.id").on("m.accountId", "=", ticket.accountId))
    .select(["u.id", "u.name", "m.role", "m.status"])
    .where("u.email", "=", sender)
    .executeTakeFirst();
  if (member?.status === "blocked") return { kind: "refused", reason: "membership_blocked" };
  if (member) {
    if (await canSee(db, ticket, member.id, member.role))
      return { kind: "author", author: { kind: "customer", userId: member.id, name: member.name } };
  }

  const watcher = await db
    .selectFrom("supportWatchers")
    .select(["id", "email"])
    .where("ticketId", "=", ticket.id)
    .where("email", "=", sender)
    .where("userId", "is", null)
    .executeTakeFirst();
  if (watcher)
    return { kind: "author", author: { kind: "watcher", watcherId: watcher.id, email: watcher.email, name: watcher.email } };
  return { kind: "refused", reason: "not_a_participant" };
}

async function canSee(db: Executor, ticket: TicketRow, userId: string, role: "member" | "admin"): Promise<boolean> {
  try {
    await loadVisibleTicket(db, { accountId: ticket.accountId, userId, role }, ticket.id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "TICKET_NOT_FOUND") return false;
    throw error;
  }
}
