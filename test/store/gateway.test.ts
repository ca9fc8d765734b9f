import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderView } from "../../contracts/store.ts";
import { createTestGateway, TEST_SIGNATURE_HEADER } from "../../src/modules/store/payments/test-gateway.ts";
import { manualClock } from "../../src/server/clock.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  CARDS,
  cardToken,
  checkout,
  orderUrl,
  type StoreAccount,
  storeAccount,
  storeCall,
  storeSubscriptionsInDb,
  TOKENS_URL,
} from "./store-kit.ts";

/** Issue 6: the test gateway (test cards, tokens, extra step) and gateway callbacks applied once. */

const clock = manualClock(new Date("2027-05-05T10:00:00.000Z"));
let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  s = await storeAccount(t);
});
afterAll(async () => t?.close());

/** The provider's side: the same secret as the app, so its signatures verify. */
const provider = (at = clock) => createTestGateway({ secret: t.config.authSecret, clock: at });

async function pendingOrder() {
  const response = await checkout(t, s.admin, s.accountId, { method: "card", token: await cardToken(t, CARDS.authenticate) });
  const order = OrderView.parse(response.json());
  const paymentRef = order.nextAction?.url.split("/").pop() ?? "";
  expect(paymentRef).toMatch(/^pay_test_/);
  return { order, paymentRef };
}

/** A webhook as a provider sends it: no cookie, no Origin, the signature over the exact body. */
const deliver = (rawBody: string, headers: Record<string, string>, gateway = "test") =>
  t.app.inject({ method: "POST", url: `/api/store/gateways/${gateway}/events`, headers, payload: rawBody });

describe(`gateway callbacks (${TEST_ENGINE})`, () => {
  it("an event is applied once: a replay answers 200 and changes nothing", async () => {
    const { order, paymentRef } = await pendingOrder();
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    const event = provider().signEvent({ id: "evt_replayed_1", paymentRef, orderId: order.id, outcome: { status: "succeeded" } });
    const first = await deliver(event.rawBody, event.headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true, applied: true });
    const replay = await deliver(event.rawBody, event.headers);
    expect(replay.json()).toEqual({ received: true, applied: false });
    // A contradicting event for the same payment (another id) changes nothing either: the payment has its answer.
    const late = provider().signEvent({
      id: "evt_late_decline",
      paymentRef,
      orderId: order.id,
      outcome: { status: "declined", code: "card_declined", message: "No." },
    });
    expect((await deliver(late.rawBody, late.headers)).json()).toEqual({ received: true, applied: false });

    const after = (await storeCall(t, s.admin, "GET", orderUrl(s.accountId, order.id))).json();
    expect(after).toMatchObject({ status: "paid", failure: null });
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
    const events = await t.database.db
      .selectFrom("gatewayEvents")
      .selectAll()
      .where("paymentId", "=", after.payments[0].id)
      .execute();
    expect(events.map((e) => e.eventId).sort()).toEqual(["evt_late_decline", "evt_replayed_1"]);
  });

  it("the same event delivered twice at the same moment is applied once", async () => {
    const { order, paymentRef } = await pendingOrder();
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    const event = provider().signEvent({
      id: "evt_twice_at_once",
      paymentRef,
      orderId: order.id,
      outcome: { status: "succeeded" },
    });
    const answers = await Promise.all([deliver(event.rawBody, event.headers), deliver(event.rawBody, event.headers)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => a.json().applied).sort()).toEqual([false, true]);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
  });

  it("a bad signature, a tampered body, an old event or an unknown payment is refused (400) and changes nothing", async () => {
    const { order, paymentRef } = await pendingOrder();
    const good = provider().signEvent({ id: "evt_forged", paymentRef, orderId: order.id, outcome: { status: "succeeded" } });
    const otherSecret = createTestGateway({ secret: "another-secret-of-at-least-32-characters!", clock }).signEvent({
      id: "evt_other_secret",
      paymentRef,
      orderId: order.id,
      outcome: { status: "succeeded" },
    });
    const zeros = `t=${Math.floor(clock.now().getTime() / 1000)},v1=${"0".repeat(64)}`;
    const refused = [
      await deliver(good.rawBody.replace("succeeded", "succeeded "), good.headers),
      await deliver(good.rawBody, { ...good.headers, [TEST_SIGNATURE_HEADER]: zeros }),
      await deliver(good.rawBody, { "content-type": "application/json" }),
      await deliver(otherSecret.rawBody, otherSecret.headers),
    ];
    // Signed 10 minutes ago: outside the 5-minute tolerance.
    const past = manualClock(new Date(clock.now().getTime() - 10 * 60 * 1000));
    const old = provider(past).signEvent({ id: "evt_old", paymentRef, orderId: order.id, outcome: { status: "succeeded" } });
    refused.push(await deliver(old.rawBody, old.headers));
    const unknown = provider().signEvent({
      id: "evt_unknown",
      paymentRef: "pay_test_nope",
      orderId: order.id,
      outcome: { status: "succeeded" },
    });
    refused.push(await deliver(unknown.rawBody, unknown.headers));
    const wrongOrder = provider().signEvent({
      id: "evt_wrong_order",
      paymentRef,
      orderId: "another-order",
      outcome: { status: "succeeded" },
    });
    refused.push(await deliver(wrongOrder.rawBody, wrongOrder.headers));
    for (const response of refused) {
      expect([response.statusCode, response.json().code], response.body).toEqual([400, "GATEWAY_EVENT_INVALID"]);
    }
    const unknownGateway = await deliver(good.rawBody, good.headers, "stripe");
    expect([unknownGateway.statusCode, unknownGateway.json().code]).toEqual([404, "GATEWAY_NOT_FOUND"]);

    expect((await storeCall(t, s.admin, "GET", orderUrl(s.accountId, order.id))).json().status).toBe("pending_payment");
    const stored = await t.database.db.selectFrom("gatewayEvents").select("eventId").where("eventId", "like", "evt_%").execute();
    expect(stored.map((e) => e.eventId)).not.toContain("evt_forged");
    // The genuine event still works afterwards.
    expect((await deliver(good.rawBody, good.headers)).json()).toEqual({ received: true, applied: true });
  });
});

