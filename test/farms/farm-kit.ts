import { FarmLicenseResponse } from "../../contracts/farms.ts";
import type { Person } from "../helpers/account-fixtures.ts";
import { TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";

/** Calls the farm API the way a farm does: no cookies, no Origin, JSON bodies. */
export async function farmCall(t: TestApp, path: string, body?: unknown, credential?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (credential) headers.authorization = `Bearer ${credential}`;
  return t.app.inject({
    method: "POST",
    url: `/api/farm/v1/${path}`,
    headers,
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

let farmCounter = 0;
export const newFarmUid = (prefix = "farm") => `${prefix}-${process.pid}-${++farmCounter}`;

export async function activate(
  t: TestApp,
  who: Pick<Person, "email" | "password">,
  key: string | undefined,
  overrides: Record<string, unknown> = {},
) {
  const farmUid = newFarmUid();
  return farmCall(t, "activate", {
    email: who.email,
    password: who.password,
    ...(key ? { key } : {}),
    farmId: farmUid,
    serverId: `srv-${farmUid}`,
    appVersion: "19.4.1",
    farmName: `Farm ${farmUid}`,
    ...overrides,
  });
}

/** Activates and returns the credential, failing loudly otherwise. */
export async function activated(t: TestApp, who: Pick<Person, "email" | "password">, key: string | undefined, overrides = {}) {
  const response = await activate(t, who, key, overrides);
  if (response.statusCode !== 201) throw new Error(`activation failed: ${response.body}`);
  const body = response.json();
  return { credential: body.farmCredential as string, farmId: body.farm.id as string, sequence: 0, body };
}

export type Farm = Awaited<ReturnType<typeof activated>>;

/** The farm's next report (its sequence number grows by one). */
export async function report(t: TestApp, farm: Farm, currentUsers: number, peakUsers = currentUsers) {
  farm.sequence += 1;
  return farmCall(t, "check-in", { sequence: farm.sequence, currentUsers, peakUsers }, farm.credential);
}

export async function stateAfter(t: TestApp, farm: Farm, users: number) {
  const response = await report(t, farm, users);
  if (response.statusCode !== 200) throw new Error(`check-in failed: ${response.body}`);
  // Every answer in every farms test has the documented shape.
  FarmLicenseResponse.parse(response.json());
  return response.json().license as { state: string; daysLeft: number | null; concurrentUsers: { inUse: number; limit: number } };
}

/**
 * Lets time pass the way it does for real farms: every `stepMs` (under the hour after
 * which a silent farm stops counting) each farm reports its users.
 */
export async function keepReporting(
  t: TestApp,
  clock: { now(): Date; set(at: Date): void },
  farms: Array<[Farm, number]>,
  durationMs: number,
  stepMs = 50 * 60 * 1000,
) {
  const end = clock.now().getTime() + durationMs;
  while (clock.now().getTime() < end) {
    clock.set(new Date(Math.min(end, clock.now().getTime() + stepMs)));
    for (const [farm, users] of farms) await stateAfter(t, farm, users);
  }
}

// ---- Portal helpers (Manage Farms) ----

export type PortalMethod = "GET" | "POST" | "PATCH";

/**
 * A portal request as the web app sends it (same-origin, cookie if signed in). `bearer`
 * adds `Authorization: Bearer …`, to show that a farm credential is no way into the portal.
 */
export async function portal(
  t: TestApp,
  who: { cookie: string } | null,
  method: PortalMethod,
  url: string,
  payload?: unknown,
  bearer?: string,
) {
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  if (payload !== undefined) headers["content-type"] = "application/json";
  if (who) headers.cookie = who.cookie;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
}

export const farmsUrl = (accountId: string) => `/api/accounts/${accountId}/farms`;
export const farmUrl = (accountId: string, farmId: string) => `${farmsUrl(accountId)}/${farmId}`;
export const keyUsageUrl = (accountId: string, keyId: string) => `/api/accounts/${accountId}/keys/${keyId}/usage`;

/** The id of a subscription's Primary Key, from Subscription Details as its Account Administrator sees them. */
export async function primaryKeyId(t: TestApp, admin: { cookie: string }, accountId: string, subscriptionId: string) {
  const response = await portal(t, admin, "GET", `/api/accounts/${accountId}/subscriptions/${subscriptionId}`);
  const keys = response.json().keys as Array<{ id: string; kind: string }> | undefined;
  const primary = keys?.find((k) => k.kind === "primary");
  if (!primary) throw new Error(`no Primary Key in ${response.body}`);
  return primary.id;
}

/** The farm's row as stored: the ground truth for what a check-in or a deactivation changed. */
export async function farmRow(t: TestApp, farmId: string) {
  return t.database.db
    .selectFrom("farms")
    .select(["id", "status", "currentUsers", "lastSequence", "lastReportAt", "licenseState"])
    .where("id", "=", farmId)
    .executeTakeFirstOrThrow();
}
