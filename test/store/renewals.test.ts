import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestGateway, type TestGateway } from "../../src/modules/store/payments/test-gateway.ts";
import { manualClock } from "../../src/server/clock.ts";
import { call } from "../helpers/account-fixtures.ts";
import { issue, subscriptionUrl } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  at,
  attemptRows,
  CARD,
  countingProvider,
  renewalJob,
  renewalMails,
  renewalOrders,
  renewalSetUp,
  saveCard,
  subscriptionRow,
} from "./renewal-kit.ts";

const START = new Date("2027-01-10T09:00:00Z");
const clock = manualClock(START);
let t: TestApp;
let testGateway: TestGateway;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  testGateway = createTestGateway({ secret: t.config.authSecret, clock });
});
afterAll(async () => t?.close());

/** Every job a test makes; none may have logged an error (a job logs and carries on, so a test would not see it). */
const jobs: Array<ReturnType<typeof renewalJob>> = [];
const watched = (job: ReturnType<typeof renewalJob>) => {
  jobs.push(job);
  return job;
};
afterEach(() => {
  expect(jobs.flatMap((job) => job.errors)).toEqual([]);
  jobs.length = 0;
});

/** An online subscription bought at `from` (see renewalSetUp), on this file's app and clock. */
const setUp = (prefix: string, from: Date, card: string | null = CARD.good) =>
  renewalSetUp(t, clock, testGateway, prefix, from, card);

