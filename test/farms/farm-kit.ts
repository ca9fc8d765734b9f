import type { Person } from "../helpers/account-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";

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
