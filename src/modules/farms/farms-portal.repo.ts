import { type Kysely, sql, type Transaction } from "kysely";
import type { FarmListQuery } from "../../../contracts/farms.ts";
import { containsText } from "../../db/like.ts";
import type { DB } from "../../db/schema.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Which farms a person may see in an account: null = all (Account Administrators);
 * otherwise the farms of keys they administer, and of every key of a subscription
 * whose Primary Key they administer (licensing-scope.ts).
 */
export type FarmVisibility = { keyIds: string[]; subscriptionIds: string[] } | null;

const FARM_COLUMNS = [
  "f.id",
  "f.name",
  "f.nameKey",
  "f.status",
  "f.licenseState",
  "f.farmUid",
  "f.serverId",
  "f.appVersion",
  "f.activatedAt",
  "f.lastReportAt",
  "f.currentUsers",
  "f.peakUsers",
  "f.subscriptionId",
  "s.displayName as subscriptionName",
  "f.keyId",
  "k.name as keyName",
  "k.keyTail",
  "f.notes",
  "f.deactivatedAt",
  "u.graceEndsAt",
  "k.kind as keyKind",
  "s.expiresAt as subscriptionExpiresAt",
] as const;

function visibleFarms(executor: Executor, accountId: string, visibility: FarmVisibility) {
  let query = executor
    .selectFrom("farms as f")
    .innerJoin("licenseKeys as k", "k.id", "f.keyId")
    .innerJoin("subscriptions as s", "s.id", "f.subscriptionId")
    .leftJoin("keyUsage as u", "u.keyId", "f.keyId")
    .where("f.accountId", "=", accountId);
  if (visibility) {
    const { keyIds, subscriptionIds } = visibility;
    query = query.where((eb) =>
      eb.or([
        ...(keyIds.length ? [eb("f.keyId", "in", keyIds)] : []),
        ...(subscriptionIds.length ? [eb("f.subscriptionId", "in", subscriptionIds)] : []),
        ...(keyIds.length || subscriptionIds.length ? [] : [sql<boolean>`1 = 0`]),
      ]),
    );
  }
  return query;
}

export type FarmRow = Awaited<ReturnType<typeof findVisibleFarm>> & {};

export async function findVisibleFarm(executor: Executor, accountId: string, visibility: FarmVisibility, farmId: string) {
  return visibleFarms(executor, accountId, visibility).select(FARM_COLUMNS).where("f.id", "=", farmId).executeTakeFirst();
}

export async function listVisibleFarms(
  executor: Executor,
  accountId: string,
  visibility: FarmVisibility,
  filter: Omit<FarmListQuery, "limit" | "cursor">,
  page: { after: { v: string; id: string } | null; limit: number },
) {
  let query = visibleFarms(executor, accountId, visibility).select(FARM_COLUMNS);
  if (filter.status !== "all") query = query.where("f.status", "=", filter.status);
  if (filter.subscriptionId) query = query.where("f.subscriptionId", "=", filter.subscriptionId);
  if (filter.keyId) query = query.where("f.keyId", "=", filter.keyId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref("f.nameKey"), q),
        containsText(sql<string>`lower(${eb.ref("f.farmUid")})`, q),
        containsText(sql<string>`lower(${eb.ref("f.serverId")})`, q),
      ]),
    );
  }
  if (page.after) {
    const { v, id } = page.after;
    query = query.where((eb) => eb.or([eb("f.nameKey", ">", v), eb.and([eb("f.nameKey", "=", v), eb("f.id", ">", id)])]));
  }
  return query.orderBy("f.nameKey").orderBy("f.id").limit(page.limit).execute();
}

export async function listVisibleFarmIds(executor: Executor, accountId: string, visibility: FarmVisibility, ids: string[]) {
  if (ids.length === 0) return [];
  return visibleFarms(executor, accountId, visibility).select(["f.id", "f.status", "f.name"]).where("f.id", "in", ids).execute();
}

/** Usage buckets of a key or a farm, oldest first. */
export async function usageBuckets(
  executor: Executor,
  source: { keyId: string } | { farmId: string },
  bucket: "hour" | "day",
  from: Date,
) {
  if ("farmId" in source) {
    return executor
      .selectFrom("farmUsageDaily")
      .select(["dayStart as bucketAt", "maxUsers", "licensed"])
      .where("farmId", "=", source.farmId)
      .where("dayStart", ">=", from)
      .orderBy("dayStart")
      .execute();
  }
  if (bucket === "hour") {
    return executor
      .selectFrom("keyUsageHourly")
      .select(["hourStart as bucketAt", "maxUsers", "licensed"])
      .where("keyId", "=", source.keyId)
      .where("hourStart", ">=", from)
      .orderBy("hourStart")
      .execute();
  }
  return executor
    .selectFrom("keyUsageDaily")
    .select(["dayStart as bucketAt", "maxUsers", "licensed"])
    .where("keyId", "=", source.keyId)
    .where("dayStart", ">=", from)
    .orderBy("dayStart")
    .execute();
}

export async function listEpisodes(executor: Executor, keyId: string, from: Date) {
  return executor
    .selectFrom("overuseEpisodes")
    .select(["startedAt", "endedAt", "peakUsers", "limitAtStart"])
    .where("keyId", "=", keyId)
    .where((eb) => eb.or([eb("endedAt", "is", null), eb("endedAt", ">=", from)]))
    .orderBy("startedAt")
    .execute();
}
