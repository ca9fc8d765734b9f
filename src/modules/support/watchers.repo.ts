import type { Kysely, Transaction } from "kysely";
import type { Engine } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";

/**
 * Watchers of a ticket: members of its account (user_id set, they see it in the portal)
 * and outside addresses (user_id null, they use their watch link). Every read is by the
 * ticket, which the caller has already found within the account (loadVisibleTicket), or
 * by the watcher id a verified link token names.
 */
type Executor = Kysely<DB> | Transaction<DB>;

export type WatcherRow = {
  id: string;
  ticketId: string;
  email: string;
  userId: string | null;
  userName: string | null;
  createdAt: Date;
};

const watcherColumns = ["w.id", "w.ticketId", "w.email", "w.userId", "u.name as userName", "w.createdAt"] as const;

export async function findWatcherOfTicket(db: Executor, ticketId: string, watcherId: string): Promise<WatcherRow | undefined> {
  return db
    .selectFrom("supportWatchers as w")
    .leftJoin("users as u", "u.id", "w.userId")
    .select(watcherColumns)
    .where("w.ticketId", "=", ticketId)
    .where("w.id", "=", watcherId)
    .executeTakeFirst();
}

/** An outside watcher (user_id null) by id: the only rows a watch link can open. */
export async function findOutsideWatcher(db: Executor, watcherId: string) {
  return db
    .selectFrom("supportWatchers as w")
    .innerJoin("supportTickets as t", "t.id", "w.ticketId")
    .select(["w.id", "w.ticketId", "w.email", "t.accountId"])
    .where("w.id", "=", watcherId)
    .where("w.userId", "is", null)
    .executeTakeFirst();
}

export async function countWatchers(db: Executor, ticketId: string): Promise<number> {
  const row = await db
    .selectFrom("supportWatchers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ticketId", "=", ticketId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Locks the ticket row for a watcher change, so two additions racing for the last of the
 * 20 places cannot both count 19 (SQLite's writer lock already serializes them).
 */
export async function lockTicketForWatchers(trx: Transaction<DB>, engine: Engine, ticketId: string): Promise<void> {
  const query = trx.selectFrom("supportTickets").select("id").where("id", "=", ticketId);
  await (engine === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertWatcher(
  trx: Transaction<DB>,
  row: { id: string; ticketId: string; email: string; userId: string | null; addedByUserId: string; createdAt: Date },
): Promise<void> {
  await trx.insertInto("supportWatchers").values(row).execute();
}

export async function deleteWatcher(trx: Transaction<DB>, ticketId: string, watcherId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom("supportWatchers")
    .where("ticketId", "=", ticketId)
    .where("id", "=", watcherId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The person with this address, with their membership of the account if they have one. */
export async function findPersonInAccount(db: Executor, accountId: string, email: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("memberships as m", (join) => join.onRef("m.userId", "=", "u.id").on("m.accountId", "=", accountId))
    .select(["u.id as userId", "u.name", "u.locale", "m.status as membershipStatus"])
    .where("u.email", "=", email)
    .executeTakeFirst();
}

export async function findUserBrief(db: Executor, userId: string) {
  return db.selectFrom("users").select(["id", "name", "email", "locale"]).where("id", "=", userId).executeTakeFirst();
}
