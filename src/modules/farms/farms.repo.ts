import { randomUUID } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { LicenseState } from "../../../contracts/farms.ts";
import type { DB } from "../../db/schema.ts";
import type { GraceRecord, KeyTerms } from "./license-state.ts";

type Executor = Kysely<DB> | Transaction<DB>;
export type Engine = "sqlite" | "postgres";

/** A farm counts towards its key's pool while it reports: 3 missed check-ins and it drops out. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** Everything a check-in needs about the farm, its key and subscription, in one query. */
export type FarmContext = {
  farmId: string;
  accountId: string;
  subscriptionId: string;
  keyId: string;
  farmUid: string;
  serverId: string;
  name: string;
  status: "active" | "deactivated";
  lastSequence: number;
  currentUsers: number;
  lastPeakUsers: number;
  peakUsers: number;
  appVersion: string;
  keyKind: "primary" | "additional";
  keyLicenses: number | null;
  maxUsersPerFarm: number | null;
  renewWithSubscription: boolean;
  customExpiresAt: Date | null;
  keyCiphertext: string;
  keyTail: string;
  licenseType: KeyTerms["licenseType"];
  totalLicenses: number;
  subscriptionExpiresAt: Date | null;
  suspendedAt: Date | null;
  canceledAt: Date | null;
  reserved: number;
};

function contextQuery(executor: Executor) {
  return executor
    .selectFrom("farms as f")
    .innerJoin("licenseKeys as k", "k.id", "f.keyId")
    .innerJoin("subscriptions as s", "s.id", "f.subscriptionId")
    .select([
      "f.id as farmId",
      "f.accountId",
      "f.subscriptionId",
      "f.keyId",
      "f.farmUid",
      "f.serverId",
      "f.name",
      "f.status",
      "f.lastSequence",
      "f.currentUsers",
      "f.lastPeakUsers",
      "f.peakUsers",
      "f.appVersion",
      "k.kind as keyKind",
      "k.licenses as keyLicenses",
      "k.maxUsersPerFarm",
      "k.renewWithSubscription",
      "k.customExpiresAt",
      "k.keyCiphertext",
      "k.keyTail",
      "s.licenseType",
      "s.totalLicenses",
      "s.expiresAt as subscriptionExpiresAt",
      "s.suspendedAt",
      "s.canceledAt",
      sql<number>`(select coalesce(sum(r.licenses), 0) from license_keys r where r.subscription_id = s.id and r.kind = 'additional')`.as(
        "reserved",
      ),
    ]);
}

export const toContext = (row: FarmContext): FarmContext => ({
  ...row,
  renewWithSubscription: Boolean(row.renewWithSubscription),
  reserved: Number(row.reserved),
});

export async function findFarmContextByCredential(executor: Executor, credentialHash: string) {
  const row = await contextQuery(executor).where("f.credentialHash", "=", credentialHash).executeTakeFirst();
  return row && toContext(row as FarmContext);
}

export async function findFarmContext(executor: Executor, farmId: string) {
  const row = await contextQuery(executor).where("f.id", "=", farmId).executeTakeFirst();
  return row && toContext(row as FarmContext);
}

/** The key's terms as the rules see them. The Primary Key's limit is what additional keys leave in the pool. */
export function termsOf(c: FarmContext): KeyTerms {
  const limit = c.keyKind === "primary" ? c.totalLicenses - c.reserved : (c.keyLicenses ?? 0);
  const expiresAt = c.keyKind === "additional" && !c.renewWithSubscription ? c.customExpiresAt : c.subscriptionExpiresAt;
  return {
    kind: c.keyKind,
    licenseType: c.licenseType,
    limit: Math.max(0, limit),
    maxUsersPerFarm: c.maxUsersPerFarm,
    expiresAt,
    suspended: c.suspendedAt !== null,
    canceled: c.canceledAt !== null,
  };
}

export type KeyUsageRow = GraceRecord & { episodeId: string | null };
export type KeyState = { grace: KeyUsageRow; others: { users: number; top: number } };

/**
 * Marks farms deactivated (by a person, or by the farm itself when `byUserId` is null).
 * Only farms still active change; returns their ids, so a farm deactivated meanwhile by
 * another request is neither changed nor audited twice.
 */
