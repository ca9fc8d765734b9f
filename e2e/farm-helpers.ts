import { type APIRequestContext, expect, type Page } from "@playwright/test";
import type { Person } from "./account-helpers.ts";

/** POSTs as the signed-in `page` (its cookies), with the Origin the server checks. */
export async function postAs<T>(page: Page, origin: string, url: string, data: unknown): Promise<T> {
  const response = await page.request.post(url, { headers: { origin }, data });
  expect(response.ok(), `POST ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export type Activated = { farmCredential: string; farm: { id: string; name: string } };

/** A farm's console: activates with the account's email, password and a key, then reports its users once. */
export async function activateFarm(
  request: APIRequestContext,
  person: Person,
  key: string,
  farm: { name: string; uid: string; users: number },
): Promise<Activated> {
  const activated = await request.post("/api/farm/v1/activate", {
    data: {
      email: person.email,
      password: person.password,
      key,
      farmId: farm.uid,
      serverId: `${farm.uid}-srv`,
      appVersion: "19.4.1",
      farmName: farm.name,
    },
  });
  expect(activated.status(), `activate ${farm.name}: ${await activated.text()}`).toBe(201);
  const body = (await activated.json()) as Activated;
  const report = await request.post("/api/farm/v1/check-in", {
    headers: { authorization: `Bearer ${body.farmCredential}` },
    data: { sequence: 1, currentUsers: farm.users, peakUsers: farm.users },
  });
  expect(report.status(), `check-in ${farm.name}: ${await report.text()}`).toBe(200);
  return body;
}
