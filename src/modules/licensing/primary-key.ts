import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { LicenseKeyCrypto } from "./license-key-crypto.ts";
import { insertKey } from "./licensing.repo.ts";

/**
 * Creates a subscription's Primary Key (a fresh key, stored only as its hash, its
 * ciphertext and its last group) and returns the key in clear, for the one answer or
 * sealed email that may show it. Used by the operator console's Issue, the store when a
 * purchase is paid, and a farm's trial ("Trial Key"), so all make the same kind of key.
 */
export async function insertPrimaryKey(
  executor: Kysely<DB> | Transaction<DB>,
  crypto: LicenseKeyCrypto,
  input: { subscriptionId: string; accountId: string | null; now: Date; name?: string },
): Promise<string> {
  const key = crypto.generate();
  await insertKey(executor, {
    subscriptionId: input.subscriptionId,
    accountId: input.accountId,
    kind: "primary",
    name: input.name ?? "Primary Key",
    licenses: null,
    maxUsersPerFarm: null,
    renewWithSubscription: true,
    customExpiresAt: null,
    keyHash: crypto.hash(key),
    keyCiphertext: crypto.encrypt(key),
    keyTail: key.slice(-6),
    now: input.now,
  });
  return key;
}
