import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderView, Quote } from "../../contracts/store.ts";
import { periodEnd } from "../../src/modules/store/pricing.ts";
import { manualClock } from "../../src/server/clock.ts";
import { type Person, person } from "../helpers/account-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  authenticate,
  CARDS,
  cardToken,
  checkout,
  mailsTo,
  ordersInDb,
  PRICE_LIST_URL,
  paymentMethodUrl,
  paymentsInDb,
  type StoreAccount,
  storeAccount,
  storeCall,
  storeSubscriptionsInDb,
  storeUrl,
} from "./store-kit.ts";

/** Issue 6: checkout with the test gateway — paid, declined, extra step, saved card — and what it provisions. */

const T0 = new Date("2027-01-31T10:00:00.000Z");
const clock = manualClock(T0);
let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  s = await storeAccount(t);
  // Germany (the account's Business Profile country) pays 19 % VAT; everyone else the default 0 %.
  const list = (await storeCall(t, s.op, "GET", PRICE_LIST_URL)).json();
  const put = await storeCall(t, s.op, "PUT", PRICE_LIST_URL, {
    ...list,
    taxRates: [{ country: "DE", rateBp: 1900, name: "VAT" }],
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => t?.close());

describe(`checkout (${TEST_ENGINE})`, () => {
  it("quotes the total, the tax of the buyer's country and the renewal date; volume tiers price every license", async () => {
    clock.set(T0);
    const quote = await storeCall(t, s.admin, "POST", `${storeUrl(s.accountId)}/quote`, {
      productId: "ras",
      quantity: 120,
      term: "1y",
      supportPlan: "standard",
    });
    expect(quote.statusCode, quote.body).toBe(200);
    const q = Quote.parse(quote.json());
    // 120 licenses reach the 100+ tier: 120 × 135.00 = 16 200.00; 19 % VAT = 3 078.00.
    expect(q).toMatchObject({ currency: "USD", subtotal: 1_620_000, tax: { name: "VAT", rateBp: 1900, amount: 307_800 } });
    expect(q.total).toBe(1_927_800);
    expect(q.lines).toEqual([expect.objectContaining({ quantity: 120, unitAmount: 13_500, amount: 1_620_000 })]);
    expect(q.renewsAt).toBe("2028-01-31T10:00:00.000Z");
    expect(q).toMatchObject({ renewalAmount: 1_927_800, autoRenews: true });

    // A personal account has no country: the default tax (0 %).
    const solo = await person(t, "solo");
    const accounts = (await storeCall(t, solo, "GET", "/api/accounts")).json().accounts as Array<{ id: string; kind: string }>;
    const personalId = accounts.find((a) => a.kind === "personal")?.id ?? "";
    const personal = await storeCall(t, solo, "POST", `${storeUrl(personalId)}/quote`, {
      productId: "ras",
      quantity: 1,
      term: "1m",
      supportPlan: "premium",
    });
    expect(personal.json()).toMatchObject({ subtotal: 1_900, tax: { rateBp: 0, amount: 0 }, total: 1_900 });
  });

  it("pays: the subscription and its Primary Key are created in the account, the buyer is emailed, the invoice issued", async () => {
    clock.set(T0);
    const response = await checkout(
      t,
      s.admin,
      s.accountId,
      { method: "card", token: await cardToken(t) },
      { quantity: 10, term: "1m" },
    );
    expect(response.statusCode, response.body).toBe(201);
    const order = OrderView.parse(response.json());
    expect(order).toMatchObject({
      status: "paid",
      kind: "purchase",
      paymentMethod: "card",
      quantity: 10,
      subtotal: 15_000,
      tax: { amount: 2_850 },
      total: 17_850,
      failure: null,
      nextAction: null,
      createdBy: { email: s.admin.email },
    });
    expect(order.reference).toMatch(/^LP-[A-Z2-9]{8}$/);
    expect(order.payments).toEqual([
      expect.objectContaining({ gateway: "test", status: "succeeded", amount: 17_850, card: { brand: "visa", last4: "4242" } }),
    ]);
    expect(order.invoice?.number).toMatch(/^INV-\d{6}$/);
    expect(order.invoice?.url).toBe(`/api/accounts/${s.accountId}/store/orders/${order.id}/invoice.pdf`);
    // Bought on 31 January with a 1-month term: renews on 28 February (clamped), not 3 March.
    expect(order.renewsAt).toBe("2027-02-28T10:00:00.000Z");
    expect(order.renewsAt).toBe(periodEnd(T0, "1m", 1).toISOString());

    const subscriptionId = order.subscription?.id ?? "";
    const [sub] = (await storeSubscriptionsInDb(t, s.accountId)).filter((x) => x.id === subscriptionId);
    expect(sub).toMatchObject({
      licenseType: "subscription",
      salesChannel: "online",
      term: "1m",
      supportPlan: "standard",
      totalLicenses: 10,
      renewalEnabled: true,
      primaryKeys: 1,
    });
    expect(sub?.expiresAt?.toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(sub?.billingAnchorAt?.toISOString()).toBe(T0.toISOString());
    expect(sub?.startsAt.toISOString()).toBe(T0.toISOString());

    // The Account Administrator sees it in the licensing pages with its Primary Key, in full.
    const details = await storeCall(t, s.admin, "GET", `/api/accounts/${s.accountId}/subscriptions/${subscriptionId}`);
    expect(details.statusCode).toBe(200);
    const primary = details.json().keys.find((k: { kind: string }) => k.kind === "primary");
    const key = await storeCall(
      t,
      s.admin,
      "GET",
      `/api/accounts/${s.accountId}/subscriptions/${subscriptionId}/keys/${primary.id}`,
    );
    expect(key.json()).toMatchObject({ isMasked: false });

    const [mail] = await mailsTo(t, s.admin.email, "order-paid");
    expect(mail?.payloadJson).toMatchObject({
      orderReference: order.reference,
      amount: "17850",
      currency: "USD",
      licenses: "10",
      renewsAt: "2027-02-28T10:00:00.000Z",
      url: `http://localhost:3000/accounts/${s.accountId}/subscriptions/${subscriptionId}`,
    });
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select("action")
      .where("targetId", "=", order.id)
      .orderBy("occurredAt")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["store.order_placed", "store.order_paid"]));
  });

  it("a declined card fails the order with the gateway's message and provisions nothing; a new attempt can succeed", async () => {
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    for (const [card, code] of [
      [CARDS.declined, "card_declined"],
      [CARDS.insufficientFunds, "insufficient_funds"],
    ] as const) {
      const response = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t, card) });
      expect(response.statusCode, response.body).toBe(201);
      const order = OrderView.parse(response.json());
      expect(order).toMatchObject({ status: "failed", subscription: null, invoice: null, paidAt: null });
      expect(order.failure?.code).toBe(code);
      expect(order.failure?.message).toMatch(/declined|insufficient funds/i);
      expect(order.payments).toEqual([
        expect.objectContaining({ status: "declined", failure: expect.objectContaining({ code }) }),
      ]);
    }
    // An expired card: the token is made, the charge is declined.
    const expired = await checkout(t, s.admin, s.accountId, {
      method: "card",
      token: await cardToken(t, CARDS.succeeds, { month: 12, year: 2026 }),
    });
    expect(expired.json()).toMatchObject({ status: "failed", failure: { code: "expired_card" } });
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before);
    expect((await mailsTo(t, s.admin.email, "order-paid")).length).toBe(before);

    const retry = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t) });
    expect(retry.json()).toMatchObject({ status: "paid" });
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
  });

  it("a card that needs an extra step stays pending until authenticated: approve pays, fail fails", async () => {
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    const pending = OrderView.parse(
      (await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t, CARDS.authenticate) })).json(),
    );
    expect(pending).toMatchObject({ status: "pending_payment", subscription: null, invoice: null });
    expect(pending.nextAction?.url).toMatch(/^\/store\/test-gateway\/authenticate\/pay_test_/);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before);
    // The order page shows the same next step when opened again.
    const reopened = await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders/${pending.id}`);
    expect(reopened.json().nextAction).toEqual(pending.nextAction);

    const paymentRef = pending.nextAction?.url.split("/").pop() ?? "";
    const page = await storeCall(t, null, "GET", `/api/store/test-gateway/payments/${paymentRef}`);
    expect(page.json()).toMatchObject({
      status: "requires_action",
      amount: pending.total,
      currency: "USD",
      returnUrl: `/accounts/${s.accountId}/store/orders/${pending.id}`,
    });

    const approved = await authenticate(t, pending.nextAction?.url ?? "", "approve");
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toEqual({ redirectUrl: `/accounts/${s.accountId}/store/orders/${pending.id}` });
    const paid = (await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders/${pending.id}`)).json();
    expect(paid).toMatchObject({ status: "paid", nextAction: null });
    expect(paid.subscription).not.toBeNull();
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
    // The step is over: a second answer is refused and changes nothing.
    expect((await authenticate(t, pending.nextAction?.url ?? "", "fail")).statusCode).toBe(409);

    const other = OrderView.parse(
      (await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t, CARDS.authenticate) })).json(),
    );
    expect((await authenticate(t, other.nextAction?.url ?? "", "fail")).statusCode).toBe(200);
    const failed = (await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders/${other.id}`)).json();
    expect(failed).toMatchObject({ status: "failed", subscription: null, failure: { code: "authentication_failed" } });
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
  });

  it("saves the card for renewals, pays with the saved card, and refuses saved_card once it is removed", async () => {
    const other = await storeAccount(t, { op: s.op, companyName: "Saved Card Ltd" });
    await checkout(t, other.admin, other.accountId, { method: "card", token: await cardToken(t), saveForRenewals: true });
    const saved = (await storeCall(t, other.admin, "GET", paymentMethodUrl(other.accountId))).json();
    expect(saved.paymentMethod).toMatchObject({ gateway: "test", brand: "visa", last4: "4242", expMonth: 12, expYear: 2099 });
    const row = await t.database.db
      .selectFrom("paymentMethods")
      .select("token")
      .where("accountId", "=", other.accountId)
      .executeTakeFirst();
    expect(row?.token).toMatch(/^pm_test_/);
    expect(row?.token).not.toContain("4242424242424242");

    const withSaved = await checkout(t, other.admin, other.accountId, { method: "saved_card" });
    expect(withSaved.json()).toMatchObject({ status: "paid", paymentMethod: "saved_card" });

    const removed = await storeCall(t, other.admin, "DELETE", paymentMethodUrl(other.accountId));
    expect(removed.json()).toEqual({ paymentMethod: null });
    const refused = await checkout(t, other.admin, other.accountId, { method: "saved_card" });
    expect([refused.statusCode, refused.json().code]).toEqual([409, "NO_SAVED_PAYMENT_METHOD"]);
    // Not saving: no method appears.
    await checkout(t, other.admin, other.accountId, { method: "card", token: await cardToken(t), saveForRenewals: false });
    expect((await storeCall(t, other.admin, "GET", paymentMethodUrl(other.accountId))).json()).toEqual({ paymentMethod: null });

    // Payment Options: a card saved on its own.
    const put = await storeCall(t, other.admin, "PUT", paymentMethodUrl(other.accountId), {
      token: await cardToken(t, CARDS.authenticate),
    });
    expect(put.json().paymentMethod).toMatchObject({ last4: "3184" });
    const bad = await storeCall(t, other.admin, "PUT", paymentMethodUrl(other.accountId), { token: "tok_test_forged.x" });
    expect([bad.statusCode, bad.json().code]).toEqual([400, "CARD_TOKEN_INVALID"]);
  });

  it("refuses what cannot be bought, with stable codes", async () => {
    const list = (await storeCall(t, s.op, "GET", PRICE_LIST_URL)).json();
    const withoutPremiumMonthly = {
      ...list,
      prices: list.prices.filter((p: { term: string; supportPlan: string }) => !(p.term === "1m" && p.supportPlan === "premium")),
    };
    expect((await storeCall(t, s.op, "PUT", PRICE_LIST_URL, withoutPremiumMonthly)).statusCode).toBe(200);
    const quote = await storeCall(t, s.admin, "POST", `${storeUrl(s.accountId)}/quote`, {
      productId: "ras",
      quantity: 1,
      term: "1m",
      supportPlan: "premium",
    });
    expect([quote.statusCode, quote.json().code]).toEqual([400, "OFFER_NOT_AVAILABLE"]);
    const order = await checkout(
      t,
      s.admin,
      s.accountId,
      { method: "card", token: await cardToken(t) },
      { term: "1m", supportPlan: "premium" },
    );
    expect([order.statusCode, order.json().code]).toEqual([400, "OFFER_NOT_AVAILABLE"]);
    expect((await storeCall(t, s.op, "PUT", PRICE_LIST_URL, list)).statusCode).toBe(200);

    const unknown = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t) }, { productId: "nope" });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const zero = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t) }, { quantity: 0 });
    expect([zero.statusCode, zero.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const noKey = await storeCall(t, s.admin, "POST", `${storeUrl(s.accountId)}/orders`, {
      productId: "ras",
      quantity: 1,
      term: "1y",
      supportPlan: "standard",
      payment: { method: "card", token: await cardToken(t) },
    });
    expect([noKey.statusCode, noKey.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(noKey.json().detail).toMatch(/Idempotency-Key/);
  });

  it("every order of the account is listed newest first, with keyset pages and filters", async () => {
    const all = await ordersInDb(t, s.accountId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = (await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders${query}`)).json();
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    const newestFirst = [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    expect(seen).toEqual(newestFirst.map((o) => o.id));
    const failed = (await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders?status=failed`)).json();
    expect(failed.items.length).toBe(all.filter((o) => o.status === "failed").length);
    expect(failed.items.every((o: { status: string }) => o.status === "failed")).toBe(true);
    const other = await storeCall(t, s.admin, "GET", `${storeUrl(s.accountId)}/orders/${all[0]?.id}x`);
    expect([other.statusCode, other.json().code]).toEqual([404, "ORDER_NOT_FOUND"]);
    // One payment per order: a declined or failed order keeps its one attempt.
    const counts = await Promise.all(all.map(async (o) => (await paymentsInDb(t, o.id)).length));
    expect(new Set(counts)).toEqual(new Set([1]));
  });

  it("another account's order is not found", async () => {
    const stranger: Person = await person(t, "stranger");
    const theirs = await storeAccount(t, { op: s.op, companyName: "Elsewhere Inc" });
    const [order] = await ordersInDb(t, s.accountId);
    const asOtherAdmin = await storeCall(t, theirs.admin, "GET", `${storeUrl(theirs.accountId)}/orders/${order?.id}`);
    expect([asOtherAdmin.statusCode, asOtherAdmin.json().code]).toEqual([404, "ORDER_NOT_FOUND"]);
    const asStranger = await storeCall(t, stranger, "GET", `${storeUrl(s.accountId)}/orders/${order?.id}`);
    expect([asStranger.statusCode, asStranger.json().code]).toEqual([404, "ACCOUNT_NOT_FOUND"]);
  });
});
