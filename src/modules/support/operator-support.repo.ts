import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { OperatorTicketListQuery } from "../../../contracts/support.ts";
import type { Engine } from "../../db/database.ts";
import { containsText } from "../../db/like.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";
import { selectTicketsWithAccountNames } from "./tickets.repo.ts";

/**
 * The operators' side of support: every account's tickets (operators are vendor staff, so
 * these queries are deliberately not scoped by account; only operator routes call them).
 */
type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The queue's order, in two groups:
 *   0. open tickets (not resolved or closed) still waiting for a first response, the
 *      earliest response due time (created_at + target) first: what breaches next is on top;
 *   1. everything else, the most recent activity first.
 * Ties are broken by id. The cursor is [group, key, id] with key in milliseconds (the due
 * time in group 0, minus the last activity in group 1, so both groups sort ascending).
 */
type QueueCursor = { group: number; key: number; id: string };

const badCursor = () => new AppError(400, "VALIDATION_FAILED", "The page cursor is not valid; start from the first page.");

function decodeCursor(raw: string | undefined): QueueCursor | null {
  if (!raw) return null;
  try {
    const [group, key, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if ((group === 0 || group === 1) && Number.isSafeInteger(key) && typeof id === "string") {
      return { group, key: key as number, id };
    }
  } catch {
    // fall through
  }
  throw badCursor();
}

const encodeCursor = (c: QueueCursor) => Buffer.from(JSON.stringify([c.group, c.key, c.id])).toString("base64url");

/** A timestamp column as whole milliseconds since 1970: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
function epochMs(engine: Engine, column: string): RawBuilder<number> {
  const ref = sql.ref(column);
  return engine === "postgres"
    ? sql<number>`(floor(extract(epoch from ${ref}) * 1000))::bigint`
    : sql<number>`cast(round((julianday(${ref}) - 2440587.5) * 86400000) as integer)`;
}

const OPEN_STATUSES = ["new", "in_progress", "waiting_for_customer"] as const;

export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];

export async function listQueue(db: Kysely<DB>, engine: Engine, query: OperatorTicketListQuery, operatorId: string) {
  const cursor = decodeCursor(query.cursor);
  const awaitingFirstResponse = sql<boolean>`(t.status in ('new', 'in_progress', 'waiting_for_customer') and t.first_response_at is null)`;
  const group = sql<number>`(case when ${awaitingFirstResponse} then 0 else 1 end)`;
  const key = sql<number>`(case when ${awaitingFirstResponse} then ${epochMs(engine, "t.createdAt")} + t.response_target_minutes * 60000 else -${epochMs(engine, "t.lastActivityAt")} end)`;

  let q = selectTicketsWithAccountNames(db).select([group.as("sortGroup"), key.as("sortKey")]);

  if (query.status === "open") q = q.where("t.status", "in", [...OPEN_STATUSES]);
  else if (query.status) q = q.where("t.status", "=", query.status);
  if (query.assignee === "me") q = q.where("t.assigneeUserId", "=", operatorId);
  else if (query.assignee === "unassigned") q = q.where("t.assigneeUserId", "is", null);
  else if (query.assignee) q = q.where("t.assigneeUserId", "=", query.assignee);
  if (query.severity) q = q.where("t.severity", "=", query.severity);
  if (query.category) q = q.where("t.category", "=", query.category);
  if (query.productId) q = q.where("t.productId", "=", query.productId);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      eb.or([
        containsText(sql<string>`lower(t.reference)`, text),
        containsText(sql<string>`lower(t.subject)`, text),
        containsText(sql<string>`lower(coalesce(a.company_name, owner.name, ''))`, text),
      ]),
    );
  }
  if (cursor) {
    q = q.where(
      sql<boolean>`(${group} > ${cursor.group} or (${group} = ${cursor.group} and (${key} > ${cursor.key} or (${key} = ${cursor.key} and t.id > ${cursor.id}))))`,
    );
  }
  const rows = await q
    .orderBy(sql`${group}`)
    .orderBy(sql`${key}`)
    .orderBy("t.id")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ group: Number(last.sortGroup), key: Number(last.sortKey), id: last.id })
        : null,
  };
}

/** Any account's ticket (operators see all). */
export async function findTicketRow(db: Executor, ticketId: string) {
  return db.selectFrom("supportTickets").selectAll().where("id", "=", ticketId).executeTakeFirst();
}

export async function listOperators(db: Executor) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("isOperator", "=", true)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function findOperator(db: Executor, userId: string) {
  return db.selectFrom("users").select(["id", "name", "isOperator"]).where("id", "=", userId).executeTakeFirst();
}
