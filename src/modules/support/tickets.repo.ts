import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { TicketListQuery } from "../../../contracts/support.ts";
import { containsText } from "../../db/like.ts";
import type { DB } from "../../db/schema.ts";
import type { SupportTicketsTable } from "../../db/schema-support.ts";
import { decodeTimeCursor, encodeTimeCursor } from "../../db/time-cursor.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Tickets with the names every ticket row shows: the product's code and name and the
 * creator's name and email (a left join: the creator may have no user any more). The
 * list, queue and detail queries extend it with their own joins and filters.
 */
export function selectTicketsWithNames(db: Executor) {
  return db
    .selectFrom("supportTickets as t")
    .innerJoin("products as p", "p.id", "t.productId")
    .leftJoin("users as c", "c.id", "t.createdByUserId")
    .selectAll("t")
    .select(["p.code as productCode", "p.name as productName", "c.name as creatorName", "c.email as creatorEmail"]);
}

/** selectTicketsWithNames plus what operators see: the account's company and owner names, and the assignee's. */
export function selectTicketsWithAccountNames(db: Executor) {
  return selectTicketsWithNames(db)
    .innerJoin("accounts as a", "a.id", "t.accountId")
    .leftJoin("users as owner", "owner.id", "a.ownerUserId")
    .leftJoin("users as asg", "asg.id", "t.assigneeUserId")
    .select(["a.companyName", "owner.name as ownerName", "asg.name as assigneeName"]);
}

/** License keys with the subscription columns support needs (plan, whether support is active). Not scoped: callers add it. */
export function selectKeysWithSubscriptions(db: Executor) {
  return db
    .selectFrom("licenseKeys as k")
    .innerJoin("subscriptions as s", "s.id", "k.subscriptionId")
    .select([
      "k.id",
      "k.name",
      "k.keyTail",
      "s.id as subscriptionId",
      "s.displayName",
      "s.productId",
      "s.supportPlan",
      "s.expiresAt",
      "s.maintenanceExpiresAt",
      "s.suspendedAt",
      "s.canceledAt",
    ]);
}

export type TicketViewer = { accountId: string; userId: string; isAdmin: boolean };

/**
 * A page of the account's tickets the viewer may see, newest activity first, keyset-paged
 * on (last_activity_at, id) over support_tickets_account_idx. Administrators see every
 * ticket; other members the ones they opened or watch. `mine` narrows to either.
 */
export async function listTickets(db: Executor, viewer: TicketViewer, filter: TicketListQuery) {
  const cursor = decodeTimeCursor(filter.cursor);
  const watchedBy = (eb: ExpressionBuilder<DB & { t: SupportTicketsTable }, "t">) =>
    eb.exists(
      eb
        .selectFrom("supportWatchers as w")
        .select("w.id")
        .whereRef("w.ticketId", "=", "t.id")
        .where("w.userId", "=", viewer.userId),
    );
  let query = selectTicketsWithNames(db)
    .select((eb) => watchedBy(eb).as("watching"))
    .where("t.accountId", "=", viewer.accountId);
  if (!viewer.isAdmin) query = query.where((eb) => eb.or([eb("t.createdByUserId", "=", viewer.userId), watchedBy(eb)]));
  if (filter.mine === "created") query = query.where("t.createdByUserId", "=", viewer.userId);
  if (filter.mine === "watching") query = query.where((eb) => watchedBy(eb));
  if (filter.status) query = query.where("t.status", "=", filter.status);
  if (filter.productId) query = query.where("t.productId", "=", filter.productId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([containsText(eb.fn<string>("lower", ["t.subject"]), q), containsText(eb.fn<string>("lower", ["t.reference"]), q)]),
    );
  }
  if (cursor) {
    const at = new Date(cursor.at);
    query = query.where((eb) =>
      eb.or([eb("t.lastActivityAt", "<", at), eb.and([eb("t.lastActivityAt", "=", at), eb("t.id", "<", cursor.id)])]),
    );
  }
  const rows = await query
    .orderBy("t.lastActivityAt", "desc")
    .orderBy("t.id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit).map((r) => ({ ...r, watching: Boolean(r.watching) }));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > filter.limit && last ? encodeTimeCursor({ at: last.lastActivityAt.toISOString(), id: last.id }) : null,
  };
}

export async function insertTicket(trx: Transaction<DB>, row: SupportTicketsTable): Promise<void> {
  await trx.insertInto("supportTickets").values(row).execute();
}

/** One of the account's own keys with its subscription, or undefined (another account's key is not found). */
export async function findAccountKey(db: Executor, accountId: string, keyId: string) {
  return selectKeysWithSubscriptions(db)
    .where("k.id", "=", keyId)
    .where("k.accountId", "=", accountId)
    .where("s.accountId", "=", accountId)
    .executeTakeFirst();
}

export async function findAccountFarm(db: Executor, accountId: string, farmId: string) {
  return db
    .selectFrom("farms")
    .select(["id", "keyId", "subscriptionId"])
    .where("id", "=", farmId)
    .where("accountId", "=", accountId)
    .executeTakeFirst();
}

/** The New ticket form's choices: the account's keys (with their subscriptions) and active farms. */
export async function accountKeysAndFarms(db: Executor, accountId: string) {
  const keys = await selectKeysWithSubscriptions(db)
    .where("k.accountId", "=", accountId)
    .where("s.accountId", "=", accountId)
    .orderBy("s.displayName")
    .orderBy("k.kind", "desc")
    .orderBy("k.name")
    .execute();
  const farms = await db
    .selectFrom("farms")
    .select(["id", "name", "keyId", "appVersion"])
    .where("accountId", "=", accountId)
    .where("status", "=", "active")
    .orderBy("name")
    .execute();
  return { keys, farms };
}
