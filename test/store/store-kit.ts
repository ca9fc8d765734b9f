import { randomUUID } from "node:crypto";
import { businessAccount, join, type Person, person, userIdOf } from "../helpers/account-fixtures.ts";
import { JSON_HEADERS } from "../helpers/identity-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import type { TestApp } from "../helpers/test-app.ts";

/**
 * Helpers shared by the store tests (checkout, upgrades, bank transfers, gateway, orders,
 * invoices, renewals). Not a test file itself. Every request is sent as the web app sends
 * it: same origin, the person's cookie, JSON.
 */

export type Who = { cookie: string } | null;
export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** A request; `headers` adds or overrides (e.g. the Idempotency-Key). */
export async function storeCall(
  t: TestApp,
  who: Who,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const base: Record<string, string> = payload === undefined ? { origin: JSON_HEADERS.origin } : { ...JSON_HEADERS };
  if (who) base.cookie = who.cookie;
  return t.app.inject({
    method,
    url,
    headers: { ...base, ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

// ---- URLs ----

export const storeUrl = (accountId: string) => `/api/accounts/${accountId}/store`;
export const ordersUrl = (accountId: string) => `${storeUrl(accountId)}/orders`;
export const orderUrl = (accountId: string, orderId: string) => `${ordersUrl(accountId)}/${orderId}`;
export const upgradesUrl = (accountId: string) => `${storeUrl(accountId)}/upgrades`;
export const paymentMethodUrl = (accountId: string) => `${storeUrl(accountId)}/payment-method`;
export const CATALOG_URL = "/api/store/catalog";
export const PRICE_LIST_URL = "/api/operator/store/price-list";
export const OPERATOR_ORDERS_URL = "/api/operator/store/orders";
export const TOKENS_URL = "/api/store/test-gateway/tokens";

// ---- Test cards (the built-in test gateway) ----

export const CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  authenticate: "4000002760003184",
} as const;

/** A one-time card token from the test gateway (what the browser gets before checkout). */
export async function cardToken(t: TestApp, number: string = CARDS.succeeds, exp = { month: 12, year: 2099 }): Promise<string> {
  const response = await storeCall(t, null, "POST", TOKENS_URL, {
    number,
    expMonth: exp.month,
    expYear: exp.year,
    cvc: "123",
  });
  if (response.statusCode !== 201) throw new Error(`card token failed: ${response.body}`);
  return response.json().token as string;
}

// ---- People and accounts ----

export type StoreAccount = {
  accountId: string;
  /** Account Administrator: the only one who may buy and see orders. */
  admin: Person & { userId: string };
  /** Regular Member without keys. */
  member: Person & { userId: string };
  /** Regular Member who is License Administrator of the Primary Key of `licensedSubscriptionId`. */
  licenseAdmin: Person & { userId: string };
  /** A subscription the operator issued into the account (direct sales), so the License Administrator has a key. */
  licensedSubscriptionId: string;
  /** A vendor operator. */
  op: Person;
};

/**
 * A business account with an Account Administrator, a Regular Member and a License
 * Administrator (of the Primary Key of a direct-sales subscription issued into it),
 * plus an operator. Pass `op` to reuse one operator across accounts.
 */
export async function storeAccount(t: TestApp, options: { op?: Person; companyName?: string } = {}): Promise<StoreAccount> {
  const op = options.op ?? (await operator(t));
  const admin = await person(t, "store-admin");
  const accountId = await businessAccount(t, admin, {
    companyName: options.companyName ?? "Acme Remote Apps GmbH",
    country: "DE",
    postcode: "10115",
    businessPhone: "+49 30 1234567",
  });
  const member = await person(t, "store-member");
  const licenseAdmin = await person(t, "store-la");
  const memberId = await join(t, admin, accountId, member);
  const licenseAdminId = await join(t, admin, accountId, licenseAdmin);
  const licensed = await issue(t, op, { accountId, licenses: 10, salesChannel: "direct" });
  const details = await storeCall(t, admin, "GET", `/api/accounts/${accountId}/subscriptions/${licensed.id}`);
  const primaryKeyId = (details.json().keys as Array<{ id: string; kind: string }>).find((k) => k.kind === "primary")?.id;
  if (!primaryKeyId) throw new Error(`no Primary Key in ${details.body}`);
  const granted = await storeCall(
    t,
    admin,
    "PUT",
    `/api/accounts/${accountId}/subscriptions/${licensed.id}/keys/${primaryKeyId}/administrators`,
    { userIds: [licenseAdminId] },
  );
  if (granted.statusCode !== 200) throw new Error(`grant failed: ${granted.body}`);
  return {
    accountId,
    admin: { ...admin, userId: await userIdOf(t, admin.email) },
    member: { ...member, userId: memberId },
    licenseAdmin: { ...licenseAdmin, userId: licenseAdminId },
    licensedSubscriptionId: licensed.id,
    op,
  };
}

// ---- Checkout ----

export type Payment =
  | { method: "card"; token: string; saveForRenewals?: boolean }
  | { method: "saved_card" }
  | { method: "bank_transfer" };

export type Selection = {
  productId?: string;
  quantity?: number;
  term?: "1m" | "1y" | "2y" | "3y";
  supportPlan?: "standard" | "premium";
};

/** POST /store/orders with an Idempotency-Key (a fresh one unless given). Returns the raw response. */
export async function checkout(
  t: TestApp,
  who: Who,
  accountId: string,
  payment: Payment,
  selection: Selection = {},
  idempotencyKey: string = randomUUID(),
) {
  return storeCall(
    t,
    who,
    "POST",
    ordersUrl(accountId),
    { productId: "ras", quantity: 10, term: "1y", supportPlan: "standard", ...selection, payment },
    { "idempotency-key": idempotencyKey },
  );
}

/** Buys with a card that succeeds; returns the paid order's view. */
export async function buy(t: TestApp, who: Who, accountId: string, selection: Selection = {}) {
  const response = await checkout(t, who, accountId, { method: "card", token: await cardToken(t) }, selection);
  if (response.statusCode !== 201 || response.json().status !== "paid") throw new Error(`purchase failed: ${response.body}`);
  return response.json() as { id: string; subscription: { id: string }; total: number; [key: string]: unknown };
}

/** POST /store/upgrades (Pay & Upgrade) with an Idempotency-Key. */
export async function upgrade(
  t: TestApp,
  who: Who,
  accountId: string,
  subscriptionId: string,
  newTotal: number,
  payment: Payment,
  idempotencyKey: string = randomUUID(),
) {
  return storeCall(
    t,
    who,
    "POST",
    upgradesUrl(accountId),
    { subscriptionId, newTotal, payment },
    { "idempotency-key": idempotencyKey },
  );
}

/** Follows an order's next action at the test gateway (the extra authentication step): approve or fail. */
export async function authenticate(t: TestApp, nextActionUrl: string, outcome: "approve" | "fail") {
  const paymentRef = nextActionUrl.split("/").pop() ?? "";
  return storeCall(t, null, "POST", `/api/store/test-gateway/payments/${paymentRef}/authenticate`, { outcome });
}

/** An operator confirms a bank transfer. */
export async function confirmTransfer(
  t: TestApp,
  op: Who,
  orderId: string,
  amount: number,
  bankReference = `BANK-${randomUUID()}`,
) {
  return storeCall(t, op, "POST", `${OPERATOR_ORDERS_URL}/${orderId}/confirm-transfer`, { amount, bankReference });
}

// ---- Ground truth from the tables ----

export async function ordersInDb(t: TestApp, accountId: string) {
  return t.database.db.selectFrom("orders").selectAll().where("accountId", "=", accountId).orderBy("createdAt").execute();
}

export async function paymentsInDb(t: TestApp, orderId: string) {
  return t.database.db.selectFrom("payments").selectAll().where("orderId", "=", orderId).orderBy("createdAt").execute();
}

/** Online (store-bought) subscriptions of the account, with their Primary Keys counted. */
export async function storeSubscriptionsInDb(t: TestApp, accountId: string) {
  const rows = await t.database.db
    .selectFrom("subscriptions")
    .selectAll()
    .where("accountId", "=", accountId)
    .where("salesChannel", "=", "online")
    .execute();
  return Promise.all(
    rows.map(async (s) => {
      const keys = await t.database.db
        .selectFrom("licenseKeys")
        .select(["kind", "accountId"])
        .where("subscriptionId", "=", s.id)
        .execute();
      return { ...s, primaryKeys: keys.filter((k) => k.kind === "primary" && k.accountId === accountId).length };
    }),
  );
}

export async function mailsTo(t: TestApp, email: string, template?: string) {
  return t.database.db
    .selectFrom("outbox")
    .select(["template", "payloadJson", "locale"])
    .where("recipient", "=", email)
    .$if(template !== undefined, (q) => q.where("template", "=", template ?? ""))
    .orderBy("createdAt")
    .execute();
}
