import type {
  FarmListQuery,
  FarmPage,
  FarmView,
  LicenseState,
  UpdateFarmBody,
  UsageRange,
  UsageSeries,
} from "../../../contracts/farms.ts";
import { maskKey } from "../../../contracts/license-key-format.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { CSV_BOM, csvLine } from "../../server/csv.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { listAdministeredKeys, reservedLicenses } from "../licensing/licensing.repo.ts";
import { decodeCursor, encodeCursor } from "../membership/roster.repo.ts";
import { dayStart, deactivateFarms, hourStart, STALE_AFTER_MS, usersInUse } from "./farms.repo.ts";
import {
  type FarmVisibility,
  findVisibleFarm,
  listEpisodes,
  listVisibleFarmIds,
  listVisibleFarms,
  usageBuckets,
} from "./farms-portal.repo.ts";
import { EXPIRY_GRACE_DAYS } from "./license-state.ts";

export const farmNotFound = () => new AppError(404, "FARM_NOT_FOUND", "No such farm in this account.");
const keyNotFound = () => new AppError(404, "LICENSE_KEY_NOT_FOUND", "No such license key in this account.");

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const RANGES: Record<UsageRange, { bucket: "hour" | "day"; spanMs: number }> = {
  "24h": { bucket: "hour", spanMs: DAY_MS },
  "30d": { bucket: "day", spanMs: 30 * DAY_MS },
  "12m": { bucket: "day", spanMs: 365 * DAY_MS },
};

type Row = NonNullable<Awaited<ReturnType<typeof findVisibleFarm>>>;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const daysUntil = (end: Date | null, now: Date) =>
  end && end > now ? Math.max(1, Math.ceil((end.getTime() - now.getTime()) / DAY_MS)) : null;

/** The days left that the farm's state refers to (the state was computed at its last report; the days count from now). */
function stateDaysLeft(r: Row, now: Date): number | null {
  if (r.licenseState === "overuse_grace") return daysUntil(r.graceEndsAt, now);
  if (r.licenseState === "expired_grace" && r.keyKind === "primary" && r.subscriptionExpiresAt) {
    return daysUntil(new Date(r.subscriptionExpiresAt.getTime() + EXPIRY_GRACE_DAYS * DAY_MS), now);
  }
  return null;
}

function toView(r: Row, now: Date): FarmView {
  // A farm that stopped reporting no longer has users on it, whatever it said last.
  const reporting = r.status === "active" && r.lastReportAt !== null && now.getTime() - r.lastReportAt.getTime() < STALE_AFTER_MS;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    licenseState: r.licenseState as LicenseState,
    licenseDaysLeft: stateDaysLeft(r, now),
    farmUid: r.farmUid,
    serverId: r.serverId,
    appVersion: r.appVersion,
    activatedAt: r.activatedAt.toISOString(),
    lastReportAt: iso(r.lastReportAt),
    currentUsers: reporting ? r.currentUsers : 0,
    peakUsers: r.peakUsers,
    subscriptionId: r.subscriptionId,
    subscriptionName: r.subscriptionName,
    keyId: r.keyId,
    keyName: r.keyName,
    maskedKey: maskKey(r.keyTail),
    notes: r.notes,
    deactivatedAt: iso(r.deactivatedAt),
  };
}

type Deps = { database: Database; clock: Clock };

