import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";

export type AuditOutcome = "success" | "failure" | "denied";

export type AuditEntry = {
  action: string;
  outcome: AuditOutcome;
  actorUserId?: string | null;
  accountId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  metadata?: Record<string, unknown>;
};

export type AuditEvent = Required<Omit<AuditEntry, "metadata">> & {
  id: string;
  occurredAt: Date;
  metadata: Record<string, unknown> | null;
};

type Executor = Kysely<DB> | Transaction<DB>;

function toRow(entry: AuditEntry, occurredAt: Date) {
  return {
    id: randomUUID(),
    occurredAt,
    action: entry.action,
    outcome: entry.outcome,
    actorUserId: entry.actorUserId ?? null,
    accountId: entry.accountId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ipAddress: entry.ipAddress ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    metadataJson: entry.metadata ? JSON.stringify(entry.metadata) : null,
  };
}

/** Pass the transaction of the change being audited, so the record and the change commit together. */
export async function insertAuditEvent(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insertInto("auditEvents").values(toRow(entry, new Date())).execute();
}

/** Many records in one statement, e.g. one per address of a Send Invitations. */
export async function insertAuditEvents(executor: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const now = new Date();
  await executor
    .insertInto("auditEvents")
    .values(entries.map((entry) => toRow(entry, now)))
    .execute();
}

export async function listAuditEventsForActor(executor: Executor, actorUserId: string, limit: number): Promise<AuditEvent[]> {
  const rows = await executor
    .selectFrom("auditEvents")
    .select([
      "id",
      "occurredAt",
      "action",
      "outcome",
      "actorUserId",
      "accountId",
      "targetType",
      "targetId",
      "ipAddress",
      "userAgent",
      "metadataJson",
    ])
    .where("actorUserId", "=", actorUserId)
    .orderBy("occurredAt", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ metadataJson, ...row }) => ({ ...row, metadata: metadataJson }));
}
