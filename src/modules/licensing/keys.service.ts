import type { Transaction } from "kysely";
import type { KeyBody, LicenseKeyView } from "../../../contracts/licensing.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { type AccountActor, checkMembership } from "../accounts/account-access.ts";
import { type AuditEntry, insertAuditEvent } from "../audit/audit.repo.ts";
import type { LicenseKeyCrypto } from "./license-key-crypto.ts";
import {
  findAccountSubscription,
  findKey,
  insertKey,
  lockSubscription,
  reservedLicenses,
  type SubscriptionRow,
} from "./licensing.repo.ts";
import { scopeFor } from "./licensing-scope.ts";
import { type SubscriptionsService, subscriptionNotFound } from "./subscriptions.service.ts";

const keyNotFound = () => new AppError(404, "LICENSE_KEY_NOT_FOUND", "No such license key in this subscription.");
const forbidden = () => new AppError(403, "FORBIDDEN", "You may not manage this license key.");

type Deps = { database: Database; crypto: LicenseKeyCrypto; clock: Clock; subscriptions: Pick<SubscriptionsService, "details"> };
type PrimaryBody = { name?: string; maxUsersPerFarm?: number | null };

function poolExhausted(available: number) {
  return new AppError(409, "POOL_EXHAUSTED", `Only ${available} licenses are available in the main pool.`, {
    errors: [{ field: "licenses", message: `At most ${available}.` }],
  });
}

function checkExpiry(body: KeyBody, s: SubscriptionRow): Date | null {
  if (body.renewWithSubscription) return null;
  if (!body.customExpiresAt) {
    const message = "Choose an expiry date, or Renew with Subscription.";
    throw new AppError(400, "VALIDATION_FAILED", message, { errors: [{ field: "customExpiresAt", message }] });
  }
  const at = new Date(body.customExpiresAt);
  if (s.expiresAt && at > s.expiresAt) {
    const message = "A key cannot expire after its subscription.";
    throw new AppError(400, "KEY_EXPIRY_AFTER_SUBSCRIPTION", message, { errors: [{ field: "customExpiresAt", message }] });
  }
  return at;
}

/**
 * License keys of a subscription. Every change runs under the subscription's lock and
 * re-reads the pool inside it: licenses reserved in additional keys never exceed the
 * subscription's total, however many requests race.
 */
