import type { Person } from "../helpers/account-fixtures.ts";
import { JSON_HEADERS } from "../helpers/identity-fixtures.ts";
import { issue } from "../helpers/licensing-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";

/**
 * Small helpers shared by the licensing tests (not a test file itself): a request helper
 * that also speaks DELETE, URLs, and direct reads of the seat pool from the tables.
 */

export type Who = { cookie: string } | null;
export type Method = "GET" | "POST" | "PUT" | "DELETE";

export async function send(t: TestApp, who: Who, method: Method, url: string, payload?: unknown) {
  const headers: Record<string, string> = payload === undefined ? { origin: JSON_HEADERS.origin } : { ...JSON_HEADERS };
  if (who) headers.cookie = who.cookie;
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export const subsUrl = (accountId: string) => `/api/accounts/${accountId}/subscriptions`;
export const subUrl = (accountId: string, subscriptionId: string) => `${subsUrl(accountId)}/${subscriptionId}`;
export const keysUrl = (accountId: string, subscriptionId: string) => `${subUrl(accountId, subscriptionId)}/keys`;
export const keyUrl = (accountId: string, subscriptionId: string, keyId: string) =>
  `${keysUrl(accountId, subscriptionId)}/${keyId}`;
export const actionsUrl = (subscriptionId: string) => `/api/operator/subscriptions/${subscriptionId}/actions`;

/** Creates an additional key and returns its view; throws unless 201. */
export async function newKey(t: TestApp, who: Who, accountId: string, subscriptionId: string, body: Record<string, unknown>) {
  const response = await send(t, who, "POST", keysUrl(accountId, subscriptionId), { name: "Key", licenses: 1, ...body });
  if (response.statusCode !== 201) throw new Error(`create key failed: ${response.body}`);
  return response.json() as { id: string; key: string; licenses: number };
}

export async function grant(t: TestApp, admin: Who, accountId: string, subscriptionId: string, keyId: string, userIds: string[]) {
  const response = await send(t, admin, "PUT", `${keyUrl(accountId, subscriptionId, keyId)}/administrators`, { userIds });
  if (response.statusCode !== 200) throw new Error(`grant failed: ${response.body}`);
}

/** A subscription issued as a registration key (no account yet); returns its id and Primary Key. */
export async function unregistered(t: TestApp, op: Person, licenses = 10) {
  return issue(t, op, { purchaserEmail: "buyer@example.com", licenses });
}

/** The pool straight from the tables: the ground truth for the seat-pool invariant. */
export async function poolInDb(t: TestApp, subscriptionId: string) {
  const { db } = t.database;
  const s = await db
    .selectFrom("subscriptions")
    .select("totalLicenses")
    .where("id", "=", subscriptionId)
    .executeTakeFirstOrThrow();
  const keys = await db
    .selectFrom("licenseKeys")
    .select(["licenses"])
    .where("subscriptionId", "=", subscriptionId)
    .where("kind", "=", "additional")
    .execute();
  return {
    total: Number(s.totalLicenses),
    reserved: keys.reduce((sum, k) => sum + Number(k.licenses ?? 0), 0),
    count: keys.length,
  };
}