describe(`late payments (${TEST_ENGINE})`, () => {
  it("money that arrives for an order an operator canceled provisions nothing and is flagged for a refund", async () => {
    const { order, paymentRef } = await pendingOrder();
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    expect((await storeCall(t, s.op, "POST", `/api/operator/store/orders/${order.id}/cancel`, {})).statusCode).toBe(200);
    const event = provider().signEvent({
      id: "evt_after_cancel",
      paymentRef,
      orderId: order.id,
      outcome: { status: "succeeded" },
    });
    expect((await deliver(event.rawBody, event.headers)).json()).toEqual({ received: true, applied: true });
    const after = (await storeCall(t, s.admin, "GET", orderUrl(s.accountId, order.id))).json();
    expect(after).toMatchObject({ status: "canceled", subscription: null, invoice: null });
    expect(after.payments).toEqual([expect.objectContaining({ status: "succeeded" })]);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before);
    const flagged = await t.database.db
      .selectFrom("auditEvents")
      .select("action")
      .where("targetId", "=", order.id)
      .where("action", "=", "store.refund_needed")
      .execute();
    expect(flagged).toHaveLength(1);
  });
});

describe(`the test gateway (${TEST_ENGINE})`, () => {
  it("turns test cards into tokens that carry no card number, and refuses other numbers", async () => {
    const response = await storeCall(t, null, "POST", TOKENS_URL, {
      number: "4242 4242 4242 4242",
      expMonth: 4,
      expYear: 2031,
      cvc: "123",
    });
    expect(response.statusCode, response.body).toBe(201);
    const card = response.json();
    expect(card).toMatchObject({ brand: "visa", last4: "4242", expMonth: 4, expYear: 2031 });
    expect(card.token).toMatch(/^tok_test_/);
    const payload = Buffer.from(card.token.slice("tok_test_".length).split(".")[0], "base64url").toString("utf8");
    expect(`${card.token}${payload}`).not.toContain("4242424242424242");
    expect(`${card.token}${payload}`).not.toContain('123"');

    const real = await storeCall(t, null, "POST", TOKENS_URL, {
      number: "4111111111111111",
      expMonth: 4,
      expYear: 2031,
      cvc: "123",
    });
    expect([real.statusCode, real.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(real.json().errors).toEqual([expect.objectContaining({ field: "number" })]);
    const badCvc = await storeCall(t, null, "POST", TOKENS_URL, {
      number: CARDS.succeeds,
      expMonth: 4,
      expYear: 2031,
      cvc: "12",
    });
    expect(badCvc.statusCode).toBe(400);
    const forged = await checkout(t, s.admin, s.accountId, { method: "card", token: `${card.token.slice(0, -2)}xx` });
    expect(forged.json()).toMatchObject({ status: "failed", failure: { code: "invalid_token" } });
  });

  it("saved methods charge with nobody present, except a card that asks for authentication (authentication_required)", async () => {
    const gateway = provider();
    const charge = async (number: string, offSession: boolean, key: string) => {
      const token = gateway.tokenize({ number, expMonth: 12, expYear: 2099 }).token;
      const saved = await gateway.saveMethod(token);
      expect(saved.token).toMatch(/^pm_test_/);
      return gateway.charge({
        amount: 1000,
        currency: "USD",
        token: saved.token,
        idempotencyKey: key,
        description: "renewal",
        returnUrl: "http://localhost:3000/",
        offSession,
        orderId: "o1",
      });
    };
    expect(await charge(CARDS.succeeds, true, "k1")).toMatchObject({ status: "succeeded" });
    expect(await charge(CARDS.authenticate, true, "k2")).toMatchObject({ status: "declined", code: "authentication_required" });
    expect(await charge(CARDS.authenticate, false, "k3")).toMatchObject({ status: "requires_action" });
    expect(await charge(CARDS.insufficientFunds, true, "k4")).toMatchObject({ status: "declined", code: "insufficient_funds" });
    // The same idempotency key is the same payment (a retried call after a timeout).
    const [a, b] = [await charge(CARDS.succeeds, true, "same"), await charge(CARDS.succeeds, true, "same")];
    expect(a.ref).toBe(b.ref);
    await expect(gateway.saveMethod("pm_test_forged.abc")).rejects.toThrow();
  });

  it("shows a pending payment to its authentication page and refuses unknown references", async () => {
    const missing = await storeCall(t, null, "GET", "/api/store/test-gateway/payments/pay_test_unknown");
    expect([missing.statusCode, missing.json().code]).toEqual([404, "PAYMENT_NOT_FOUND"]);
    const approve = await storeCall(t, null, "POST", "/api/store/test-gateway/payments/pay_test_unknown/authenticate", {
      outcome: "approve",
    });
    expect(approve.statusCode).toBe(404);
  });
});
