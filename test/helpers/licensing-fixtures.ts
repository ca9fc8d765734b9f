import { call, type Person, person } from "./account-fixtures.ts";
import type { TestApp } from "./test-app.ts";

/** A signed-in vendor operator (the flag is set as `license-portal operator create` would). */
export async function operator(t: TestApp): Promise<Person> {
  const who = await person(t, "operator");
  await t.database.db.updateTable("users").set({ isOperator: true }).where("email", "=", who.email).execute();
  return who;
}

export type Issued = { id: string; primaryKey: string };

export async function issue(t: TestApp, op: Person, body: Record<string, unknown>): Promise<Issued> {
  const response = await call(t, op, "POST", "/api/operator/subscriptions", {
    productId: "ras",
    licenseType: "subscription",
    term: "1y",
    licenses: 50,
    supportPlan: "standard",
    salesChannel: "direct",
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(`issue failed: ${response.body}`);
  const view = response.json();
  return { id: view.id, primaryKey: view.primaryKey };
}

export const subscriptionUrl = (accountId: string, subscriptionId: string) =>
  `/api/accounts/${accountId}/subscriptions/${subscriptionId}`;

export async function createKey(
  t: TestApp,
  who: Person,
  accountId: string,
  subscriptionId: string,
  licenses: number,
  name = "Division",
) {
  return call(t, who, "POST", `${subscriptionUrl(accountId, subscriptionId)}/keys`, { name, licenses });
}