describe(`automatic renewal (${TEST_ENGINE})`, () => {
  it("charges the saved card at expiry, moves the expiry to the next anchored period end, invoices and tells the administrators", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { admin, accountId, id, expiresAt } = await setUp("renew-ok", START);
    expect(expiresAt.toISOString()).toBe("2027-02-10T09:00:00.000Z");

    await job.runOnce(at(expiresAt, 0, -1)); // a minute before expiry: not due
    expect(provider.calls).toHaveLength(0);

    clock.set(at(expiresAt, 0, 2));
    expect(await job.runOnce()).toEqual({ renewed: 1, failed: 0, recovered: 0 });
    const [order] = await renewalOrders(t, id);
    expect(order).toMatchObject({
      status: "paid",
      paymentMethod: "saved_card",
      quantity: 10,
      subtotal: 15_000, // 10 × the 1-month Standard price of 15.00
      total: 15_000,
      createdByUserId: null,
      idempotencyKey: `renewal:${id}:2027-02-10T09:00:00.000Z:1`,
    });
    expect(order?.periodStartsAt.toISOString()).toBe("2027-02-10T09:00:00.000Z");
    expect(order?.periodEndsAt.toISOString()).toBe("2027-03-10T09:00:00.000Z");
    const [charge] = provider.calls;
    const payment = await t.database.db
      .selectFrom("payments")
      .selectAll()
      .where("orderId", "=", order?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(charge).toMatchObject({ amount: 15_000, offSession: true, idempotencyKey: payment.id, orderId: order?.id });
    expect(payment.status).toBe("succeeded");

    const renewed = await subscriptionRow(t, id);
    expect(renewed.expiresAt?.toISOString()).toBe("2027-03-10T09:00:00.000Z");
    expect(renewed.paymentGraceEndsAt).toBeNull();
    const invoice = await t.database.db
      .selectFrom("invoices")
      .select("number")
      .where("orderId", "=", order?.id ?? "")
      .executeTakeFirst();
    expect(invoice?.number).toMatch(/^INV-\d{6}$/);
    expect(await renewalMails(t, admin.email)).toEqual(["renewal-succeeded"]);
    expect((await attemptRows(t, id)).map((a) => `${a.attempt}:${a.status}`)).toEqual(["1:succeeded"]);

    // Nothing more until the next expiry; then the next period (anchored: 10 April).
    await job.runOnce(at(expiresAt, 5));
    expect(provider.calls).toHaveLength(1);
    clock.set(new Date("2027-03-10T09:03:00Z"));
    await job.runOnce();
    expect((await subscriptionRow(t, id)).expiresAt?.toISOString()).toBe("2027-04-10T09:00:00.000Z");
    expect(provider.taken()).toBe(2);
    expect((await call(t, admin, "GET", subscriptionUrl(accountId, id))).json().paymentGraceEndsAt).toBeNull();
  });

  it("after a decline retries 1, 3, 5 and 7 days after expiry within the 7-day grace, emailing each time, then ends", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { admin, accountId, id, expiresAt } = await setUp("renew-declined", new Date("2027-05-31T12:00:00Z"), CARD.declined);
    const graceEndsAt = at(expiresAt, 7).toISOString();

    clock.set(at(expiresAt, 0, 1));
    expect(await job.runOnce()).toEqual({ renewed: 0, failed: 1, recovered: 0 });
    const details = (await call(t, admin, "GET", subscriptionUrl(accountId, id))).json();
    expect(details.paymentGraceEndsAt).toBe(graceEndsAt);
    const failedMail = await t.database.db
      .selectFrom("outbox")
      .select("payloadJson")
      .where("recipient", "=", admin.email)
      .where("template", "=", "renewal-payment-failed")
      .executeTakeFirstOrThrow();
    expect(failedMail.payloadJson).toMatchObject({
      subscriptionName: details.displayName,
      amount: "15000",
      currency: "USD",
      retryAt: at(expiresAt, 1).toISOString(),
      graceEndsAt,
      url: `${t.config.publicUrl}/accounts/${accountId}/store/payment-method`,
    });
    expect(failedMail.payloadJson.failureReason).toMatch(/declined/);

    // Passes between the retries do nothing.
    for (const hours of [1, 12, 23]) await job.runOnce(at(expiresAt, hours / 24));
    expect(provider.calls).toHaveLength(1);

    for (const day of [1, 3, 5]) {
      await job.runOnce(at(expiresAt, day, 3));
      await job.runOnce(at(expiresAt, day, 8));
      expect((await subscriptionRow(t, id)).paymentGraceEndsAt?.toISOString()).toBe(graceEndsAt);
    }
    expect(provider.calls).toHaveLength(4);
    await job.runOnce(at(expiresAt, 7, 3)); // the last attempt, on the grace's last day
    await job.runOnce(at(expiresAt, 9));
    expect(provider.calls).toHaveLength(5);
    expect(provider.taken()).toBe(0);

    const after = await subscriptionRow(t, id);
    expect(after.paymentGraceEndsAt).toBeNull();
    expect(after.expiresAt?.toISOString()).toBe(expiresAt.toISOString()); // not renewed: it expires as any other
    expect((await renewalOrders(t, id)).map((o) => `${o.status}:${o.failureCode}`)).toEqual(
      Array(5).fill("failed:card_declined"),
    );
    expect((await attemptRows(t, id)).map((a) => `${a.attempt}:${a.status}`)).toEqual([
      "1:failed",
      "2:failed",
      "3:failed",
      "4:failed",
      "5:failed",
    ]);
    expect(await renewalMails(t, admin.email)).toEqual([
      "renewal-ended",
      ...[1, 3, 5, 7].map((day) => `renewal-payment-failed@${at(expiresAt, day).toISOString()}`),
    ]);
  });

  it("a card replaced during the grace renews at the next retry and ends the grace", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { id, accountId, expiresAt } = await setUp("renew-fixed", new Date("2028-01-31T08:00:00Z"), CARD.authenticate);
    expect(expiresAt.toISOString()).toBe("2028-02-29T08:00:00.000Z"); // leap year, clamped

    await job.runOnce(at(expiresAt, 0, 5)); // a card that wants the cardholder cannot be charged unattended
    expect((await renewalOrders(t, id))[0]?.failureCode).toBe("authentication_required");
    expect((await subscriptionRow(t, id)).paymentGraceEndsAt).not.toBeNull();

    await saveCard(t, testGateway, accountId, CARD.good, at(expiresAt, 0, 30));
    await job.runOnce(at(expiresAt, 1, 5));
    const s = await subscriptionRow(t, id);
    expect(s.paymentGraceEndsAt).toBeNull();
    // The period counts from the anchor (31 January): 31 March, not 29 March.
    expect(s.expiresAt?.toISOString()).toBe("2028-03-31T08:00:00.000Z");
    expect((await renewalOrders(t, id)).map((o) => o.status)).toEqual(["failed", "paid"]);
  });

  it("never charges reseller or direct-sales subscriptions, nor one whose renewal is off", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { op, admin, accountId, id, expiresAt } = await setUp("renew-skip", new Date("2029-03-01T10:00:00Z"));
    const reseller = await issue(t, op, { accountId, term: "1y", salesChannel: "reseller", resellerName: "Reseller Inc." });
    const direct = await issue(t, op, { accountId, term: "1y", salesChannel: "direct" });
    // Due like the online one, and renewing as far as their flag goes: the sales channel alone keeps them out.
    await t.database.db
      .updateTable("subscriptions")
      .set({ expiresAt, renewalEnabled: true })
      .where("id", "in", [reseller.id, direct.id])
      .execute();
    const off = await call(t, admin, "PUT", subscriptionUrl(accountId, id), { renewalEnabled: false });
    expect(off.statusCode).toBe(200);

    await job.runOnce(new Date("2029-04-01T10:05:00Z"));
    await job.runOnce(new Date("2029-04-03T10:05:00Z"));
    expect(provider.calls).toHaveLength(0);
    for (const sub of [id, reseller.id, direct.id]) expect(await renewalOrders(t, sub)).toEqual([]);
  });

  it("turning renewal off during the grace stops the retries and clears the grace", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { admin, accountId, id, expiresAt } = await setUp("renew-off-grace", new Date("2029-06-01T10:00:00Z"), null);

    await job.runOnce(at(expiresAt, 0, 5)); // no saved card: fails without a charge
    expect(provider.calls).toHaveLength(0);
    expect((await renewalOrders(t, id))[0]?.failureCode).toBe("no_payment_method");
    expect((await subscriptionRow(t, id)).paymentGraceEndsAt).not.toBeNull();

    await call(t, admin, "PUT", subscriptionUrl(accountId, id), { renewalEnabled: false });
    await saveCard(t, testGateway, accountId, CARD.good, at(expiresAt, 0, 10));
    for (const day of [1, 3, 5, 7]) await job.runOnce(at(expiresAt, day, 5));
    expect(provider.calls).toHaveLength(0);
    expect(await renewalOrders(t, id)).toHaveLength(1);
    expect((await subscriptionRow(t, id)).paymentGraceEndsAt).toBeNull();
    expect(await renewalMails(t, admin.email)).toEqual([`renewal-payment-failed@${at(expiresAt, 1).toISOString()}`]);
  });
});