export function createKeysService({ database, crypto, clock, subscriptions }: Deps) {
  const { db, engine } = database;

  async function inKeyTransaction<T>(
    actor: AccountActor,
    subscriptionId: string,
    work: (trx: Transaction<DB>, s: SubscriptionRow, scope: Awaited<ReturnType<typeof scopeFor>>) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (trx) => {
      if (!(await lockSubscription(trx, engine, subscriptionId))) throw subscriptionNotFound();
      const member = await checkMembership(trx, actor.accountId, actor.userId, {});
      const scope = await scopeFor(trx, { ...actor, role: member.role });
      const s = await findAccountSubscription(trx, actor.accountId, subscriptionId);
      if (!s || (scope.subscriptionIds && !scope.subscriptionIds.has(s.id))) throw subscriptionNotFound();
      return work(trx, s, scope);
    });
  }

  const audit = (trx: Transaction<DB>, actor: AccountActor, entry: Omit<AuditEntry, "outcome" | "actorUserId" | "accountId">) =>
    insertAuditEvent(trx, { outcome: "success", actorUserId: actor.userId, accountId: actor.accountId, ...entry });

  async function view(actor: AccountActor, subscriptionId: string, keyId: string): Promise<LicenseKeyView> {
    const details = await subscriptions.details(actor, subscriptionId, keyId);
    const key = details.keys.find((k) => k.id === keyId);
    if (!key) throw keyNotFound();
    return key;
  }

  return {
    view,

    async create(actor: AccountActor, subscriptionId: string, body: KeyBody, client: ClientInfo): Promise<LicenseKeyView> {
      const keyId = await inKeyTransaction(actor, subscriptionId, async (trx, s, scope) => {
        if (!scope.canCreateKeys(s.id)) throw forbidden();
        const available = s.totalLicenses - (await reservedLicenses(trx, s.id));
        if (body.licenses > available) throw poolExhausted(Math.max(0, available));
        const customExpiresAt = checkExpiry(body, s);
        const key = crypto.generate();
        const id = await insertKey(trx, {
          subscriptionId: s.id,
          accountId: actor.accountId,
          kind: "additional",
          name: body.name,
          licenses: body.licenses,
          maxUsersPerFarm: body.maxUsersPerFarm,
          renewWithSubscription: body.renewWithSubscription,
          customExpiresAt,
          keyHash: crypto.hash(key),
          keyCiphertext: crypto.encrypt(key),
          keyTail: key.slice(-6),
          now: clock.now(),
        });
        await audit(trx, actor, {
          action: "license_key.created",
          targetType: "license_key",
          targetId: id,
          ...client,
          metadata: { subscriptionId: s.id, name: body.name, licenses: body.licenses },
        });
        return id;
      });
      return view(actor, subscriptionId, keyId);
    },

    async update(actor: AccountActor, subscriptionId: string, keyId: string, body: KeyBody | PrimaryBody, client: ClientInfo) {
      await inKeyTransaction(actor, subscriptionId, async (trx, s, scope) => {
        const key = await findKey(trx, s.id, keyId);
        if (!key || !scope.canSeeKey(s.id, key.id)) throw keyNotFound();
        if (!scope.canManageKey(s.id, key.id)) throw forbidden();
        const now = clock.now();
        if (key.kind === "primary") {
          const primary = body as PrimaryBody;
          await trx
            .updateTable("licenseKeys")
            .set({
              ...(primary.name !== undefined ? { name: primary.name } : {}),
              ...(primary.maxUsersPerFarm !== undefined ? { maxUsersPerFarm: primary.maxUsersPerFarm } : {}),
              updatedAt: now,
            })
            .where("id", "=", key.id)
            .execute();
        } else {
          const full = body as KeyBody;
          if (typeof full.licenses !== "number") {
            throw new AppError(400, "VALIDATION_FAILED", "Enter the number of licenses.", {
              errors: [{ field: "licenses", message: "Enter the number of licenses." }],
            });
          }
          const available = s.totalLicenses - (await reservedLicenses(trx, s.id)) + (key.licenses ?? 0);
          if (full.licenses > available) throw poolExhausted(Math.max(0, available));
          const customExpiresAt = checkExpiry(full, s);
          await trx
            .updateTable("licenseKeys")
            .set({
              name: full.name,
              licenses: full.licenses,
              maxUsersPerFarm: full.maxUsersPerFarm,
              renewWithSubscription: full.renewWithSubscription,
              customExpiresAt,
              updatedAt: now,
            })
            .where("id", "=", key.id)
            .execute();
        }
        await audit(trx, actor, {
          action: "license_key.updated",
          targetType: "license_key",
          targetId: key.id,
          ...client,
          metadata: { subscriptionId: s.id, ...body },
        });
      });
      return view(actor, subscriptionId, keyId);
    },

    /** Deleting an additional key returns its licenses to the main pool. */
    async remove(actor: AccountActor, subscriptionId: string, keyId: string, client: ClientInfo): Promise<void> {
      await inKeyTransaction(actor, subscriptionId, async (trx, s, scope) => {
        const key = await findKey(trx, s.id, keyId);
        if (!key || !scope.canSeeKey(s.id, key.id)) throw keyNotFound();
        // Deleting changes the subscription's pool: Account Administrators and the Primary Key's administrators only.
        if (!scope.canCreateKeys(s.id)) throw forbidden();
        if (key.kind === "primary") {
          throw new AppError(
            409,
            "PRIMARY_KEY_NOT_DELETABLE",
            "The Primary Key belongs to the subscription and cannot be deleted.",
          );
        }
        await trx.deleteFrom("licenseKeys").where("id", "=", key.id).execute();
        await audit(trx, actor, {
          action: "license_key.deleted",
          targetType: "license_key",
          targetId: key.id,
          ...client,
          metadata: { subscriptionId: s.id, name: key.name, licenses: key.licenses },
        });
      });
    },

    /** License Administrators of a key: Account Administrators choose them among active Regular Members. */
    async setAdministrators(actor: AccountActor, subscriptionId: string, keyId: string, userIds: string[], client: ClientInfo) {
      const wanted = [...new Set(userIds)];
      await inKeyTransaction(actor, subscriptionId, async (trx, s, scope) => {
        if (!scope.isAdmin)
          throw new AppError(403, "ADMIN_ROLE_REQUIRED", "Only an Account Administrator can choose License Administrators.");
        const key = await findKey(trx, s.id, keyId);
        if (!key) throw keyNotFound();
        const before = await trx.selectFrom("licenseKeyAdmins").select("userId").where("keyId", "=", key.id).execute();
        const had = new Set(before.map((r) => r.userId));
        const added = wanted.filter((u) => !had.has(u));
        const removed = [...had].filter((u) => !wanted.includes(u));
        // Only new grants are checked: a blocked administrator's frozen grant may stay on the list.
        if (added.length > 0) {
          const members = await trx
            .selectFrom("memberships")
            .select("userId")
            .where("accountId", "=", actor.accountId)
            .where("userId", "in", added)
            .where("role", "=", "member")
            .where("status", "=", "active")
            .execute();
          if (members.length !== added.length) {
            throw new AppError(
              400,
              "NOT_A_REGULAR_MEMBER",
              "License Administrators are chosen among the account's active Regular Members.",
            );
          }
        }

        if (removed.length > 0) {
          await trx.deleteFrom("licenseKeyAdmins").where("keyId", "=", key.id).where("userId", "in", removed).execute();
        }
        if (added.length > 0) {
          const now = clock.now();
          await trx
            .insertInto("licenseKeyAdmins")
            .values(
              added.map((userId) => ({
                keyId: key.id,
                accountId: actor.accountId,
                userId,
                grantedByUserId: actor.userId,
                grantedAt: now,
              })),
            )
            .execute();
        }
        await audit(trx, actor, {
          action: "license_key.administrators_changed",
          targetType: "license_key",
          targetId: key.id,
          ...client,
          metadata: { subscriptionId: s.id, name: key.name, added, removed },
        });
      });
      return view(actor, subscriptionId, keyId);
    },
  };
}

export type KeysService = ReturnType<typeof createKeysService>;
