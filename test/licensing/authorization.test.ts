import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, businessAccount, join, type Person, person, setMember } from "../helpers/account-fixtures.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { grant, keysUrl, keyUrl, type Method, newKey, send, subsUrl, subUrl, unregistered } from "./licensing-kit.ts";

/**
 * Issue 4, point 10: every licensing and operator route, for every kind of caller.
 * Account A has subscriptions SA (Primary Key PA, additional keys X and Y) and SB (key Z).
 * laX administers X, laP administers PA; blocked and removed members administered X.
 */

type Who = "outsider" | "nonMember" | "regular" | "laX" | "laP" | "blocked" | "removed" | "admin" | "otherAdmin" | "op";
type Case = { name: string; who: Who; account?: "A" | "O"; sub?: "A" | "B"; key?: "own" | "other" };
const CASES: Case[] = [
  { name: "outsider", who: "outsider" },
  { name: "signed-in non-member", who: "nonMember" },
  { name: "Regular Member without keys", who: "regular" },
  { name: "License Administrator of X asking about Y (same subscription)", who: "laX" },
  { name: "License Administrator of X asking about another subscription", who: "laX", sub: "B" },
  { name: "License Administrator of X about X", who: "laX", key: "own" },
  { name: "License Administrator of the Primary Key, in its subscription", who: "laP" },
  { name: "License Administrator of the Primary Key, in another subscription", who: "laP", sub: "B" },
  { name: "blocked member", who: "blocked" },
  { name: "removed member", who: "removed" },
  { name: "Account Administrator", who: "admin" },
  { name: "administrator of a different account", who: "otherAdmin" },
  { name: "administrator of a different account, A's ids under their own account", who: "otherAdmin", account: "O" },
  { name: "operator", who: "op" },
];

type Ctx = { accountId: string; subscriptionId: string; keyId: string; registerKey: string; opSubscriptionId: string };
type Route = {
  method: Method;
  /** As in the OpenAPI document. */
  path: string;
  kind: "operator" | "account" | "subscription" | "create" | "key";
  /** Account Administrators only (the route's access rule). */
  admin?: boolean;
  ok: number;
  url(c: Ctx): string;
  body?(c: Ctx): unknown;
};

const P = "/api/accounts/{accountId}/subscriptions";
const K = `${P}/{subscriptionId}/keys/{keyId}`;
const ROUTES: Route[] = [
  {
    method: "GET",
    path: "/api/accounts/{accountId}/dashboard",
    kind: "account",
    ok: 200,
    url: (c) => `/api/accounts/${c.accountId}/dashboard`,
  },
  { method: "GET", path: P, kind: "account", ok: 200, url: (c) => subsUrl(c.accountId) },
  {
    method: "POST",
    path: `${P}/register`,
    kind: "account",
    admin: true,
    ok: 201,
    url: (c) => `${subsUrl(c.accountId)}/register`,
    body: (c) => ({ key: c.registerKey }),
  },
  {
    method: "GET",
    path: `${P}/{subscriptionId}`,
    kind: "subscription",
    ok: 200,
    url: (c) => subUrl(c.accountId, c.subscriptionId),
  },
  {
    method: "PUT",
    path: `${P}/{subscriptionId}`,
    kind: "subscription",
    admin: true,
    ok: 200,
    url: (c) => subUrl(c.accountId, c.subscriptionId),
    body: () => ({ displayName: "Renamed" }),
  },
  {
    method: "POST",
    path: `${P}/{subscriptionId}/keys`,
    kind: "create",
    ok: 201,
    url: (c) => keysUrl(c.accountId, c.subscriptionId),
    body: () => ({ name: "Made", licenses: 1 }),
  },
  { method: "GET", path: K, kind: "key", ok: 200, url: (c) => keyUrl(c.accountId, c.subscriptionId, c.keyId) },
  {
    method: "PUT",
    path: K,
    kind: "key",
    ok: 200,
    url: (c) => keyUrl(c.accountId, c.subscriptionId, c.keyId),
    body: () => ({ name: "Edited", licenses: 2 }),
  },
  { method: "DELETE", path: K, kind: "key", ok: 204, url: (c) => keyUrl(c.accountId, c.subscriptionId, c.keyId) },
  {
    method: "PUT",
    path: `${K}/administrators`,
    kind: "key",
    admin: true,
    ok: 200,
    url: (c) => `${keyUrl(c.accountId, c.subscriptionId, c.keyId)}/administrators`,
    body: () => ({ userIds: [] }),
  },
  { method: "GET", path: "/api/operator/products", kind: "operator", ok: 200, url: () => "/api/operator/products" },
  {
    method: "POST",
    path: "/api/operator/products",
    kind: "operator",
    ok: 201,
    url: () => "/api/operator/products",
    body: () => ({
      code: `p-${uniqueEmail("x")
        .slice(2, 10)
        .replace(/[^a-z0-9]/g, "")}`,
      name: "Another product",
    }),
  },
  {
    method: "PUT",
    path: "/api/operator/products/{productId}",
    kind: "operator",
    ok: 200,
    url: () => "/api/operator/products/ras",
    body: () => ({ name: "Remote Application Server" }),
  },
  { method: "GET", path: "/api/operator/search", kind: "operator", ok: 200, url: () => "/api/operator/search?q=acme" },
  { method: "GET", path: "/api/operator/subscriptions", kind: "operator", ok: 200, url: () => "/api/operator/subscriptions" },
  {
    method: "POST",
    path: "/api/operator/subscriptions",
    kind: "operator",
    ok: 201,
    url: () => "/api/operator/subscriptions",
    body: () => ({
      productId: "ras",
      licenseType: "trial",
      licenses: 1,
      supportPlan: "standard",
      salesChannel: "direct",
      purchaserEmail: uniqueEmail("buyer"),
    }),
  },
  {
    method: "GET",
    path: "/api/operator/subscriptions/{subscriptionId}",
    kind: "operator",
    ok: 200,
    url: (c) => `/api/operator/subscriptions/${c.opSubscriptionId}`,
  },
  {
    method: "POST",
    path: "/api/operator/subscriptions/{subscriptionId}/actions",
    kind: "operator",
    ok: 200,
    url: (c) => `/api/operator/subscriptions/${c.opSubscriptionId}/actions`,
    body: () => ({ action: "reinstate" }),
  },
];

