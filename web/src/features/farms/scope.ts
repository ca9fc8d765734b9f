import type { AccountKey } from "../licensing/member-keys.ts";
import type { FarmScope } from "./paths.ts";

/**
 * The subscription/key picker's value: "" for every key, "s:<id>" for all keys of a
 * subscription, "k:<id>" for one key. One <select> stands for both filters.
 */
export function scopeValue(scope: FarmScope): string {
  if (scope.keyId) return `k:${scope.keyId}`;
  if (scope.subscriptionId) return `s:${scope.subscriptionId}`;
  return "";
}

export function scopeFromValue(value: string, keys: readonly AccountKey[]): FarmScope {
  if (value.startsWith("k:")) {
    const keyId = value.slice(2);
    const subscriptionId = keys.find((entry) => entry.key.id === keyId)?.subscriptionId ?? null;
    return { keyId, subscriptionId };
  }
  if (value.startsWith("s:")) return { subscriptionId: value.slice(2) };
  return {};
}

export type SubscriptionGroup = { subscriptionId: string; subscriptionName: string; keys: AccountKey[] };

/** The keys grouped by subscription, in the order they came (subscriptions by name; Primary Key first within each). */
export function groupKeys(keys: readonly AccountKey[]): SubscriptionGroup[] {
  const groups = new Map<string, SubscriptionGroup>();
  for (const entry of keys) {
    let group = groups.get(entry.subscriptionId);
    if (!group) {
      group = { subscriptionId: entry.subscriptionId, subscriptionName: entry.subscriptionName, keys: [] };
      groups.set(entry.subscriptionId, group);
    }
    group.keys.push(entry);
  }
  for (const group of groups.values()) {
    group.keys.sort((a, b) => (a.key.kind === b.key.kind ? 0 : a.key.kind === "primary" ? -1 : 1));
  }
  return [...groups.values()];
}

/** The one key the chart is for: the key picked, or the only key of the subscription picked. */
export function chartedKey(scope: FarmScope, keys: readonly AccountKey[]): AccountKey | null {
  if (scope.keyId) return keys.find((entry) => entry.key.id === scope.keyId) ?? null;
  if (scope.subscriptionId) {
    const ofSubscription = keys.filter((entry) => entry.subscriptionId === scope.subscriptionId);
    return ofSubscription.length === 1 ? (ofSubscription[0] ?? null) : null;
  }
  return null;
}
