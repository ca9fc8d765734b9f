import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB, SubscriptionsTable } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type Engine = "sqlite" | "postgres";

export type SubscriptionRow = Omit<SubscriptionsTable, "createdAt" | "updatedAt" | "renewalEnabled"> & {
  renewalEnabled: boolean;
  productCode: string;
  productName: string;
};

const SUBSCRIPTION_COLUMNS = [
  "s.id",
  "s.accountId",
  "s.productId",
  "s.displayName",
  "s.nameKey",
  "s.licenseType",
  "s.term",
  "s.totalLicenses",
  "s.supportPlan",
  "s.salesChannel",
  "s.resellerName",
  "s.contactName",
  "s.contactEmail",
  "s.renewalEnabled",
  "s.startsAt",
  "s.expiresAt",
  "s.maintenanceExpiresAt",
  "s.activatedAt",
  "s.suspendedAt",
  "s.canceledAt",
  "s.issuedByUserId",
  "p.code as productCode",
  "p.name as productName",
] as const;

function subscriptions(executor: Executor) {
  return executor.selectFrom("subscriptions as s").innerJoin("products as p", "p.id", "s.productId").select(SUBSCRIPTION_COLUMNS);
}

/** Serializes changes to one subscription's seat pool (FOR UPDATE on PostgreSQL; SQLite's writer is already exclusive). */
export async function lockSubscription(trx: Transaction<DB>, engine: Engine, subscriptionId: string): Promise<boolean> {
  const query = trx.selectFrom("subscriptions").select("id").where("id", "=", subscriptionId);
  const row = await (engine === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  return row !== undefined;
}

export async function findSubscription(executor: Executor, subscriptionId: string): Promise<SubscriptionRow | undefined> {
  return subscriptions(executor).where("s.id", "=", subscriptionId).executeTakeFirst();
}

/** Tenant-scoped: a subscription of another account is simply not found. */
export async function findAccountSubscription(executor: Executor, accountId: string, subscriptionId: string) {
  return subscriptions(executor).where("s.accountId", "=", accountId).where("s.id", "=", subscriptionId).executeTakeFirst();
}

export async function listAccountSubscriptions(executor: Executor, accountId: string, onlyIds?: string[]) {
  let query = subscriptions(executor).where("s.accountId", "=", accountId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    query = query.where("s.id", "in", onlyIds);
  }
  return query.execute();
}

export async function listOperatorSubscriptions(executor: Executor, accountId: string | null, limit: number) {
  let query = subscriptions(executor).orderBy("s.createdAt", "desc").limit(limit);
  if (accountId) query = query.where("s.accountId", "=", accountId);
  return query.execute();
}

export type KeyRow = {
  id: string;
  subscriptionId: string;
  kind: "primary" | "additional";
  name: string;
  licenses: number | null;
  maxUsersPerFarm: number | null;
  renewWithSubscription: boolean;
  customExpiresAt: Date | null;
  keyCiphertext: string;
  keyTail: string;
};

const KEY_COLUMNS = [
  "id",
  "subscriptionId",
  "kind",
  "name",
  "licenses",
  "maxUsersPerFarm",
  "renewWithSubscription",
  "customExpiresAt",
  "keyCiphertext",
  "keyTail",
] as const;

/** `renew_with_subscription` is a boolean column whose name the result normalizer does not recognise (SQLite gives 0/1). */
const toKeyRow = (row: KeyRow): KeyRow => ({ ...row, renewWithSubscription: Boolean(row.renewWithSubscription) });

export async function listKeys(executor: Executor, subscriptionId: string): Promise<KeyRow[]> {
  const rows = await executor
    .selectFrom("licenseKeys")
    .select(KEY_COLUMNS)
    .where("subscriptionId", "=", subscriptionId)
    .orderBy("kind", "desc")
    .orderBy("name")
    .execute();
  return rows.map(toKeyRow);
}

export async function findKey(executor: Executor, subscriptionId: string, keyId: string): Promise<KeyRow | undefined> {
  const row = await executor
    .selectFrom("licenseKeys")
    .select(KEY_COLUMNS)
    .where("subscriptionId", "=", subscriptionId)
    .where("id", "=", keyId)
    .executeTakeFirst();
  return row && toKeyRow(row);
}

export async function findKeyByHash(executor: Executor, keyHash: string) {
  return executor
    .selectFrom("licenseKeys")
    .select(["id", "subscriptionId", "kind"])
    .where("keyHash", "=", keyHash)
    .executeTakeFirst();
}

export async function reservedLicenses(executor: Executor, subscriptionId: string): Promise<number> {
  const row = await executor
    .selectFrom("licenseKeys")
    .select(sql<number>`coalesce(sum(licenses), 0)`.as("n"))
    .where("subscriptionId", "=", subscriptionId)
    .where("kind", "=", "additional")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type NewKey = {
  subscriptionId: string;
  accountId: string | null;
  kind: "primary" | "additional";
  name: string;
  licenses: number | null;
  maxUsersPerFarm: number | null;
  renewWithSubscription: boolean;
  customExpiresAt: Date | null;
  keyHash: string;
  keyCiphertext: string;
  keyTail: string;
  now: Date;
};

export async function insertKey(executor: Executor, key: NewKey): Promise<string> {
  const id = randomUUID();
  const { now, ...values } = key;
  await executor
    .insertInto("licenseKeys")
    .values({ id, ...values, createdAt: now, updatedAt: now })
    .execute();
  return id;
}

/** Administrators of the given keys, with their names, for the key table. */
export async function listKeyAdmins(executor: Executor, keyIds: string[]) {
  if (keyIds.length === 0) return [];
  return executor
    .selectFrom("licenseKeyAdmins as a")
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["a.keyId", "a.userId", "u.name", "u.email"])
    .where("a.keyId", "in", keyIds)
    .orderBy("u.name")
    .execute();
}

/** The keys a person administers in an account (their License Administrator rights). */
export async function listAdministeredKeys(executor: Executor, accountId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return executor
    .selectFrom("licenseKeyAdmins as a")
    .innerJoin("licenseKeys as k", "k.id", "a.keyId")
    .select(["a.userId", "k.id as keyId", "k.name", "k.kind", "k.subscriptionId"])
    .where("a.accountId", "=", accountId)
    .where("a.userId", "in", userIds)
    .orderBy("k.name")
    .execute();
}
