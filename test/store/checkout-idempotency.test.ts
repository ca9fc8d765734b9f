import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/server/clock.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  buy,
  CARDS,
  cardToken,
  checkout,
  ordersInDb,
  paymentsInDb,
  type StoreAccount,
  storeAccount,
  storeSubscriptionsInDb,
  upgrade,
} from "./store-kit.ts";

/** Issue 6: submitting the checkout twice makes one order (Idempotency-Key), sequentially and at the same moment. */

const clock = manualClock(new Date("2027-06-15T12:00:00.000Z"));
let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  s = await storeAccount(t);
});
afterAll(async () => t?.close());

async function counts(accountId: string) {
  const orders = await ordersInDb(t, accountId);
  const payments = (await Promise.all(orders.map((o) => paymentsInDb(t, o.id)))).flat();
  return { orders: orders.length, payments: payments.length, subscriptions: (await storeSubscriptionsInDb(t, accountId)).length };
}

describe(`Idempotency-Key (${TEST_ENGINE})`, () => {
  it("the same key twice, one after the other: 201 then 200 with the same paid order, one payment, one subscription", async () => {
    const before = await counts(s.accountId);
    const key = randomUUID();
    const payment = { method: "card" as const, token: await cardToken(t) };
    const first = await checkout(t, s.admin, s.accountId, payment, {}, key);
    const second = await checkout(t, s.admin, s.accountId, payment, {}, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(second.json()).toMatchObject({ status: "paid", subscription: first.json().subscription });
    expect(await counts(s.accountId)).toEqual({
      orders: before.orders + 1,
      payments: before.payments + 1,
      subscriptions: before.subscriptions + 1,
    });
  });

  // On PostgreSQL the three really overlap and two lose the insert race on (account, key): the unique-violation path.
  // On SQLite the single writer lets the first commit before the others look, so they take the replay path.
  it("the same key three times at once: one order, one payment, one subscription; one 201, the others 200", async () => {
    const before = await counts(s.accountId);
    const key = randomUUID();
    const payment = { method: "card" as const, token: await cardToken(t) };
    const responses = await Promise.all([1, 2, 3].map(() => checkout(t, s.admin, s.accountId, payment, {}, key)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await counts(s.accountId)).toEqual({
      orders: before.orders + 1,
      payments: before.payments + 1,
      subscriptions: before.subscriptions + 1,
    });
    const [order] = (await ordersInDb(t, s.accountId)).filter((o) => o.idempotencyKey === key);
    expect(order?.status).toBe("paid");
  });

  it("the same key with a different request is refused (422 IDEMPOTENCY_KEY_REUSED) and changes nothing", async () => {
    const key = randomUUID();
    const token = await cardToken(t);
    expect((await checkout(t, s.admin, s.accountId, { method: "card", token }, { quantity: 5 }, key)).statusCode).toBe(201);
    const before = await counts(s.accountId);
    for (const changed of [
      checkout(t, s.admin, s.accountId, { method: "card", token }, { quantity: 6 }, key),
      checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 5 }, key),
      checkout(t, s.admin, s.accountId, { method: "card", token, saveForRenewals: false }, { quantity: 5 }, key),
    ]) {
      const response = await changed;
      expect([response.statusCode, response.json().code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    }
    expect(await counts(s.accountId)).toEqual(before);
  });

  it("a declined order answers again as declined: a repeat never charges a second time", async () => {
    const key = randomUUID();
    const payment = { method: "card" as const, token: await cardToken(t, CARDS.declined) };
    const first = await checkout(t, s.admin, s.accountId, payment, {}, key);
    const before = await counts(s.accountId);
    const again = await checkout(t, s.admin, s.accountId, payment, {}, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toMatchObject({ id: first.json().id, status: "failed", failure: { code: "card_declined" } });
    expect(await counts(s.accountId)).toEqual(before);
  });

  it("a key is the account's own: another account may use the same key for its own order", async () => {
    const other = await storeAccount(t, { op: s.op, companyName: "Same Key Ltd" });
    const key = randomUUID();
    const a = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t) }, {}, key);
    const b = await checkout(t, other.admin, other.accountId, { method: "card", token: await cardToken(t) }, {}, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it("Pay & Upgrade is idempotent too, also at the same moment: the licenses are added once", async () => {
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10 });
    const subscriptionId = bought.subscription.id;
    const key = randomUUID();
    const payment = { method: "card" as const, token: await cardToken(t) };
    const responses = await Promise.all([1, 2].map(() => upgrade(t, s.admin, s.accountId, subscriptionId, 15, payment, key)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    const total = await t.database.db
      .selectFrom("subscriptions")
      .select("totalLicenses")
      .where("id", "=", subscriptionId)
      .executeTakeFirstOrThrow();
    expect(total.totalLicenses).toBe(15);
    const upgrades = (await ordersInDb(t, s.accountId)).filter(
      (o) => o.kind === "upgrade" && o.subscriptionId === subscriptionId,
    );
    expect(upgrades.map((o) => o.status)).toEqual(["paid"]);
  });

  it("a payment the gateway never answered is resumed by a repeat under the same payment id, once it is stale", async () => {
    const key = randomUUID();
    const payment = { method: "card" as const, token: await cardToken(t, CARDS.authenticate) };
    const first = (await checkout(t, s.admin, s.accountId, payment, {}, key)).json();
    const [row] = await paymentsInDb(t, first.id);
    // As if the process had died between writing the order and hearing the gateway's answer.
    const forgetAnswer = (createdAt: Date) =>
      t.database.db
        .updateTable("payments")
        .set({ status: "pending", gatewayRef: null, createdAt })
        .where("id", "=", row?.id ?? "")
        .execute();

    await forgetAnswer(clock.now());
    const fresh = await checkout(t, s.admin, s.accountId, payment, {}, key);
    expect(fresh.json()).toMatchObject({ id: first.id, status: "pending_payment", nextAction: null });

    await forgetAnswer(new Date(clock.now().getTime() - 60_000));
    const resumed = await checkout(t, s.admin, s.accountId, payment, {}, key);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ id: first.id, status: "pending_payment", nextAction: first.nextAction });
    const payments = await paymentsInDb(t, first.id);
    expect(payments.map((p) => [p.id, p.status, p.gatewayRef])).toEqual([[row?.id, "requires_action", row?.gatewayRef]]);
  });
});
