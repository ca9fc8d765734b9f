import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessAccount, join, type Person, person, setMember } from "../helpers/account-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  buy,
  CARDS,
  CATALOG_URL,
  cardToken,
  checkout,
  type Method,
  OPERATOR_ORDERS_URL,
  PRICE_LIST_URL,
  type StoreAccount,
  storeAccount,
  storeCall,
  TOKENS_URL,
} from "./store-kit.ts";

/**
 * Issue 6, point 7: every store route for every kind of caller. Only Account
 * Administrators buy and see orders; Regular Members and License Administrators get 403
 * ADMIN_ROLE_REQUIRED; anyone outside the account (operators included) 404; operator
 * routes are the operators' alone; the test gateway's and providers' endpoints are public.
 */

type Who = "outsider" | "nonMember" | "member" | "licenseAdmin" | "blocked" | "admin" | "otherAdmin" | "op";
const CALLERS: Who[] = ["outsider", "nonMember", "member", "licenseAdmin", "blocked", "admin", "otherAdmin", "op"];

type Ctx = { accountId: string; subscriptionId: string; orderId: string; paymentRef: string };
type Route = {
  method: Method;
  /** As in the OpenAPI document. */
  path: string;
  kind: "account" | "signedIn" | "operator" | "public";
  ok: number;
  url(c: Ctx): string;
  body?(c: Ctx): Promise<unknown> | unknown;
  headers?: () => Record<string, string>;
  /** A fresh object for the route to act on, made before each call. */
  setup?(): Promise<Partial<Ctx>>;
};

const A = "/api/accounts/{accountId}/store";
const a = (c: Ctx) => `/api/accounts/${c.accountId}/store`;
const idempotent = () => ({ "idempotency-key": randomUUID() });

let t: TestApp;
let s: StoreAccount;
let people: Record<Exclude<Who, "outsider">, Person>;
let ctx: Ctx;

async function awaitingTransfer(): Promise<Partial<Ctx>> {
  const order = await checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 1 });
  return { orderId: order.json().id };
}
async function pendingCard(): Promise<Partial<Ctx>> {
  const order = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t, CARDS.authenticate) });
  return { paymentRef: order.json().nextAction.url.split("/").pop() };
}
async function currentTotal(subscriptionId: string) {
  const row = await t.database.db
    .selectFrom("subscriptions")
    .select("totalLicenses")
    .where("id", "=", subscriptionId)
    .executeTakeFirstOrThrow();
  return row.totalLicenses;
}

const ROUTES: Route[] = [
  { method: "GET", path: "/api/store/catalog", kind: "signedIn", ok: 200, url: () => CATALOG_URL },
  {
    method: "POST",
    path: `${A}/quote`,
    kind: "account",
    ok: 200,
    url: (c) => `${a(c)}/quote`,
    body: () => ({ productId: "ras", quantity: 5, term: "1y", supportPlan: "standard" }),
  },
  {
    method: "POST",
    path: `${A}/upgrade-quote`,
    kind: "account",
    ok: 200,
    url: (c) => `${a(c)}/upgrade-quote`,
    body: (c) => ({ subscriptionId: c.subscriptionId, newTotal: 500 }),
  },
  {
    method: "POST",
    path: `${A}/orders`,
    kind: "account",
    ok: 201,
    url: (c) => `${a(c)}/orders`,
    headers: idempotent,
    body: async () => ({
      productId: "ras",
      quantity: 1,
      term: "1m",
      supportPlan: "standard",
      payment: { method: "card", token: await cardToken(t) },
    }),
  },
  {
    method: "POST",
    path: `${A}/upgrades`,
    kind: "account",
    ok: 201,
    url: (c) => `${a(c)}/upgrades`,
    headers: idempotent,
    body: async (c) => ({
      subscriptionId: c.subscriptionId,
      newTotal: (await currentTotal(c.subscriptionId)) + 1,
      payment: { method: "card", token: await cardToken(t) },
    }),
  },
  { method: "GET", path: `${A}/orders`, kind: "account", ok: 200, url: (c) => `${a(c)}/orders` },
  { method: "GET", path: `${A}/orders/{orderId}`, kind: "account", ok: 200, url: (c) => `${a(c)}/orders/${c.orderId}` },
  { method: "GET", path: `${A}/payment-method`, kind: "account", ok: 200, url: (c) => `${a(c)}/payment-method` },
  {
    method: "PUT",
    path: `${A}/payment-method`,
    kind: "account",
    ok: 200,
    url: (c) => `${a(c)}/payment-method`,
    body: async () => ({ token: await cardToken(t) }),
  },
  { method: "DELETE", path: `${A}/payment-method`, kind: "account", ok: 200, url: (c) => `${a(c)}/payment-method` },
  { method: "GET", path: "/api/operator/store/price-list", kind: "operator", ok: 200, url: () => PRICE_LIST_URL },
  {
    method: "PUT",
    path: "/api/operator/store/price-list",
    kind: "operator",
    ok: 200,
    url: () => PRICE_LIST_URL,
    body: async () => (await storeCall(t, people.op, "GET", PRICE_LIST_URL)).json(),
  },
  { method: "GET", path: "/api/operator/store/orders", kind: "operator", ok: 200, url: () => OPERATOR_ORDERS_URL },
  {
    method: "POST",
    path: "/api/operator/store/orders/{orderId}/confirm-transfer",
    kind: "operator",
    ok: 200,
    setup: awaitingTransfer,
    url: (c) => `${OPERATOR_ORDERS_URL}/${c.orderId}/confirm-transfer`,
    body: async (c) => {
      const order = await t.database.db
        .selectFrom("orders")
        .select("total")
        .where("id", "=", c.orderId)
        .executeTakeFirstOrThrow();
      return { amount: order.total, bankReference: `REF-${randomUUID()}` };
    },
  },
  {
    method: "POST",
    path: "/api/operator/store/orders/{orderId}/cancel",
    kind: "operator",
    ok: 200,
    setup: awaitingTransfer,
    url: (c) => `${OPERATOR_ORDERS_URL}/${c.orderId}/cancel`,
    body: () => ({ reason: "test" }),
  },
  {
    method: "POST",
    path: "/api/store/test-gateway/tokens",
    kind: "public",
    ok: 201,
    url: () => TOKENS_URL,
    body: () => ({ number: CARDS.succeeds, expMonth: 1, expYear: 2099, cvc: "123" }),
  },
  {
    method: "GET",
    path: "/api/store/test-gateway/payments/{paymentRef}",
    kind: "public",
    ok: 200,
    url: (c) => `/api/store/test-gateway/payments/${c.paymentRef}`,
  },
  {
    method: "POST",
    path: "/api/store/test-gateway/payments/{paymentRef}/authenticate",
    kind: "public",
    ok: 200,
    setup: pendingCard,
    url: (c) => `/api/store/test-gateway/payments/${c.paymentRef}/authenticate`,
    body: () => ({ outcome: "approve" }),
  },
  // No signature: refused for everyone alike (cookies give no right to send a provider's event).
  {
    method: "POST",
    path: "/api/store/gateways/{gateway}/events",
    kind: "public",
    ok: 400,
    url: () => "/api/store/gateways/test/events",
    body: () => ({}),
  },
];

