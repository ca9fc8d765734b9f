import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { SubscriptionStatus } from "../../../contracts/licensing.ts";
import type { DB, SubscriptionsTable } from "../../db/schema.ts";
import { statusBoundaries } from "./subscription-status.ts";

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
  "s.paymentGraceEndsAt",
  "s.billingAnchorAt",
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

/**
 * subscriptionStatus() as SQL, at the same `now` (the boundaries of statusBoundaries), so the
 * Dashboard and the Display filter need not read and parse every subscription of the account.
 * SQLite compares the ISO-8601 text it stores; PostgreSQL compares timestamptz.
 */
function statusSql(now: Date) {
  const { soon, graceStart } = statusBoundaries(now);
  const expires = sql.ref("s.expiresAt");
  return sql<SubscriptionStatus>`case
    when ${sql.ref("s.suspendedAt")} is not null then 'suspended'
    when ${sql.ref("s.canceledAt")} is not null then 'expired'
    when ${expires} is null or ${expires} > ${soon} then 'active'
    when ${expires} > ${now} then 'expiring_soon'
    when ${expires} > ${graceStart} then 'grace'
    else 'expired' end`;
}

/** The Dashboard's counts: subscriptions and their licenses by product and status at `now`. */
export async function countSubscriptionsByStatus(executor: Executor, accountId: string, now: Date, onlyIds?: string[]) {
  if (onlyIds?.length === 0) return [];
  const rows = await executor
    .selectFrom("subscriptions as s")
    .innerJoin("products as p", "p.id", "s.productId")
    .select((eb) => [
      "s.productId",
      "p.code as productCode",
      "p.name as productName",
      statusSql(now).as("status"),
      eb.fn.countAll<number>().as("subscriptions"),
      eb.fn.sum<number>("s.totalLicenses").as("licenses"),
    ])
    .where("s.accountId", "=", accountId)
    .$if(onlyIds !== undefined, (q) => q.where("s.id", "in", onlyIds ?? []))
    // By position: PostgreSQL would not match the status expression's parameters in a repeated GROUP BY expression.
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
    .execute();
  return rows.map((r) => ({ ...r, subscriptions: Number(r.subscriptions), licenses: Number(r.licenses) }));
}

/** What a line of the subscriptions list shows (licensing.presenter.ts toSummary reads only these). */
export type SubscriptionSummaryRow = Pick<
  SubscriptionRow,
  | "id"
  | "displayName"
  | "productId"
  | "productCode"
  | "productName"
  | "licenseType"
  | "salesChannel"
  | "totalLicenses"
  | "expiresAt"
  | "suspendedAt"
  | "canceledAt"
>;

/**
 * The subscriptions list's rows: only the columns a summary shows (the full row costs 2–3× more to
 * read and convert), filtered in SQL by product and by status at `now`.
 */
export async function listSubscriptionSummaries(
  executor: Executor,
  accountId: string,
  filter: { now: Date; onlyIds?: string[]; productId?: string; status?: SubscriptionStatus },
): Promise<SubscriptionSummaryRow[]> {
  if (filter.onlyIds?.length === 0) return [];
  return executor
    .selectFrom("subscriptions as s")
    .innerJoin("products as p", "p.id", "s.productId")
    .select([
      "s.id",
      "s.displayName",
      "s.productId",
      "p.code as productCode",
      "p.name as productName",
      "s.licenseType",
      "s.salesChannel",
      "s.totalLicenses",
      "s.expiresAt",
      "s.suspendedAt",
      "s.canceledAt",
    ])
    .where("s.accountId", "=", accountId)
    .$if(filter.onlyIds !== undefined, (q) => q.where("s.id", "in", filter.onlyIds ?? []))
    .$if(filter.productId !== undefined, (q) => q.where("s.productId", "=", filter.productId ?? ""))
    .$if(filter.status !== undefined, (q) => q.where(statusSql(filter.now), "=", filter.status ?? "active"))
    .execute();
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

/** Administrators of every key of a subscription, with their names (one query with the keys, not after them). */
export async function listSubscriptionKeyAdmins(executor: Executor, subscriptionId: string) {
  return executor
    .selectFrom("licenseKeys as k")
    .innerJoin("licenseKeyAdmins as a", "a.keyId", "k.id")
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["a.keyId", "a.userId", "u.name", "u.email"])
    .where("k.subscriptionId", "=", subscriptionId)
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

/**
 * Who hears about a subscription or one of its keys (expiry reminders, overuse): the
 * account's active Account Administrators and the active License Administrators of the
 * subscription's keys, or of one key; each address once.
 */
export async function listLicenseRecipients(
  executor: Executor,
  accountId: string,
  about: { subscriptionId: string } | { keyId: string },
) {
  const admins = executor
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.email", "u.name", "u.locale"])
    .where("m.accountId", "=", accountId)
    .where("m.role", "=", "admin")
    .where("m.status", "=", "active");
  let keyAdmins = executor
    .selectFrom("licenseKeyAdmins as a")
    .innerJoin("licenseKeys as k", "k.id", "a.keyId")
    .innerJoin("memberships as m", (join) => join.onRef("m.accountId", "=", "a.accountId").onRef("m.userId", "=", "a.userId"))
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["u.email", "u.name", "u.locale"])
    .where("m.status", "=", "active");
  keyAdmins =
    "keyId" in about
      ? keyAdmins.where("a.keyId", "=", about.keyId)
      : keyAdmins.where("k.subscriptionId", "=", about.subscriptionId);
  const rows = await admins.union(keyAdmins).execute();
  return [...new Map(rows.map((r) => [r.email, r])).values()];
}
