import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { CompanyInfo, CompanyView } from "../../../contracts/accounts.ts";
import type { DB } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type Engine = "sqlite" | "postgres";

export type AccountRow = {
  id: string;
  kind: "personal" | "business";
  ownerUserId: string | null;
  companyName: string | null;
  createdAt: Date;
} & { [K in keyof CompanyView]: CompanyView[K] | null };

export type MembershipRow = {
  accountId: string;
  userId: string;
  role: "member" | "admin";
  status: "active" | "blocked";
  email: string;
  displayName: string;
  joinedAt: Date;
};

const ACCOUNT_COLUMNS = [
  "id",
  "kind",
  "ownerUserId",
  "companyName",
  "country",
  "postcode",
  "businessPhone",
  "addressLine1",
  "addressLine2",
  "city",
  "vatId",
  "website",
  "createdAt",
] as const;

const MEMBERSHIP_COLUMNS = ["accountId", "userId", "role", "status", "email", "displayName", "joinedAt"] as const;

/** The lowercased sort key of a display name; what the Users list orders and searches by. */
export const nameKeyOf = (displayName: string) => displayName.trim().toLowerCase();

/**
 * Serializes every membership change of one account. On PostgreSQL a row lock on the
 * account; on SQLite every write transaction already holds the single writer
 * (BEGIN IMMEDIATE), so there is nothing more to take. Counting administrators and
 * changing a role inside this lock is what keeps the last-administrator invariant
 * true under concurrent requests.
 */
export async function lockAccount(trx: Transaction<DB>, engine: Engine, accountId: string): Promise<boolean> {
  if (engine === "sqlite") {
    const row = await trx.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
    return row !== undefined;
  }
  const row = await trx.selectFrom("accounts").select("id").where("id", "=", accountId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Role, status and account kind in one indexed read (both primary keys): this runs on every account request. */
export async function findAccess(executor: Executor, accountId: string, userId: string) {
  return executor
    .selectFrom("memberships")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .select(["memberships.role", "memberships.status", "accounts.kind"])
    .where("memberships.accountId", "=", accountId)
    .where("memberships.userId", "=", userId)
    .executeTakeFirst();
}

export async function findAccount(executor: Executor, accountId: string): Promise<AccountRow | undefined> {
  return executor.selectFrom("accounts").select(ACCOUNT_COLUMNS).where("id", "=", accountId).executeTakeFirst();
}

export async function findPersonalAccountId(executor: Executor, userId: string): Promise<string | undefined> {
  const row = await executor.selectFrom("accounts").select("id").where("ownerUserId", "=", userId).executeTakeFirst();
  return row?.id;
}

export type Person = { id: string; email: string; name: string };

/** Creates the person's personal account (and their membership of it) if it does not exist yet. Safe to race. */
export async function ensurePersonalAccount(executor: Executor, person: Person, now = new Date()): Promise<string> {
  const existing = await findPersonalAccountId(executor, person.id);
  if (existing) return existing;
  await executor
    .insertInto("accounts")
    .values({
      id: randomUUID(),
      kind: "personal",
      ownerUserId: person.id,
      createdByUserId: person.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.column("ownerUserId").doNothing())
    .execute();
  const accountId = await findPersonalAccountId(executor, person.id);
  if (!accountId) throw new Error("personal account vanished after insert");
  await insertMembership(executor, { accountId, person, role: "admin", now, ignoreConflict: true });
  return accountId;
}

export async function insertBusinessAccount(
  executor: Executor,
  input: { company: CompanyInfo; createdByUserId: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await executor
    .insertInto("accounts")
    .values({
      id,
      kind: "business",
      ownerUserId: null,
      ...input.company,
      createdByUserId: input.createdByUserId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .execute();
  return id;
}

export async function updateCompany(executor: Executor, accountId: string, company: CompanyInfo, now: Date): Promise<void> {
  await executor
    .updateTable("accounts")
    .set({ ...company, updatedAt: now })
    .where("id", "=", accountId)
    .where("kind", "=", "business")
    .execute();
}

export async function insertMembership(
  executor: Executor,
  input: { accountId: string; person: Person; role: "member" | "admin"; now: Date; ignoreConflict?: boolean },
): Promise<void> {
  const query = executor.insertInto("memberships").values({
    accountId: input.accountId,
    userId: input.person.id,
    role: input.role,
    status: "active",
    email: input.person.email.toLowerCase(),
    displayName: input.person.name,
    nameKey: nameKeyOf(input.person.name),
    joinedAt: input.now,
    updatedAt: input.now,
  });
  await (input.ignoreConflict ? query.onConflict((oc) => oc.columns(["accountId", "userId"]).doNothing()) : query).execute();
}

export async function findMembership(executor: Executor, accountId: string, userId: string): Promise<MembershipRow | undefined> {
  return executor
    .selectFrom("memberships")
    .select(MEMBERSHIP_COLUMNS)
    .where("accountId", "=", accountId)
    .where("userId", "=", userId)
    .executeTakeFirst();
}

/** The person's memberships with their accounts, for the account switcher. */
export async function listMembershipsOfUser(executor: Executor, userId: string) {
  return executor
    .selectFrom("memberships")
    .innerJoin("accounts", "accounts.id", "memberships.accountId")
    .select([
      "accounts.id",
      "accounts.kind",
      "accounts.companyName",
      "memberships.role",
      "memberships.status",
      "memberships.joinedAt",
      "memberships.displayName",
    ])
    .where("memberships.userId", "=", userId)
    .orderBy("accounts.kind", "desc")
    .orderBy("accounts.companyName")
    .execute();
}

export async function listActiveAdmins(executor: Executor, accountId: string): Promise<Person[]> {
  const rows = await executor
    .selectFrom("memberships")
    .select(["userId", "email", "displayName"])
    .where("accountId", "=", accountId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("nameKey")
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.userId, email: r.email, name: r.displayName }));
}

export async function countActiveAdmins(executor: Executor, accountId: string): Promise<number> {
  const row = await executor
    .selectFrom("memberships")
    .select(sql<number>`count(*)`.as("n"))
    .where("accountId", "=", accountId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Ends a membership and every right that came with it (License Administrator grants
 * included). Remove and Leave both go through here; the audit trail stays.
 */
export async function deleteMembership(executor: Executor, accountId: string, userId: string): Promise<void> {
  await executor.deleteFrom("licenseKeyAdmins").where("accountId", "=", accountId).where("userId", "=", userId).execute();
  await executor.deleteFrom("memberships").where("accountId", "=", accountId).where("userId", "=", userId).execute();
}

/** Keeps the Users list's copy of a person's name current (see the memberships migration). */
export async function renameMemberships(executor: Executor, userId: string, displayName: string): Promise<void> {
  await executor
    .updateTable("memberships")
    .set({ displayName, nameKey: nameKeyOf(displayName) })
    .where("userId", "=", userId)
    .execute();
}

export async function findPerson(executor: Executor, userId: string): Promise<(Person & { locale: string }) | undefined> {
  return executor.selectFrom("users").select(["id", "email", "name", "locale"]).where("id", "=", userId).executeTakeFirst();
}
