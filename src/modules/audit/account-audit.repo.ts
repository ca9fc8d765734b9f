import type { Kysely } from "kysely";
import type { AccountAuditEntry, AuditQuery } from "../../../contracts/invitations.ts";
import type { DB } from "../../db/schema.ts";
import { decodeTimeCursor, encodeTimeCursor } from "../../db/time-cursor.ts";

/** The account's audit log, newest first, keyset-paged on (occurred_at, id) over audit_events_account_idx. */
export async function listAccountAudit(
  db: Kysely<DB>,
  accountId: string,
  query: Omit<AuditQuery, "limit" | "cursor">,
  page: { limit: number; cursor: string | undefined },
): Promise<{ items: AccountAuditEntry[]; nextCursor: string | null }> {
  const cursor = decodeTimeCursor(page.cursor);
  let q = db
    .selectFrom("auditEvents as e")
    .leftJoin("users as u", "u.id", "e.actorUserId")
    .select([
      "e.id",
      "e.occurredAt",
      "e.action",
      "e.outcome",
      "e.actorUserId",
      "e.targetType",
      "e.targetId",
      "e.ipAddress",
      "e.metadataJson",
      "u.name as actorName",
      "u.email as actorEmail",
    ])
    .where("e.accountId", "=", accountId);
  if (query.person) {
    const person = query.person;
    q = q.where((eb) =>
      eb.or([eb("e.actorUserId", "=", person), eb.and([eb("e.targetType", "=", "user"), eb("e.targetId", "=", person)])]),
    );
  }
  if (query.action) q = q.where("e.action", "=", query.action);
  if (query.from) q = q.where("e.occurredAt", ">=", new Date(query.from));
  if (query.to) q = q.where("e.occurredAt", "<=", new Date(query.to));
  if (cursor) {
    const at = new Date(cursor.at);
    q = q.where((eb) => eb.or([eb("e.occurredAt", "<", at), eb.and([eb("e.occurredAt", "=", at), eb("e.id", "<", cursor.id)])]));
  }
  const rows = await q
    .orderBy("e.occurredAt", "desc")
    .orderBy("e.id", "desc")
    .limit(page.limit + 1)
    .execute();

  const items = rows.slice(0, page.limit).map((r): AccountAuditEntry => {
    const details = (r.metadataJson ?? {}) as Record<string, unknown>;
    const label = typeof details.name === "string" ? details.name : typeof details.email === "string" ? details.email : null;
    return {
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      action: r.action,
      outcome: r.outcome,
      actor:
        r.actorUserId && r.actorName && r.actorEmail ? { userId: r.actorUserId, name: r.actorName, email: r.actorEmail } : null,
      target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId, label } : null,
      details,
      ipAddress: r.ipAddress,
    };
  });
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeTimeCursor({ at: last.occurredAt, id: last.id }) : null };
}
