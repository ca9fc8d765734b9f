import type { Kysely, Transaction } from "kysely";
import type { Engine } from "../../../db/database.ts";
import type { DB } from "../../../db/schema.ts";
import type { TicketRow } from "../ticket-access.ts";

type Executor = Kysely<DB> | Transaction<DB>;

export async function findTicket(db: Executor, ticketId: string): Promise<TicketRow | undefined> {
  return db.selectFrom("supportTickets").selectAll().where("id", "=", ticketId).executeTakeFirst();
}

/** Takes the ticket's row lock (PostgreSQL; SQLite's write transaction is already exclusive). */
export async function lockTicket(trx: Transaction<DB>, engine: Engine, ticketId: string): Promise<void> {
  const query = trx.selectFrom("supportTickets").select("id").where("id", "=", ticketId);
  await (engine === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Duplicate delivery: SMTP is at-least-once (a sending server that loses our "250" after a
 * timeout sends the message again). A threaded email's Message-ID (or content hash) is kept
 * on the message it became (support_messages.email_message_id, unique per ticket), so a copy
 * is recognised by looking for that message, at any later time.
 */
export async function isDeliveredAlready(db: Executor, ticketId: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("supportMessages")
    .select("id")
    .where("ticketId", "=", ticketId)
    .where("emailMessageId", "=", key)
    .executeTakeFirst();
  return row !== undefined;
}