describe(`renewals that cannot be charged (${TEST_ENGINE})`, () => {
  it("fail without a charge when the term and plan are no longer on the price list", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { admin, id, expiresAt } = await setUp("renew-no-price", new Date("2029-09-01T10:00:00Z"));
    await t.database.db.updateTable("subscriptions").set({ supportPlan: "premium" }).where("id", "=", id).execute();
    await t.database.db.deleteFrom("prices").where("term", "=", "1m").where("supportPlan", "=", "premium").execute();

    expect(await job.runOnce(at(expiresAt, 0, 5))).toEqual({ renewed: 0, failed: 1, recovered: 0 });
    expect(provider.calls).toHaveLength(0);
    expect((await renewalOrders(t, id)).map((o) => `${o.status}:${o.failureCode}`)).toEqual(["failed:price_unavailable"]);
    expect(await renewalMails(t, admin.email)).toEqual([`renewal-payment-failed@${at(expiresAt, 1).toISOString()}`]);
  });

  it("end a grace whose last attempt the job missed, with renewal-ended and no late charge", async () => {
    const provider = countingProvider(testGateway);
    const job = watched(renewalJob(t, clock, provider.gateway));
    const { admin, accountId, id, expiresAt } = await setUp("renew-missed", new Date("2029-11-01T10:00:00Z"), CARD.declined);
    await job.runOnce(at(expiresAt, 0, 5));
    await saveCard(t, testGateway, accountId, CARD.good, at(expiresAt, 0, 10));

    await job.runOnce(at(expiresAt, 8, 5)); // the servers were down for a week: too late to charge
    expect(provider.calls).toHaveLength(1);
    expect((await subscriptionRow(t, id)).paymentGraceEndsAt).toBeNull();
    expect(await renewalMails(t, admin.email)).toEqual([
      "renewal-ended",
      `renewal-payment-failed@${at(expiresAt, 1).toISOString()}`,
    ]);
    await job.runOnce(at(expiresAt, 8, 10));
    expect(await renewalMails(t, admin.email)).toHaveLength(2);
  });
});