export async function deactivateFarms(executor: Executor, farmIds: string[], now: Date, byUserId: string | null) {
  if (farmIds.length === 0) return [];
  const rows = await executor
    .updateTable("farms")
    .set({
      status: "deactivated",
      licenseState: "deactivated",
      deactivatedAt: now,
      deactivatedByUserId: byUserId,
      updatedAt: now,
    })
    .where("id", "in", farmIds)
    .where("status", "=", "active")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function ensureKeyUsage(executor: Executor, keyId: string, now: Date): Promise<void> {
  await executor
    .insertInto("keyUsage")
    .values({ keyId, updatedAt: now })
    .onConflict((oc) => oc.column("keyId").doNothing())
    .execute();
}

export async function saveKeyUsage(executor: Executor, keyId: string, usage: KeyUsageRow, now: Date): Promise<void> {
  await executor
    .updateTable("keyUsage")
    .set({
      graceStartedAt: usage.startedAt,
      graceEndsAt: usage.endsAt,
      graceLimit: usage.limit,
      episodeId: usage.episodeId,
      updatedAt: now,
    })
    .where("keyId", "=", keyId)
    .execute();
}

/** Users in use now on a key (or on each of several keys). */
export async function usersInUse(executor: Executor, keyIds: string[], now: Date): Promise<Map<string, number>> {
  if (keyIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom("farms")
    .select(["keyId", sql<number>`coalesce(sum(current_users), 0)`.as("users")])
    .where("keyId", "in", keyIds)
    .where("status", "=", "active")
    .where("lastReportAt", ">=", new Date(now.getTime() - STALE_AFTER_MS))
    .groupBy("keyId")
    .execute();
  return new Map(rows.map((r) => [r.keyId, Number(r.users)]));
}

export type Report = {
  farmId: string;
  sequence: number;
  currentUsers: number;
  peakUsers: number;
  appVersion?: string;
  licenseState: LicenseState;
  now: Date;
};

const HOUR_MS = 60 * 60 * 1000;
export const hourStart = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
export const dayStart = (at: Date) => new Date(Math.floor(at.getTime() / (24 * HOUR_MS)) * 24 * HOUR_MS);

export async function openEpisode(
  executor: Executor,
  e: { keyId: string; accountId: string; now: Date; graceEndsAt: Date; limit: number; peakUsers: number },
): Promise<string> {
  const id = randomUUID();
  await executor
    .insertInto("overuseEpisodes")
    .values({
      id,
      keyId: e.keyId,
      accountId: e.accountId,
      startedAt: e.now,
      graceEndsAt: e.graceEndsAt,
      limitAtStart: e.limit,
      peakUsers: e.peakUsers,
    })
    .execute();
  return id;
}

export async function updateEpisode(
  executor: Executor,
  id: string,
  change: { peakUsers: number; graceEndsAt?: Date; deactivatedAt?: Date; endedAt?: Date },
): Promise<void> {
  await executor
    .updateTable("overuseEpisodes")
    .set((eb) => ({
      peakUsers: sql<number>`case when ${eb.ref("peakUsers")} > ${change.peakUsers} then ${eb.ref("peakUsers")} else ${change.peakUsers} end`,
      ...(change.graceEndsAt ? { graceEndsAt: change.graceEndsAt } : {}),
      ...(change.deactivatedAt ? { deactivatedAt: sql<Date>`coalesce(deactivated_at, ${change.deactivatedAt})` } : {}),
      ...(change.endedAt ? { endedAt: change.endedAt } : {}),
    }))
    .where("id", "=", id)
    .execute();
}

/** Claims an overuse email for an episode; false if it was sent already (by any process). */
export async function claimOveruseNotice(
  executor: Executor,
  episodeId: string,
  kind: "started" | "grace_ending" | "deactivated" | "back_under",
  now: Date,
): Promise<boolean> {
  const rows = await executor
    .insertInto("overuseNotices")
    .values({ episodeId, kind, sentAt: now })
    .onConflict((oc) => oc.columns(["episodeId", "kind"]).doNothing())
    .returning("episodeId")
    .execute();
  return rows.length === 1;
}
