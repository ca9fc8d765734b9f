import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderView, UpgradeQuote } from "../../contracts/store.ts";
import { periodEndingAt, prorate } from "../../src/modules/store/pricing.ts";
import { manualClock } from "../../src/server/clock.ts";
import { activated, keepReporting, stateAfter } from "../farms/farm-kit.ts";
import { issue } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  authenticate,
  buy,
  CARDS,
  cardToken,
  mailsTo,
  orderUrl,
  type StoreAccount,
  storeAccount,
  storeCall,
  storeUrl,
  upgrade,
} from "./store-kit.ts";

/** Issue 6, Buy More Licenses: the prorated charge, the new renewal amount, and licenses only once paid. */

const DAY = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date("2028-01-15T00:00:00.000Z"));
let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  s = await storeAccount(t);
});
afterAll(async () => t?.close());

const quoteUrl = () => `${storeUrl(s.accountId)}/upgrade-quote`;
async function licenses(subscriptionId: string) {
  const row = await t.database.db
    .selectFrom("subscriptions")
    .select(["totalLicenses", "displayName"])
    .where("id", "=", subscriptionId)
    .executeTakeFirstOrThrow();
  return row.totalLicenses;
}

describe(`Buy More Licenses (${TEST_ENGINE})`, () => {
  it("charges the added licenses at the new total's tier for the days left, and quotes the new renewal amount", async () => {
    clock.set(new Date("2028-01-15T00:00:00.000Z"));
    const bought = await buy(t, s.admin, s.accountId, { quantity: 90, term: "1y" });
    const subscriptionId = bought.subscription.id;
    // Half a year on, in the period 2028-01-15 → 2029-01-15 (366 days: it contains 29 February 2028).
    const now = new Date("2028-07-01T12:00:00.000Z");
    clock.set(now);
    const response = await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId, newTotal: 120 });
    expect(response.statusCode, response.body).toBe(200);
    const quote = UpgradeQuote.parse(response.json());
    // 197.5 days left → 198 (a started day counts); 30 more at the 100+ tier price 135.00.
    expect(quote).toMatchObject({ subscriptionId, currentTotal: 90, newTotal: 120, periodDays: 366, remainingDays: 198 });
    expect(quote.subtotal).toBe(219_098); // 30 × 13 500 × 198 / 366 = 219 098.36
    const expected = prorate({
      added: 30,
      unitAmount: 13_500,
      period: periodEndingAt(new Date("2028-01-15T00:00:00.000Z"), "1y", new Date("2029-01-15T00:00:00.000Z")),
      now,
    });
    expect(quote.subtotal).toBe(expected.charge);
    expect(quote.lines).toEqual([
      expect.objectContaining({ quantity: 30, unitAmount: 13_500, amount: 219_098, periodEndsAt: "2029-01-15T00:00:00.000Z" }),
    ]);
    expect(quote).toMatchObject({
      renewsAt: "2029-01-15T00:00:00.000Z",
      renewalAmount: 120 * 13_500,
      autoRenews: true,
      total: 219_098,
    });

    // Pay & Upgrade charges exactly the quote; the licenses join the pool.
    const paid = await upgrade(t, s.admin, s.accountId, subscriptionId, 120, { method: "card", token: await cardToken(t) });
    expect(paid.statusCode, paid.body).toBe(201);
    const order = OrderView.parse(paid.json());
    expect(order).toMatchObject({ kind: "upgrade", status: "paid", quantity: 120, previousQuantity: 90, total: quote.total });
    expect(order.subscription?.id).toBe(subscriptionId);
    expect(order.renewalAmount).toBe(quote.renewalAmount);
    expect(await licenses(subscriptionId)).toBe(120);
    // The default name follows the new count; the expiry does not move.
    const details = (await storeCall(t, s.admin, "GET", `/api/accounts/${s.accountId}/subscriptions/${subscriptionId}`)).json();
    expect(details).toMatchObject({
      displayName: "Remote Application Server (120 users)",
      expiresAt: "2029-01-15T00:00:00.000Z",
    });
    const [mail] = await mailsTo(t, s.admin.email, "upgrade-paid");
    expect(mail?.payloadJson).toMatchObject({ licenses: "120", amount: String(quote.total), orderReference: order.reference });
  });

  it("the licenses join the pool only once an extra authentication step is approved", async () => {
    clock.set(new Date("2028-01-15T00:00:00.000Z"));
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1m" });
    clock.set(new Date("2028-01-20T00:00:00.000Z"));
    const pending = OrderView.parse(
      (
        await upgrade(t, s.admin, s.accountId, bought.subscription.id, 14, {
          method: "card",
          token: await cardToken(t, CARDS.authenticate),
        })
      ).json(),
    );
    expect(pending.status).toBe("pending_payment");
    expect(await licenses(bought.subscription.id)).toBe(10);
    await authenticate(t, pending.nextAction?.url ?? "", "approve");
    expect(await licenses(bought.subscription.id)).toBe(14);
    expect((await storeCall(t, s.admin, "GET", orderUrl(s.accountId, pending.id))).json().status).toBe("paid");
  });

  it("a declined upgrade adds nothing", async () => {
    clock.set(new Date("2028-01-15T00:00:00.000Z"));
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10 });
    const declined = await upgrade(t, s.admin, s.accountId, bought.subscription.id, 20, {
      method: "card",
      token: await cardToken(t, CARDS.declined),
    });
    expect(declined.json()).toMatchObject({ status: "failed", failure: { code: "card_declined" } });
    expect(await licenses(bought.subscription.id)).toBe(10);
  });

  it("fails the order with a clear code when the subscription changed between the order and the payment", async () => {
    clock.set(new Date("2028-01-15T00:00:00.000Z"));
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10 });
    const slow = OrderView.parse(
      (
        await upgrade(t, s.admin, s.accountId, bought.subscription.id, 12, {
          method: "card",
          token: await cardToken(t, CARDS.authenticate),
        })
      ).json(),
    );
    const fast = await upgrade(t, s.admin, s.accountId, bought.subscription.id, 11, {
      method: "card",
      token: await cardToken(t),
    });
    expect(fast.json().status).toBe("paid");
    await authenticate(t, slow.nextAction?.url ?? "", "approve");
    const after = (await storeCall(t, s.admin, "GET", orderUrl(s.accountId, slow.id))).json();
    expect(after).toMatchObject({ status: "failed", failure: { code: "SUBSCRIPTION_CHANGED" } });
    expect(after.failure.message).toMatch(/refund/);
    expect(await licenses(bought.subscription.id)).toBe(11);
    const refund = await t.database.db
      .selectFrom("auditEvents")
      .select("action")
      .where("targetId", "=", slow.id)
      .where("action", "=", "store.refund_needed")
      .execute();
    expect(refund).toHaveLength(1);
  });

  it("refuses subscriptions bought from a reseller or direct sales, naming who to contact", async () => {
    const resold = await issue(t, s.op, {
      accountId: s.accountId,
      salesChannel: "reseller",
      resellerName: "Contoso Partners",
      contactName: "Jane Doe",
      contactEmail: "jane@contoso.example",
    });
    for (const attempt of [
      storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: resold.id, newTotal: 100 }),
      upgrade(t, s.admin, s.accountId, resold.id, 100, { method: "card", token: await cardToken(t) }),
    ]) {
      const response = await attempt;
      expect([response.statusCode, response.json().code]).toEqual([409, "CONTACT_SELLER"]);
      expect(response.json().detail).toContain("Contoso Partners");
      expect(response.json().detail).toContain("Jane Doe (jane@contoso.example)");
    }
    const direct = await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: s.licensedSubscriptionId, newTotal: 100 });
    expect([direct.statusCode, direct.json().code]).toEqual([409, "CONTACT_SELLER"]);
    expect(direct.json().detail).toMatch(/sales/);
    const orders = await t.database.db.selectFrom("orders").select("id").where("subscriptionId", "=", resold.id).execute();
    expect(orders).toEqual([]);
  });

  it("refuses a new total that is not higher, an expired or suspended subscription, and another account's", async () => {
    clock.set(new Date("2028-01-15T00:00:00.000Z"));
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1m" });
    const id = bought.subscription.id;
    for (const newTotal of [10, 9]) {
      const response = await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: id, newTotal });
      expect([response.statusCode, response.json().code]).toEqual([400, "NEW_TOTAL_NOT_HIGHER"]);
    }
    const other = await storeAccount(t, { op: s.op, companyName: "Other Buyer Ltd" });
    const foreign = await storeCall(t, other.admin, "POST", `${storeUrl(other.accountId)}/upgrade-quote`, {
      subscriptionId: id,
      newTotal: 20,
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, "SUBSCRIPTION_NOT_FOUND"]);

    const suspend = await storeCall(t, s.op, "POST", `/api/operator/subscriptions/${id}/actions`, { action: "suspend" });
    expect(suspend.statusCode).toBe(200);
    const suspended = await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: id, newTotal: 20 });
    expect([suspended.statusCode, suspended.json().code]).toEqual([409, "SUBSCRIPTION_SUSPENDED"]);
    await storeCall(t, s.op, "POST", `/api/operator/subscriptions/${id}/actions`, { action: "reinstate" });

    // 15 February 2028 is the period end (bought 15 January, 1 month): from then on it has expired.
    clock.set(new Date("2028-02-15T00:00:00.000Z"));
    const expired = await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: id, newTotal: 20 });
    expect([expired.statusCode, expired.json().code]).toEqual([409, "SUBSCRIPTION_EXPIRED"]);
    clock.set(new Date("2028-02-14T23:00:00.000Z"));
    const lastHour = UpgradeQuote.parse(
      (await storeCall(t, s.admin, "POST", quoteUrl(), { subscriptionId: id, newTotal: 20 })).json(),
    );
    // The last hour of a 31-day period: one day's share. 10 × 1 500 × 1 / 31 = 483.87 → 484.
    expect(lastHour).toMatchObject({ remainingDays: 1, periodDays: 31, subtotal: 484 });
  });

  it("licenses bought after an overuse grace make a new grace available to the next report over the limit", async () => {
    const start = new Date("2028-03-01T08:00:00.000Z");
    clock.set(start);
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1y" });
    const subscriptionId = bought.subscription.id;
    const details = (await storeCall(t, s.admin, "GET", `/api/accounts/${s.accountId}/subscriptions/${subscriptionId}`)).json();
    const primaryId = details.keys.find((k: { kind: string }) => k.kind === "primary").id;
    const key = (
      await storeCall(t, s.admin, "GET", `/api/accounts/${s.accountId}/subscriptions/${subscriptionId}/keys/${primaryId}`)
    ).json().key as string;

    const f1 = await activated(t, s.admin, key);
    const f2 = await activated(t, s.admin, key);
    expect((await stateAfter(t, f1, 6)).state).toBe("active");
    expect((await stateAfter(t, f2, 5)).state).toBe("overuse_grace");
    await keepReporting(
      t,
      clock,
      [
        [f1, 6],
        [f2, 5],
      ],
      7.5 * DAY,
    );
    expect((await stateAfter(t, f2, 5)).state).toBe("overuse_deactivated");

    // Buy one more license: 11 in the pool, and the next report over it starts a new grace.
    const paid = await upgrade(t, s.admin, s.accountId, subscriptionId, 11, { method: "card", token: await cardToken(t) });
    expect(paid.json().status).toBe("paid");
    const next = await stateAfter(t, f2, 6);
    expect(next).toMatchObject({ state: "overuse_grace", concurrentUsers: { limit: 11 } });
  });
});
