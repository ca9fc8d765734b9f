import type { Kysely, Selectable, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { SupportTicketsTable } from "../../db/schema-support.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type TicketRow = Selectable<SupportTicketsTable>;

/** Another account's ticket, an unknown id and a ticket the member may not see all answer the same. */
export const ticketNotFound = () => new AppError(404, "TICKET_NOT_FOUND", "No such ticket, or you cannot see it.");

/**
 * Who sees a ticket: Account Administrators see every ticket of the account; other members
 * see the tickets they opened or watch (support_watchers.user_id). Always scoped by the
 * account in the URL, so another account's ticket is simply not found.
 */
export async function loadVisibleTicket(
  db: Executor,
  actor: Pick<AccountActor, "accountId" | "userId" | "role">,
  ticketId: string,
): Promise<TicketRow> {
  let query = db
    .selectFrom("supportTickets as t")
    .selectAll("t")
    .where("t.id", "=", ticketId)
    .where("t.accountId", "=", actor.accountId);
  if (actor.role !== "admin") {
    query = query.where((eb) =>
      eb.or([
        eb("t.createdByUserId", "=", actor.userId),
        eb.exists(
          eb
            .selectFrom("supportWatchers as w")
            .select("w.id")
            .whereRef("w.ticketId", "=", "t.id")
            .where("w.userId", "=", actor.userId),
        ),
      ]),
    );
  }
  const row = await query.executeTakeFirst();
  if (!row) throw ticketNotFound();
  return row;
}
