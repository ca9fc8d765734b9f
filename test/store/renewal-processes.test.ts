import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestGateway, type TestGateway } from "../../src/modules/store/payments/test-gateway.ts";
import { buildApp } from "../../src/server/app.ts";
import { manualClock } from "../../src/server/clock.ts";
import { call } from "../helpers/account-fixtures.ts";
import { pdfText } from "../helpers/pdf-text.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { invoiceUrl } from "./invoice-kit.ts";
import {
  at,
  attemptRows,
  CARD,
  countingProvider,
  renewalJob,
  renewalMails,
  renewalOrders,
  renewalSetUp,
  subscriptionRow,
} from "./renewal-kit.ts";
import { buy, storeAccount } from "./store-kit.ts";

const START = new Date("2027-01-10T09:00:00Z");
const clock = manualClock(START);
let t: TestApp;
let testGateway: TestGateway;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  testGateway = createTestGateway({ secret: t.config.authSecret, clock });
});
afterAll(async () => t?.close());

/** An online subscription bought at `from` (see renewalSetUp), on this file's app and clock. */
const setUp = (prefix: string, from: Date, card: string | null = CARD.good) =>
  renewalSetUp(t, clock, testGateway, prefix, from, card);

describe(`renewals with several server processes (${TEST_ENGINE})`, () => {
  it("renew a subscription bought in the store once, when two app processes on one database race", async () => {
    clock.set(new Date("2031-08-31T16:00:00Z"));
    const bought = await storeAccount(t);
    const order = await buy(t, bought.admin, bought.accountId, { term: "1m", quantity: 3 });
    const subscriptionId = order.subscription.id;
    const expiresAt = (await subscriptionRow(t, subscriptionId)).expiresAt;
    expect(expiresAt?.toISOString()).toBe("2031-09-30T16:00:00.000Z"); // bought on the 31st: clamped
    const second = await buildApp({ config: t.config, database: t.database, startWorkers: false, clock });
    try {
      clock.set(new Date("2031-09-30T16:04:00Z"));
      await Promise.all([t.app.renewals.runOnce(), second.renewals.runOnce(), t.app.renewals.runOnce()]);
      await Promise.all([t.app.renewals.runOnce(), second.renewals.runOnce()]);
    } finally {
      await second.close();
    }
    const renewals = await renewalOrders(t, subscriptionId);
    expect(renewals.map((o) => `${o.status}:${o.quantity}:${o.total}`)).toEqual(["paid:3:4500"]);
    const payments = await t.database.db
      .selectFrom("payments")
      .selectAll()
      .where("orderId", "=", renewals[0]?.id ?? "")
      .execute();
    expect(payments.map((p) => `${p.status}:${p.cardLast4}`)).toEqual(["succeeded:4242"]);
    // The anchor is the 31st: the next period ends on 31 October, not 30 October.
    expect((await subscriptionRow(t, subscriptionId)).expiresAt?.toISOString()).toBe("2031-10-31T16:00:00.000Z");

    const pdf = await call(t, bought.admin, "GET", invoiceUrl(bought.accountId, renewals[0]?.id ?? ""));
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload).replace(/\n/g, " ");
    expect(text).toContain("renewal, 1 month, Standard support");
    expect(text).toContain("2031-09-30 to 2031-10-31");
    expect(text).toContain("by saved card (Visa ending 4242)");
  });

  it("make each attempt exactly once when two jobs race", async () => {
    const provider = countingProvider(testGateway);
    const first = renewalJob(t, clock, provider.gateway);
    const second = renewalJob(t, clock, provider.gateway);
    const from = new Date("2030-01-15T10:00:00Z");
    const good = await Promise.all([1, 2, 3, 4].map((n) => setUp(`race-good-${n}`, from)));
    const bad = await Promise.all([1, 2].map((n) => setUp(`race-bad-${n}`, from, CARD.declined)));
    const expiresAt = good[0]?.expiresAt ?? from;

    for (const when of [at(expiresAt, 0, 5), at(expiresAt, 1, 5), at(expiresAt, 1, 6)]) {
      await Promise.all([first.runOnce(when), second.runOnce(when), first.runOnce(when), second.runOnce(when)]);
    }
    expect([...first.errors, ...second.errors]).toEqual([]);
    expect(provider.taken()).toBe(4);
    // Good cards: one charge each. Declined: attempts 1 and 2, once each.
    expect(provider.calls).toHaveLength(4 + 2 * 2);
    for (const { id } of good) expect((await renewalOrders(t, id)).map((o) => o.status)).toEqual(["paid"]);
    for (const { id, admin } of bad) {
      expect((await attemptRows(t, id)).map((a) => `${a.attempt}:${a.status}`)).toEqual(["1:failed", "2:failed"]);
      expect(await renewalMails(t, admin.email)).toHaveLength(2);
    }
    const payments = await t.database.db
      .selectFrom("payments as p")
      .innerJoin("orders as o", "o.id", "p.orderId")
      .select("p.id")
      .where(
        "o.subscriptionId",
        "in",
        [...good, ...bad].map((s) => s.id),
      )
      .execute();
    expect(payments).toHaveLength(8);
  });

  it("take over a claim whose process died after the charge, with the same payment, so nothing is charged twice", async () => {
    const provider = countingProvider(testGateway);
    const crashing = renewalJob(t, clock, provider.gateway);
    const healthy = renewalJob(t, clock, provider.gateway);
    const { admin, id, expiresAt } = await setUp("renew-crash", new Date("2030-05-05T05:00:00Z"));

    provider.crashAfterCharge(1);
    await crashing.runOnce(at(expiresAt, 0, 1)); // the provider took the money; the process never recorded it
    expect(provider.taken()).toBe(1);
    expect(crashing.errors).toEqual(["renewal attempt failed: Error: process died after the provider took the charge"]);
    expect((await attemptRows(t, id)).map((a) => a.status)).toEqual(["claimed"]);
    expect((await renewalOrders(t, id)).map((o) => o.status)).toEqual(["pending_payment"]);

    await healthy.runOnce(at(expiresAt, 0, 10)); // a fresh claim is left alone
    expect(provider.calls).toHaveLength(1);

    const pass = await healthy.runOnce(at(expiresAt, 0, 17)); // stale now: taken over
    expect(pass).toEqual({ renewed: 1, failed: 0, recovered: 1 });
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[1]?.idempotencyKey).toBe(provider.calls[0]?.idempotencyKey);
    expect(provider.taken()).toBe(1);
    const orders = await renewalOrders(t, id);
    expect(orders.map((o) => o.status)).toEqual(["paid"]);
    expect(
      await t.database.db
        .selectFrom("payments")
        .select("id")
        .where("orderId", "=", orders[0]?.id ?? "")
        .execute(),
    ).toHaveLength(1);
    expect((await subscriptionRow(t, id)).expiresAt?.getTime()).toBeGreaterThan(expiresAt.getTime());
    expect(await renewalMails(t, admin.email)).toEqual(["renewal-succeeded"]);

    await healthy.runOnce(at(expiresAt, 1));
    expect(provider.calls).toHaveLength(2);
    expect(healthy.errors).toEqual([]);
  });
});
