import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLicenseKeyCrypto } from "../../src/modules/licensing/license-key-crypto.ts";
import { periodEnd } from "../../src/modules/store/pricing.ts";
import { failOrder, type SettlementDeps, settleOrder } from "../../src/modules/store/settlement.ts";
import { manualClock } from "../../src/server/clock.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { buy, mailsTo, type StoreAccount, storeAccount } from "./store-kit.ts";

/**
 * settleOrder() is the one place an order becomes paid and provisioned; the renewal job
 * calls it for renewal orders. Here its renewal branch, and "exactly once", directly.
 */

const T0 = new Date("2027-01-31T10:00:00.000Z");
const clock = manualClock(T0);
let t: TestApp;
let s: StoreAccount;
let deps: SettlementDeps;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  s = await storeAccount(t);
  deps = {
    engine: t.database.engine,
    crypto: createLicenseKeyCrypto(t.config.licenseKeySecret),
    publicUrl: t.config.publicUrl,
    vendor: t.config.store.vendor,
  };
});
afterAll(async () => t?.close());

/** A renewal order as the renewal job writes it: the next anchored period, a pending off-session payment. */
async function renewalOrder(subscriptionId: string, period: { start: Date; end: Date }, now: Date) {
  const id = randomUUID();
  const paymentId = randomUUID();
  await t.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("orders")
      .values({
        id,
        reference: `LP-R${randomUUID().slice(0, 7).toUpperCase()}`,
        accountId: s.accountId,
        createdByUserId: null,
        kind: "renewal",
        status: "pending_payment",
        paymentMethod: "saved_card",
        productId: "ras",
        subscriptionId,
        term: "1m",
        supportPlan: "standard",
        quantity: 10,
        previousQuantity: null,
        currency: "USD",
        subtotal: 15_000,
        taxRateBp: 0,
        taxName: "Tax",
        taxAmount: 0,
        total: 15_000,
        renewalAmount: 15_000,
        renewsAt: period.end,
        periodStartsAt: period.start,
        periodEndsAt: period.end,
        idempotencyKey: null,
        requestHash: null,
        failureCode: null,
        failureMessage: null,
        paidAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto("orderLines")
      .values({
        orderId: id,
        position: 1,
        description: "Renewal",
        quantity: 10,
        unitAmount: 1_500,
        amount: 15_000,
        periodStartsAt: period.start,
        periodEndsAt: period.end,
      })
      .execute();
    await trx
      .insertInto("payments")
      .values({
        id: paymentId,
        orderId: id,
        gateway: "test",
        status: "pending",
        amount: 15_000,
        currency: "USD",
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  });
  return { orderId: id, paymentId };
}

describe(`settleOrder (${TEST_ENGINE})`, () => {
  it("renews: the expiry moves to the next anchored period end, the payment grace is cleared, the administrators are told, once", async () => {
    clock.set(T0);
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1m" });
    const subscriptionId = bought.subscription.id;
    const firstEnd = periodEnd(T0, "1m", 1);
    const nextEnd = periodEnd(T0, "1m", 2);
    expect([firstEnd.toISOString(), nextEnd.toISOString()]).toEqual(["2027-02-28T10:00:00.000Z", "2027-03-31T10:00:00.000Z"]);
    const now = new Date("2027-02-28T10:00:00.000Z");
    await t.database.db
      .updateTable("subscriptions")
      .set({ paymentGraceEndsAt: new Date("2027-03-07T10:00:00.000Z") })
      .where("id", "=", subscriptionId)
      .execute();
    const { orderId, paymentId } = await renewalOrder(subscriptionId, { start: firstEnd, end: nextEnd }, now);

    const settle = () =>
      t.database.db.transaction().execute((trx) =>
        settleOrder(trx, deps, {
          orderId,
          paymentId,
          gatewayRef: `pay_renewal_${orderId}`,
          card: { brand: "visa", last4: "4242", expMonth: 1, expYear: 2099 },
          confirmedByUserId: null,
          now,
        }),
      );
    const first = await settle();
    expect(first).toMatchObject({ status: "paid", subscriptionId, invoiceNumber: expect.stringMatching(/^INV-/) });
    const sub = await t.database.db
      .selectFrom("subscriptions")
      .selectAll()
      .where("id", "=", subscriptionId)
      .executeTakeFirstOrThrow();
    expect(sub.expiresAt?.toISOString()).toBe("2027-03-31T10:00:00.000Z");
    expect(sub.maintenanceExpiresAt?.toISOString()).toBe("2027-03-31T10:00:00.000Z");
    expect(sub.paymentGraceEndsAt).toBeNull();
    expect(sub.totalLicenses).toBe(10);
    const mails = await mailsTo(t, s.admin.email, "renewal-succeeded");
    expect(mails.map((m) => m.payloadJson)).toEqual([
      expect.objectContaining({
        expiresAt: "2027-03-31T10:00:00.000Z",
        amount: "15000",
        currency: "USD",
        subscriptionName: sub.displayName,
      }),
    ]);

    // Again (a replayed event, a second process): nothing more happens.
    expect(await settle()).toEqual({ status: "not_payable", orderStatus: "paid" });
    const invoices = await t.database.db.selectFrom("invoices").select("number").where("orderId", "=", orderId).execute();
    expect(invoices).toHaveLength(1);
    expect(await mailsTo(t, s.admin.email, "renewal-succeeded")).toHaveLength(1);
    const payment = await t.database.db.selectFrom("payments").selectAll().where("id", "=", paymentId).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ status: "succeeded", cardLast4: "4242", gatewayRef: `pay_renewal_${orderId}` });
  });

  it("never shortens: a renewal paid after an operator extended the subscription keeps the later expiry", async () => {
    clock.set(T0);
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1m" });
    const extended = new Date("2027-12-31T00:00:00.000Z");
    await t.database.db
      .updateTable("subscriptions")
      .set({ expiresAt: extended })
      .where("id", "=", bought.subscription.id)
      .execute();
    const { orderId, paymentId } = await renewalOrder(
      bought.subscription.id,
      { start: periodEnd(T0, "1m", 1), end: periodEnd(T0, "1m", 2) },
      T0,
    );
    await t.database.db
      .transaction()
      .execute((trx) =>
        settleOrder(trx, deps, { orderId, paymentId, gatewayRef: null, card: null, confirmedByUserId: null, now: T0 }),
      );
    const sub = await t.database.db
      .selectFrom("subscriptions")
      .select("expiresAt")
      .where("id", "=", bought.subscription.id)
      .executeTakeFirstOrThrow();
    expect(sub.expiresAt?.toISOString()).toBe(extended.toISOString());
  });

  it("a declined renewal fails its order once and changes nothing on the subscription", async () => {
    clock.set(T0);
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1m" });
    const { orderId, paymentId } = await renewalOrder(
      bought.subscription.id,
      { start: periodEnd(T0, "1m", 1), end: periodEnd(T0, "1m", 2) },
      T0,
    );
    const decline = () =>
      t.database.db.transaction().execute((trx) =>
        failOrder(trx, {
          orderId,
          paymentId,
          gatewayRef: null,
          card: null,
          code: "authentication_required",
          message: "Needs the cardholder.",
          now: T0,
        }),
      );
    expect(await decline()).toBe(true);
    expect(await decline()).toBe(false);
    const order = await t.database.db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "failed", failureCode: "authentication_required" });
    const sub = await t.database.db
      .selectFrom("subscriptions")
      .select("expiresAt")
      .where("id", "=", bought.subscription.id)
      .executeTakeFirstOrThrow();
    expect(sub.expiresAt?.toISOString()).toBe("2027-02-28T10:00:00.000Z");
  });
});