/** Manage Farms: what people see and do with their account's farms. */
export function createFarmsService({ database, clock }: Deps) {
  const { db } = database;

  async function visibility(actor: AccountActor): Promise<FarmVisibility> {
    if (actor.role === "admin") return null;
    const keys = await listAdministeredKeys(db, actor.accountId, [actor.userId]);
    return {
      keyIds: keys.map((k) => k.keyId),
      subscriptionIds: keys.filter((k) => k.kind === "primary").map((k) => k.subscriptionId),
    };
  }

  async function requireFarm(actor: AccountActor, farmId: string): Promise<Row> {
    const row = await findVisibleFarm(db, actor.accountId, await visibility(actor), farmId);
    if (!row) throw farmNotFound();
    return row;
  }

  async function page(actor: AccountActor, query: FarmListQuery): Promise<FarmPage> {
    const { limit, cursor, ...filter } = query;
    const rows = await listVisibleFarms(db, actor.accountId, await visibility(actor), filter, {
      after: decodeCursor(cursor),
      limit: limit + 1,
    });
    const now = clock.now();
    const items = rows.slice(0, limit).map((r) => toView(r, now));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ v: last.nameKey, id: last.id }) : null };
  }

  async function series(
    range: UsageRange,
    source: { keyId: string } | { farmId: string },
    limitNow: number,
  ): Promise<UsageSeries> {
    const now = clock.now();
    const { bucket, spanMs } = RANGES[range];
    const floor = bucket === "hour" ? hourStart : dayStart;
    const from = floor(new Date(now.getTime() - spanMs));
    const rows = await usageBuckets(db, source, "farmId" in source ? "day" : bucket, from);
    const episodes = "keyId" in source ? await listEpisodes(db, source.keyId, from) : [];
    const points = rows.map((r) => ({ at: r.bucketAt.toISOString(), maxUsers: r.maxUsers, limit: r.licensed }));
    if ("keyId" in source) {
      // The roll-up runs every few minutes; the users in use now make the current bucket live.
      const inUse = (await usersInUse(db, [source.keyId], now)).get(source.keyId) ?? 0;
      const current = floor(now).toISOString();
      const last = points.at(-1);
      if (last?.at === current) last.maxUsers = Math.max(last.maxUsers, inUse);
      else if (inUse > 0) points.push({ at: current, maxUsers: inUse, limit: limitNow });
    }
    return {
      range,
      bucket: "farmId" in source ? "day" : bucket,
      from: from.toISOString(),
      to: now.toISOString(),
      limit: limitNow,
      points,
      overuse: episodes.map((e) => ({
        startedAt: e.startedAt.toISOString(),
        endedAt: iso(e.endedAt),
        peakUsers: e.peakUsers,
        limit: e.limitAtStart,
      })),
    };
  }

  return {
    list: page,

    async get(actor: AccountActor, farmId: string): Promise<FarmView> {
      return toView(await requireFarm(actor, farmId), clock.now());
    },

    async update(actor: AccountActor, farmId: string, body: UpdateFarmBody, client: ClientInfo): Promise<FarmView> {
      const before = await requireFarm(actor, farmId);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("farms")
          .set({
            ...(body.name !== undefined ? { name: body.name, nameKey: body.name.toLowerCase() } : {}),
            ...(body.notes !== undefined ? { notes: body.notes } : {}),
            updatedAt: now,
          })
          .where("id", "=", farmId)
          .execute();
        await insertAuditEvent(trx, {
          action: "farm.updated",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "farm",
          targetId: farmId,
          ...client,
          metadata: {
            farmName: body.name ?? before.name,
            ...(body.name !== undefined && body.name !== before.name ? { renamedFrom: before.name } : {}),
            ...(body.notes !== undefined ? { notesChanged: body.notes !== before.notes } : {}),
          },
        });
      });
      return this.get(actor, farmId);
    },

    /** Deactivates the farms the person may see; the others in the list answer 404 as a whole (nothing half-done). */
    async deactivate(actor: AccountActor, farmIds: string[], client: ClientInfo) {
      const unique = [...new Set(farmIds)];
      const rows = await listVisibleFarmIds(db, actor.accountId, await visibility(actor), unique);
      if (rows.length !== unique.length) throw farmNotFound();
      const now = clock.now();
      const active = rows.filter((r) => r.status === "active");
      const deactivated = await db.transaction().execute(async (trx) => {
        const changed = new Set(
          await deactivateFarms(
            trx,
            active.map((r) => r.id),
            now,
            actor.userId,
          ),
        );
        for (const r of active.filter((f) => changed.has(f.id))) {
          await insertAuditEvent(trx, {
            action: "farm.deactivated",
            outcome: "success",
            actorUserId: actor.userId,
            accountId: actor.accountId,
            targetType: "farm",
            targetId: r.id,
            ...client,
            metadata: { farmName: r.name, by: "person" },
          });
        }
        return changed;
      });
      return {
        deactivated: [...deactivated],
        alreadyDeactivated: rows.filter((r) => !deactivated.has(r.id)).map((r) => r.id),
      };
    },

    /** The whole filtered list as CSV, page by page (an account may have thousands of farms). */
    async csv(actor: AccountActor, query: Omit<FarmListQuery, "limit" | "cursor">): Promise<string> {
      const lines = [
        CSV_BOM,
        csvLine([
          "Farm name",
          "Current Status",
          "License state",
          "Farm ID",
          "Server ID",
          "App Version",
          "Activation Date",
          "Last Report Date",
          "Peak Usage",
          "Activation Key",
          "Key name",
          "Subscription",
          "Notes",
        ]),
      ];
      let cursor: string | undefined;
      do {
        const result = await page(actor, { ...query, limit: 500, ...(cursor ? { cursor } : {}) });
        for (const f of result.items) {
          lines.push(
            csvLine([
              f.name,
              f.status === "active" ? "Active" : "Deactivated",
              f.licenseState,
              f.farmUid,
              f.serverId,
              f.appVersion,
              f.activatedAt,
              f.lastReportAt,
              f.peakUsers,
              f.maskedKey,
              f.keyName,
              f.subscriptionName,
              f.notes,
            ]),
          );
        }
        cursor = result.nextCursor ?? undefined;
      } while (cursor);
      return lines.join("");
    },

    async keyUsage(actor: AccountActor, keyId: string, range: UsageRange): Promise<UsageSeries> {
      const vis = await visibility(actor);
      const key = await db
        .selectFrom("licenseKeys as k")
        .innerJoin("subscriptions as s", "s.id", "k.subscriptionId")
        .select(["k.id", "k.kind", "k.licenses", "k.subscriptionId", "s.totalLicenses"])
        .where("k.id", "=", keyId)
        .where("s.accountId", "=", actor.accountId)
        .executeTakeFirst();
      const visible = key && (!vis || vis.keyIds.includes(key.id) || vis.subscriptionIds.includes(key.subscriptionId));
      if (!key || !visible) throw keyNotFound();
      const reserved = key.kind === "primary" ? await reservedLicenses(db, key.subscriptionId) : 0;
      const limit = key.kind === "primary" ? key.totalLicenses - reserved : (key.licenses ?? 0);
      return series(range, { keyId }, Math.max(0, limit));
    },

    async farmUsage(actor: AccountActor, farmId: string, range: UsageRange): Promise<UsageSeries> {
      const farm = await requireFarm(actor, farmId);
      const current = await series(range, { farmId: farm.id }, 0);
      return { ...current, limit: current.points.at(-1)?.limit ?? 0 };
    },
  };
}

export type FarmsService = ReturnType<typeof createFarmsService>;
