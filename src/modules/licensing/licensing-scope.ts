import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { listAdministeredKeys } from "./licensing.repo.ts";

/**
 * What one person may see and do with the account's licenses:
 * - an Account Administrator: everything;
 * - a Regular Member who is License Administrator of some keys: the subscriptions those
 *   keys belong to, and in them only their keys, except that the administrator of a
 *   Primary Key sees and manages every key of its subscription;
 * - any other Regular Member: nothing.
 * Blocked members never get here (account access refuses them), which is what freezes
 * their rights; removing a membership deletes its grants.
 */
export type LicensingScope = {
  isAdmin: boolean;
  /** Subscriptions the person may see; null = all of the account's. */
  subscriptionIds: Set<string> | null;
  canSeeKey(subscriptionId: string, keyId: string): boolean;
  /** Manage = edit and reveal the key. Deleting additional keys needs canCreateKeys. */
  canManageKey(subscriptionId: string, keyId: string): boolean;
  canCreateKeys(subscriptionId: string): boolean;
};

export async function scopeFor(executor: Kysely<DB> | Transaction<DB>, actor: AccountActor): Promise<LicensingScope> {
  if (actor.role === "admin") {
    return {
      isAdmin: true,
      subscriptionIds: null,
      canSeeKey: () => true,
      canManageKey: () => true,
      canCreateKeys: () => true,
    };
  }
  const keys = await listAdministeredKeys(executor, actor.accountId, [actor.userId]);
  const keyIds = new Set(keys.map((k) => k.keyId));
  const primaryOf = new Set(keys.filter((k) => k.kind === "primary").map((k) => k.subscriptionId));
  const manages = (subscriptionId: string, keyId: string) => primaryOf.has(subscriptionId) || keyIds.has(keyId);
  return {
    isAdmin: false,
    subscriptionIds: new Set(keys.map((k) => k.subscriptionId)),
    canSeeKey: manages,
    canManageKey: manages,
    canCreateKeys: (subscriptionId) => primaryOf.has(subscriptionId),
  };
}
