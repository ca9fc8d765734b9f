import type { LicenseKeyView } from "./api.ts";

/** One key of the account, with the subscription it belongs to (for the Users → Role picker). */
export type AccountKey = { subscriptionId: string; subscriptionName: string; key: LicenseKeyView };

/** The keys this person manages now. */
export function managedKeyIds(keys: readonly AccountKey[], userId: string): Set<string> {
  return new Set(keys.filter(({ key }) => key.administrators.some((a) => a.userId === userId)).map(({ key }) => key.id));
}

export type AdministratorChange = { subscriptionId: string; keyId: string; keyName: string; userIds: string[] };

/**
 * The PUT …/administrators calls that make `wanted` the person's set of keys: one per
 * key whose list gains or loses them, with the key's other administrators kept.
 */
export function administratorChanges(
  keys: readonly AccountKey[],
  userId: string,
  wanted: ReadonlySet<string>,
): AdministratorChange[] {
  const changes: AdministratorChange[] = [];
  for (const { subscriptionId, key } of keys) {
    const others = key.administrators.map((a) => a.userId).filter((id) => id !== userId);
    const has = others.length !== key.administrators.length;
    const wants = wanted.has(key.id);
    if (has === wants) continue;
    changes.push({ subscriptionId, keyId: key.id, keyName: key.name, userIds: wants ? [...others, userId] : others });
  }
  return changes;
}

/** The derived role the Users list shows: a Regular Member who manages keys is a License Administrator. */
export function isLicenseAdministrator(role: "member" | "admin", licenseKeys: readonly string[]): boolean {
  return role === "member" && licenseKeys.length > 0;
}
