import { checkKey } from "../../../contracts/license-key-format.ts";
import type {
  DashboardSummary,
  SubscriptionDetails,
  SubscriptionListQuery,
  SubscriptionPage,
  SubscriptionSummary,
} from "../../../contracts/licensing.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { SharedState } from "../../server/shared-state.ts";
import { type AccountActor, checkMembership } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { usersInUse } from "../farms/farms.repo.ts";
import type { LicenseKeyCrypto } from "./license-key-crypto.ts";
import { toDetails, toKeyView, toSummary } from "./licensing.presenter.ts";
import {
  countSubscriptionsByStatus,
  findAccountSubscription,
  findKeyByHash,
  findSubscription,
  listKeys,
  listSubscriptionKeyAdmins,
  listSubscriptionSummaries,
} from "./licensing.repo.ts";
import { scopeFor } from "./licensing-scope.ts";

export const subscriptionNotFound = () => new AppError(404, "SUBSCRIPTION_NOT_FOUND", "No such subscription in this account.");

/** Wrong keys per account and IP before the register form pauses: enough for typos, too few to probe. */
const REGISTER_FAILURES = 10;
const REGISTER_WINDOW_MS = 15 * 60 * 1000;

type Deps = {
  database: Database;
  crypto: LicenseKeyCrypto;
  clock: Clock;
  rateLimit: boolean;
  /** Where failed registrations are counted (in memory, or shared by every process). */
  shared: Pick<SharedState, "failureLimiter">;
};

/** Expiry as a number; a permanent license (no expiry) sorts after every date. */
const expiry = (s: SubscriptionSummary) => (s.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(s.expiresAt));

const SORTERS: Record<SubscriptionListQuery["sort"], (a: SubscriptionSummary, b: SubscriptionSummary) => number> = {
  name: (a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1),
  "-name": (a, b) => b.displayName.localeCompare(a.displayName) || (a.id < b.id ? 1 : -1),
  // Not localeCompare with a "~" sentinel: ICU collation puts "~" before digits, so permanent licenses came first.
  expires: (a, b) => expiry(a) - expiry(b) || (a.id < b.id ? -1 : 1),
  "-expires": (a, b) => expiry(b) - expiry(a) || (a.id < b.id ? 1 : -1),
  licenses: (a, b) => a.totalLicenses - b.totalLicenses || (a.id < b.id ? -1 : 1),
  "-licenses": (a, b) => b.totalLicenses - a.totalLicenses || (a.id < b.id ? 1 : -1),
};