type Want = { status: number; code?: string };
function expected(route: Route, who: Who): Want {
  const ok = { status: route.ok };
  if (route.kind === "public") return ok;
  if (who === "outsider") return { status: 401, code: "UNAUTHENTICATED" };
  if (route.kind === "signedIn") return ok;
  if (route.kind === "operator") return who === "op" ? ok : { status: 403, code: "OPERATOR_REQUIRED" };
  if (who === "nonMember" || who === "otherAdmin" || who === "op") return { status: 404, code: "ACCOUNT_NOT_FOUND" };
  if (who === "blocked") return { status: 403, code: "MEMBERSHIP_BLOCKED" };
  if (who === "member" || who === "licenseAdmin") return { status: 403, code: "ADMIN_ROLE_REQUIRED" };
  return ok;
}

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  s = await storeAccount(t);
  const [nonMember, otherAdmin, blocked] = await Promise.all([
    person(t, "non-member"),
    person(t, "other-admin"),
    person(t, "blocked"),
  ]);
  await businessAccount(t, otherAdmin, {
    companyName: "Other Co",
    country: "FR",
    postcode: "75001",
    businessPhone: "+33 1 23 45 67 89",
  });
  const blockedId = await join(t, s.admin, s.accountId, blocked);
  expect((await setMember(t, s.admin, s.accountId, blockedId, { role: "member", status: "blocked" })).statusCode).toBe(200);
  people = { nonMember, otherAdmin, blocked, member: s.member, licenseAdmin: s.licenseAdmin, admin: s.admin, op: s.op };
  const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1y" });
  ctx = { accountId: s.accountId, subscriptionId: bought.subscription.id, orderId: bought.id, paymentRef: "" };
  ctx.paymentRef = (await pendingCard()).paymentRef ?? "";
});
afterAll(async () => t?.close());

describe(`authorization of every store route (${TEST_ENGINE})`, () => {
  describe.each(ROUTES)("$method $path", (route) => {
    it.each(CALLERS)("as %s", async (who) => {
      const c: Ctx = { ...ctx, ...(await route.setup?.()) };
      const caller = who === "outsider" ? null : people[who];
      const response = await storeCall(t, caller, route.method, route.url(c), await route.body?.(c), route.headers?.() ?? {});
      const want = expected(route, who);
      expect(response.statusCode, response.body).toBe(want.status);
      if (want.code) {
        expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe(want.code);
        // Refusals give nothing away: no prices, orders or payment details.
        expect(response.body).not.toMatch(/"total"|"items"|"paymentMethod"|"tiers"/);
      }
    });
  });

  it("a refused caller changed nothing: only the Account Administrator's orders and the operator's confirmations exist", async () => {
    const orders = await t.database.db
      .selectFrom("orders")
      .select(["createdByUserId"])
      .where("accountId", "=", s.accountId)
      .execute();
    expect(new Set(orders.map((o) => o.createdByUserId))).toEqual(new Set([s.admin.userId]));
    const confirmations = await t.database.db
      .selectFrom("payments")
      .select("confirmedByUserId")
      .where("confirmedByUserId", "is not", null)
      .execute();
    const opId = (await t.database.db.selectFrom("users").select("id").where("email", "=", s.op.email).executeTakeFirstOrThrow())
      .id;
    expect(confirmations.map((p) => p.confirmedByUserId)).toEqual([opId]);
  });

  // test/authorization/route-table.test.ts checks that every route is in the one authorization table.
  it("every store route of the OpenAPI document is tagged and summarized", async () => {
    const openapi = (await t.app.inject({ url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const store = Object.entries(openapi.paths).filter(
      ([path]) => path.startsWith("/api/store/") || path.startsWith("/api/operator/store/") || path.startsWith(A),
    );
    for (const [path, methods] of store) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(
          op.tags?.some((tag) => tag === "store" || tag === "store operator"),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });
});