type Want = { status: number; code?: string };
function expected(route: Route, c: Case): Want {
  const ok = { status: route.ok };
  if (c.who === "outsider") return { status: 401, code: "UNAUTHENTICATED" };
  if (route.kind === "operator") return c.who === "op" ? ok : { status: 403, code: "OPERATOR_REQUIRED" };
  const foreign = c.who === "nonMember" || c.who === "removed" || c.who === "op" || (c.who === "otherAdmin" && c.account !== "O");
  if (foreign) return { status: 404, code: "ACCOUNT_NOT_FOUND" };
  if (c.who === "blocked") return { status: 403, code: "MEMBERSHIP_BLOCKED" };
  if (route.admin && c.who !== "admin" && c.who !== "otherAdmin") return { status: 403, code: "ADMIN_ROLE_REQUIRED" };
  if (route.kind === "account" || c.who === "admin") return ok;
  if (c.who === "otherAdmin" || c.who === "regular" || c.sub === "B") return { status: 404, code: "SUBSCRIPTION_NOT_FOUND" };
  if (c.who === "laP" || route.kind === "subscription") return ok;
  if (route.kind === "create") return { status: 403, code: "FORBIDDEN" };
  if (c.key !== "own") return { status: 404, code: "LICENSE_KEY_NOT_FOUND" };
  // Deleting a key changes the subscription's pool: its own License Administrator may not; the Primary Key's may.
  return route.method === "DELETE" ? { status: 403, code: "FORBIDDEN" } : ok;
}