export function createSubscriptionsService({ database, crypto, clock, rateLimit, shared }: Deps) {
  const { db } = database;
  const registerFailures = shared.failureLimiter("register-key", REGISTER_FAILURES, REGISTER_WINDOW_MS);

  /** The subscriptions this person may see: all of the account's (undefined), or these. */
  async function visibleIds(actor: AccountActor): Promise<string[] | undefined> {
    const scope = await scopeFor(db, actor);
    return scope.subscriptionIds ? [...scope.subscriptionIds] : undefined;
  }

  async function details(actor: AccountActor, subscriptionId: string, revealKeyId?: string): Promise<SubscriptionDetails> {
    // One round of queries (concurrent on PostgreSQL's pool); what the caller may not see is dropped below.
    const [scope, s, keys, keyAdmins] = await Promise.all([
      scopeFor(db, actor),
      findAccountSubscription(db, actor.accountId, subscriptionId),
      listKeys(db, subscriptionId),
      listSubscriptionKeyAdmins(db, subscriptionId),
    ]);
    if (!s || (scope.subscriptionIds && !scope.subscriptionIds.has(s.id))) throw subscriptionNotFound();
    // What reservedLicenses() sums in SQL: the licenses of the additional keys.
    const reserved = keys.reduce((sum, k) => sum + (k.kind === "additional" ? (k.licenses ?? 0) : 0), 0);
    const shown = keys.filter((k) => scope.canSeeKey(s.id, k.id));
    const admins = new Map<string, Array<{ userId: string; name: string; email: string }>>();
    for (const { keyId, userId, name, email } of keyAdmins)
      admins.set(keyId, [...(admins.get(keyId) ?? []), { userId, name, email }]);
    const available = Math.max(0, s.totalLicenses - reserved);
    const now = clock.now();
    const inUse = await usersInUse(
      db,
      shown.map((k) => k.id),
      now,
    );
    return toDetails(s, now, {
      reserved,
      inUseNow: [...inUse.values()].reduce((sum, n) => sum + n, 0),
      canManageSubscription: scope.isAdmin,
      canCreateKeys: scope.canCreateKeys(s.id),
      keys: shown.map((k) =>
        toKeyView(k, s, {
          available,
          canManage: scope.canManageKey(s.id, k.id),
          reveal: k.id === revealKeyId,
          crypto,
          administrators: admins.get(k.id) ?? [],
        }),
      ),
    });
  }

  return {
    details,

    /** Counted in SQL (countSubscriptionsByStatus): reading and converting 1,000 full rows took 20–40 ms. */
    async dashboard(actor: AccountActor): Promise<DashboardSummary> {
      const now = clock.now();
      const cards = new Map<string, DashboardSummary["cards"][number]>();
      for (const row of await countSubscriptionsByStatus(db, actor.accountId, now, await visibleIds(actor))) {
        const card = cards.get(row.productId) ?? {
          product: { id: row.productId, code: row.productCode, name: row.productName },
          active: 0,
          expiringSoon: 0,
          grace: 0,
          expired: 0,
          suspended: 0,
          totalLicenses: 0,
        };
        const field = {
          active: "active",
          expiring_soon: "expiringSoon",
          grace: "grace",
          expired: "expired",
          suspended: "suspended",
        } as const;
        card[field[row.status]] += row.subscriptions;
        if (row.status !== "expired") card.totalLicenses += row.licenses;
        cards.set(row.productId, card);
      }
      return { cards: [...cards.values()].sort((a, b) => a.product.name.localeCompare(b.product.name)) };
    },

    /**
     * The subscriptions list. An account holds at most thousands of subscriptions, so the
     * list is filtered in SQL and sorted in memory from one indexed read of the summary
     * columns; the cursor is the position after the last row of the previous page in that order.
     */
    async list(actor: AccountActor, query: SubscriptionListQuery): Promise<SubscriptionPage> {
      const now = clock.now();
      const found = await listSubscriptionSummaries(db, actor.accountId, {
        now,
        onlyIds: await visibleIds(actor),
        ...(query.productId ? { productId: query.productId } : {}),
        ...(query.display !== "all" ? { status: query.display } : {}),
      });
      // toSummary reads only the columns of SubscriptionSummaryRow.
      const rows = found.map((s) => toSummary(s, now));
      rows.sort(SORTERS[query.sort]);
      let start = 0;
      if (query.cursor) {
        const index = rows.findIndex((r) => r.id === query.cursor);
        if (index < 0) throw new AppError(400, "VALIDATION_FAILED", "The page cursor is not valid; start from the first page.");
        start = index + 1;
      }
      const items = rows.slice(start, start + query.limit);
      const last = items.at(-1);
      return { items, nextCursor: last && start + query.limit < rows.length ? last.id : null };
    },

    async update(
      actor: AccountActor,
      subscriptionId: string,
      body: { displayName?: string; renewalEnabled?: boolean },
      client: ClientInfo,
    ): Promise<SubscriptionDetails> {
      await db.transaction().execute(async (trx) => {
        await checkMembership(trx, actor.accountId, actor.userId, { admin: true });
        const s = await findAccountSubscription(trx, actor.accountId, subscriptionId);
        if (!s) throw subscriptionNotFound();
        await trx
          .updateTable("subscriptions")
          .set({
            ...(body.displayName !== undefined ? { displayName: body.displayName, nameKey: body.displayName.toLowerCase() } : {}),
            ...(body.renewalEnabled !== undefined ? { renewalEnabled: body.renewalEnabled } : {}),
            updatedAt: clock.now(),
          })
          .where("id", "=", s.id)
          .execute();
        await insertAuditEvent(trx, {
          action: "subscription.updated",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "subscription",
          targetId: s.id,
          ...client,
          metadata: { ...body, name: s.displayName },
        });
      });
      return details(actor, subscriptionId);
    },

    /**
     * Register a subscription: its Primary Key, typed by an Account Administrator, moves
     * the subscription into the account. A key registers once; the conditional update
     * settles two accounts racing for the same key. Failures count against the account
     * and IP, so the form cannot be used to probe for keys.
     */
    async register(actor: AccountActor, typedKey: string, client: ClientInfo): Promise<SubscriptionDetails> {
      const limiterKey = `${actor.accountId}|${client.ipAddress}`;
      const wait = rateLimit ? await registerFailures.retryAfterSeconds(limiterKey) : 0;
      if (wait > 0) {
        throw new AppError(429, "RATE_LIMITED", "Too many keys that did not work. Try again later.", { retryAfterSeconds: wait });
      }
      const fail = async (error: AppError) => {
        if (rateLimit) await registerFailures.recordFailure(limiterKey);
        return error;
      };
      const checked = checkKey(typedKey);
      if (!checked.ok) {
        const message = "This is not a valid license key. Check it against your email: 5 groups of 6 letters and digits.";
        throw await fail(new AppError(400, "KEY_FORMAT_INVALID", message, { errors: [{ field: "key", message }] }));
      }
      const key = await findKeyByHash(db, crypto.hash(checked.key));
      if (key?.kind !== "primary") throw await fail(new AppError(404, "KEY_NOT_FOUND", "No subscription has this key."));
      const subscriptionId = key.subscriptionId;
      await db.transaction().execute(async (trx) => {
        await checkMembership(trx, actor.accountId, actor.userId, { admin: true });
        const now = clock.now();
        const moved = await trx
          .updateTable("subscriptions")
          .set({ accountId: actor.accountId, activatedAt: now, updatedAt: now })
          .where("id", "=", subscriptionId)
          .where("accountId", "is", null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) {
          throw await fail(new AppError(409, "KEY_ALREADY_REGISTERED", "This key has already been registered to an account."));
        }
        await trx
          .updateTable("licenseKeys")
          .set({ accountId: actor.accountId })
          .where("subscriptionId", "=", subscriptionId)
          .execute();
        const s = await findSubscription(trx, subscriptionId);
        await insertAuditEvent(trx, {
          action: "subscription.registered",
          outcome: "success",
          actorUserId: actor.userId,
          accountId: actor.accountId,
          targetType: "subscription",
          targetId: subscriptionId,
          ...client,
          metadata: { name: s?.displayName ?? null },
        });
      });
      return details(actor, subscriptionId);
    },
  };
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
