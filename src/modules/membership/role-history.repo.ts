import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { RoleChange } from "../../../contracts/accounts.ts";
import type { DB } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;

export type RoleChangeInput = {
  accountId: string;
  userId: string;
  fromRole: "member" | "admin" | null;
  toRole: "member" | "admin";
  note: string | null;
  changedByUserId: string | null;
  now: Date;
};

/** Role history is append-only: every grant and change, with the note the administrator wrote. */
export async function insertRoleChange(executor: Executor, change: RoleChangeInput): Promise<void> {
  await executor
    .insertInto("membershipRoleChanges")
    .values({
      id: randomUUID(),
      accountId: change.accountId,
      userId: change.userId,
      fromRole: change.fromRole,
      toRole: change.toRole,
      note: change.note,
      changedByUserId: change.changedByUserId,
      changedAt: change.now,
    })
    .execute();
}

export async function listRoleChanges(executor: Executor, accountId: string, userId: string): Promise<RoleChange[]> {
  const rows = await executor
    .selectFrom("membershipRoleChanges as c")
    .leftJoin("users as u", "u.id", "c.changedByUserId")
    .select(["c.fromRole", "c.toRole", "c.note", "c.changedAt", "c.changedByUserId", "u.name", "u.email"])
    .where("c.accountId", "=", accountId)
    .where("c.userId", "=", userId)
    .orderBy("c.changedAt", "desc")
    .orderBy("c.id", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    fromRole: r.fromRole,
    toRole: r.toRole,
    note: r.note,
    changedBy: r.changedByUserId && r.name && r.email ? { userId: r.changedByUserId, name: r.name, email: r.email } : null,
    changedAt: r.changedAt.toISOString(),
  }));
}