describe(`authorization of every licensing and operator route (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let people: Record<Exclude<Who, "outsider">, Person>;
  let ids: { A: string; O: string; SA: string; SB: string; PA: string; X: string; Y: string; Z: string };
  let userIds: { laX: string; laP: string; blocked: string; removed: string };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    const names = ["admin", "laX", "laP", "regular", "blocked", "removed", "nonMember", "otherAdmin"] as const;
    const list = await Promise.all(names.map((n) => person(t, n.toLowerCase())));
    const op = await operator(t);
    people = { ...(Object.fromEntries(names.map((n, i) => [n, list[i]])) as Record<(typeof names)[number], Person>), op };
    const { admin } = people;
    const A = await businessAccount(t, admin);
    const O = await businessAccount(t, people.otherAdmin, { ...ACME, companyName: "Other Co" });
    const SA = (await issue(t, op, { accountId: A, licenses: 100 })).id;
    const SB = (await issue(t, op, { accountId: A, licenses: 100 })).id;
    const X = (await newKey(t, admin, A, SA, { name: "X", licenses: 10 })).id;
    const Y = (await newKey(t, admin, A, SA, { name: "Y", licenses: 10 })).id;
    const Z = (await newKey(t, admin, A, SB, { name: "Z", licenses: 10 })).id;
    const details = (await send(t, admin, "GET", subUrl(A, SA))).json();
    const PA = details.keys.find((k: { kind: string }) => k.kind === "primary").id as string;
    const u = {
      laX: await join(t, admin, A, people.laX),
      laP: await join(t, admin, A, people.laP),
      blocked: await join(t, admin, A, people.blocked),
      removed: await join(t, admin, A, people.removed),
    };
    await join(t, admin, A, people.regular);
    await grant(t, admin, A, SA, X, [u.laX, u.blocked, u.removed]);
    await grant(t, admin, A, SA, PA, [u.laP]);
    expect((await setMember(t, admin, A, u.blocked, { role: "member", status: "blocked" })).statusCode).toBe(200);
    expect((await setMember(t, admin, A, u.removed, { role: "member", status: "removed" })).statusCode).toBe(200);
    ids = { A, O, SA, SB, PA, X, Y, Z };
    userIds = u;
  });
  afterAll(async () => t?.close());

  const keyNames = (body: { keys: Array<{ name: string }> }) => body.keys.map((k) => k.name).sort();

  it("each one sees what their rights allow, on the Dashboard, the list and in Subscription Details", async () => {
    const { A, SA, SB } = ids;
    const seen = async (who: Person) => {
      const list = (await send(t, who, "GET", subsUrl(A))).json().items.map((s: { id: string }) => s.id);
      const cards = (await send(t, who, "GET", `/api/accounts/${A}/dashboard`)).json().cards;
      return { list: list.sort(), subscriptions: cards.reduce((n: number, c: { active: number }) => n + c.active, 0) };
    };
    expect(await seen(people.admin)).toEqual({ list: [SA, SB].sort(), subscriptions: 2 });
    expect(await seen(people.laX)).toEqual({ list: [SA], subscriptions: 1 });
    expect(await seen(people.laP)).toEqual({ list: [SA], subscriptions: 1 });
    expect(await seen(people.regular)).toEqual({ list: [], subscriptions: 0 });
    expect(keyNames((await send(t, people.laX, "GET", subUrl(A, SA))).json())).toEqual(["X"]);
    const forPrimary = (await send(t, people.laP, "GET", subUrl(A, SA))).json();
    expect(keyNames(forPrimary)).toEqual(["Primary Key", "X", "Y"]);
    expect(forPrimary).toMatchObject({ canCreateKeys: true, canManageSubscription: false });
    expect((await send(t, people.laX, "GET", subUrl(A, SA))).json()).toMatchObject({ canCreateKeys: false });
  });

  describe.each(ROUTES)("$method $path", (route) => {
    it.each(CASES)("as $name", async (c) => {
      const accountId = c.account === "O" ? ids.O : ids.A;
      const subscriptionId = c.sub === "B" ? ids.SB : ids.SA;
      let keyId = c.sub === "B" ? ids.Z : c.key === "own" ? ids.X : ids.Y;
      if (route.method === "DELETE") {
        // A fresh key, so that a permitted delete leaves the fixture alone.
        keyId = (await newKey(t, people.admin, ids.A, subscriptionId, { name: "Doomed" })).id;
        if (c.key === "own") await grant(t, people.admin, ids.A, subscriptionId, keyId, [userIds.laX]);
      }
      const registerKey = route.path.endsWith("/register") ? (await unregistered(t, people.op, 1)).primaryKey : "";
      const ctx: Ctx = { accountId, subscriptionId, keyId, registerKey, opSubscriptionId: ids.SA };
      const who = c.who === "outsider" ? null : people[c.who];
      const response = await send(t, who, route.method, route.url(ctx), route.body?.(ctx));
      const want = expected(route, c);
      expect(response.statusCode, response.body).toBe(want.status);
      if (want.code) {
        expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe(want.code);
        expect(response.body).not.toContain(ACME.companyName);
        expect(response.body).not.toContain('"keys"');
      }
    });
  });

  it("a blocked member's grants are frozen, not gone: they come back on unblock", async () => {
    const { A, SA, X } = ids;
    const rows = await t.database.db
      .selectFrom("licenseKeyAdmins")
      .select("keyId")
      .where("userId", "=", userIds.blocked)
      .execute();
    expect(rows.map((r) => r.keyId)).toEqual([X]);
    expect((await setMember(t, people.admin, A, userIds.blocked, { role: "member", status: "active" })).statusCode).toBe(200);
    const details = await send(t, people.blocked, "GET", subUrl(A, SA));
    expect(details.statusCode).toBe(200);
    expect(details.json().keys.map((k: { id: string }) => k.id)).toEqual([X]);
    const key = await send(t, people.blocked, "GET", keyUrl(A, SA, X));
    expect(key.json()).toMatchObject({ id: X, isMasked: false, canManage: true });
  });

  it("a removed member's grants are gone: re-invited, they see nothing", async () => {
    const { A, SA, X } = ids;
    const rows = await t.database.db
      .selectFrom("licenseKeyAdmins")
      .select("keyId")
      .where("userId", "=", userIds.removed)
      .execute();
    expect(rows).toEqual([]);
    await join(t, people.admin, A, people.removed);
    expect((await send(t, people.removed, "GET", `/api/accounts/${A}/dashboard`)).json().cards).toEqual([]);
    expect((await send(t, people.removed, "GET", subsUrl(A))).json().items).toEqual([]);
    const details = await send(t, people.removed, "GET", subUrl(A, SA));
    expect([details.statusCode, details.json().code]).toEqual([404, "SUBSCRIPTION_NOT_FOUND"]);
    const key = await send(t, people.removed, "GET", keyUrl(A, SA, X));
    expect([key.statusCode, key.json().code]).toEqual([404, "SUBSCRIPTION_NOT_FOUND"]);
  });
});
