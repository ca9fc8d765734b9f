import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { RosterEntry, RosterQuery, RosterSort } from "../../../contracts/accounts.ts";
import { containsText } from "../../db/like.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";

/**
 * The Business Account Users list: members and open invitations in one keyset-paged
 * list. Each side is read in index order (memberships_*_idx, invitations_open_*_idx)
 * with LIMIT n+1 and the two are merged here, so the first page costs two short index
 * scans however large the account is. Sort keys are compared bytewise, as both
 * engines store them (see `sortableText` in column-types.ts).
 */

type SortField = "name" | "email" | "date";
type Cursor = { v: string; id: string };
type Row = RosterEntry & { sortValue: string };

export type RosterFilter = Omit<RosterQuery, "limit" | "cursor" | "sort"> & { sort: RosterSort };

const invalidCursor = () => new AppError(400, "VALIDATION_FAILED", "The page cursor is not valid; start from the first page.");

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.v, cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { v: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * UTF-8 byte order without encoding: for strings without surrogate pairs, UTF-16 code
 * unit order is code point order, which is UTF-8 byte order. (Allocating two Buffers per
 * comparison cost ~0.1 ms per page.)
 */
function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

const byteOrder = (a: Row, b: Row) => compareBytewise(a.sortValue, b.sortValue) || compareBytewise(a.id, b.id);

/** Merges two lists that are each already in `compare` order (as SQL returned them), keeping the first `take`. */
function mergeOrdered(a: Row[], b: Row[], take: number, compare: (x: Row, y: Row) => number): Row[] {
  const out: Row[] = [];
  let i = 0;
  let j = 0;
  while (out.length < take && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || compare(x, y) <= 0)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: works on both sides' queries, whatever they select.
function applyKeyset<QB extends SelectQueryBuilder<DB, any, any>>(
  query: QB,
  column: string,
  idColumnName: string,
  engine: "sqlite" | "postgres",
  descending: boolean,
  cursor: Cursor | null,
  isDate: boolean,
): QB {
  const direction = descending ? "desc" : "asc";
  // Ids are the tie-breaker; on PostgreSQL compare them bytewise too, as the merge below does.
  const idColumn = engine === "postgres" ? sql`${sql.ref(idColumnName)} collate "C"` : sql.ref(idColumnName);
  let q = query.orderBy(column as never, direction).orderBy(idColumn, direction) as QB;
  if (cursor) {
    const value = isDate ? new Date(cursor.v) : cursor.v;
    if (isDate && Number.isNaN((value as Date).getTime())) throw invalidCursor();
    const op = descending ? "<" : ">";
    const col = sql.ref(column);
    // (col > v or (col = v and id > i)), written as col >= v and (col > v or id > i): the first
    // term is an index range on both engines, so page n seeks instead of scanning n pages.
    q = q
      .where(sql<boolean>`${col} ${sql.raw(op)}= ${value}`)
      .where(sql<boolean>`(${col} ${sql.raw(op)} ${value} or ${idColumn} ${sql.raw(op)} ${cursor.id})`) as QB;
  }
  return q;
}

export async function listRoster(
  db: Kysely<DB>,
  engine: "sqlite" | "postgres",
  accountId: string,
  filter: RosterFilter,
  page: { limit: number; cursor: string | undefined },
  now = new Date(),
): Promise<{ items: RosterEntry[]; nextCursor: string | null }> {
  const cursor = decodeCursor(page.cursor);
  const descending = filter.sort.startsWith("-");
  const field = filter.sort.replace("-", "") as SortField;
  const take = page.limit + 1;
  const search = filter.q || null;

  const wantMembers = filter.status === undefined || filter.status === "active" || filter.status === "blocked";
  const wantInvitations =
    (filter.status === undefined || filter.status === "invited" || filter.status === "expired") && filter.role !== "admin";

  // Two independent queries: on PostgreSQL they run on two pooled connections at once.
  const membersQuery = wantMembers
    ? (() => {
        const column = { name: "nameKey", email: "email", date: "joinedAt" }[field];
        let q = db
          .selectFrom("memberships")
          .select(["userId", "displayName", "email", "role", "status", "joinedAt", "nameKey"])
          .where("accountId", "=", accountId);
        if (filter.role) q = q.where("role", "=", filter.role);
        if (filter.status === "active" || filter.status === "blocked") q = q.where("status", "=", filter.status);
        if (search)
          q = q.where((eb) => eb.or([containsText(sql.ref("nameKey"), search), containsText(sql.ref("email"), search)]));
        return applyKeyset(q, column, "userId", engine, descending, cursor, field === "date")
          .limit(take)
          .execute();
      })()
    : undefined;

  const invitationsQuery = wantInvitations
    ? (() => {
        const column = { name: "email", email: "email", date: "sentAt" }[field];
        let q = db
          .selectFrom("invitations")
          .select(["id", "email", "role", "sentAt", "expiresAt", "locale"])
          .where("accountId", "=", accountId)
          .where("status", "=", "pending");
        if (filter.status === "invited") q = q.where("expiresAt", ">", now);
        if (filter.status === "expired") q = q.where("expiresAt", "<=", now);
        if (search) q = q.where(containsText(sql.ref("email"), search));
        return applyKeyset(q, column, "id", engine, descending, cursor, field === "date")
          .limit(take)
          .execute();
      })()
    : undefined;
  const [members = [], invitations = []] = await Promise.all([membersQuery, invitationsQuery]);

  const sortValue = (v: string | Date) => (v instanceof Date ? v.toISOString() : v);
  const memberRows = members.map(
    (m): Row => ({
      kind: "member",
      id: m.userId,
      name: m.displayName,
      email: m.email,
      role: m.role,
      status: m.status,
      date: m.joinedAt.toISOString(),
      expiresAt: null,
      locale: null,
      licenseKeys: [],
      sortValue: sortValue({ name: m.nameKey, email: m.email, date: m.joinedAt }[field]),
    }),
  );
  const invitationRows = invitations.map(
    (i): Row => ({
      kind: "invitation",
      id: i.id,
      name: null,
      email: i.email,
      role: i.role,
      status: i.expiresAt > now ? "invited" : "expired",
      date: i.sentAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      locale: i.locale as RosterEntry["locale"],
      licenseKeys: [],
      sortValue: sortValue({ name: i.email, email: i.email, date: i.sentAt }[field]),
    }),
  );
  const rows = mergeOrdered(memberRows, invitationRows, take, descending ? (a, b) => byteOrder(b, a) : byteOrder);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ v: last.sortValue, id: last.id }) : null;
  return { items: pageRows.map(({ sortValue: _, ...entry }) => entry), nextCursor };
}
