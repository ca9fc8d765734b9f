import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperatorOrderPage, OrderView } from "../../contracts/store.ts";
import { renderEmail } from "../../src/modules/notifications/templates/render-email.ts";
import { manualClock } from "../../src/server/clock.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  buy,
  checkout,
  confirmTransfer,
  mailsTo,
  OPERATOR_ORDERS_URL,
  orderUrl,
  type StoreAccount,
  storeAccount,
  storeCall,
  storeSubscriptionsInDb,
  upgrade,
} from "./store-kit.ts";

/** Issue 6: bank transfer leaves the order pending until an operator confirms the payment; nothing is provisioned before. */

const T0 = new Date("2027-03-10T09:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const clock = manualClock(T0);
let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp(
    { AUTH_RATE_LIMIT: "off", BANK_TRANSFER_DETAILS: "Vendor Bank AG|IBAN DE00 1234 5678 9000 00|BIC VENDDEFF" },
    { clock },
  );
  s = await storeAccount(t);
});
afterAll(async () => t?.close());

describe(`bank transfer (${TEST_ENGINE})`, () => {
  it("waits for the transfer with the payee and reference; nothing is provisioned; the operator's confirmation provisions once", async () => {
    clock.set(T0);
    const placed = await checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 20, term: "1y" });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = OrderView.parse(placed.json());
    expect(order).toMatchObject({
      status: "awaiting_transfer",
      paymentMethod: "bank_transfer",
      subscription: null,
      invoice: null,
    });
    expect(order.bankTransfer).toEqual({
      payee: ["Vendor Bank AG", "IBAN DE00 1234 5678 9000 00", "BIC VENDDEFF"],
      reference: order.reference,
      amount: order.total,
      currency: "USD",
    });
    expect(order.payments).toEqual([
      expect.objectContaining({ gateway: "bank_transfer", status: "pending", amount: order.total }),
    ]);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(0);

    // The buyer gets the instructions by email: payee lines as a block, amount as money, the order's page.
    const [mail] = await mailsTo(t, s.admin.email, "bank-transfer-instructions");
    expect(mail?.payloadJson).toMatchObject({
      orderReference: order.reference,
      amount: String(order.total),
      currency: "USD",
      payee: "Vendor Bank AG\nIBAN DE00 1234 5678 9000 00\nBIC VENDDEFF",
      url: `http://localhost:3000/accounts/${s.accountId}/store/orders/${order.id}`,
    });
    const rendered = renderEmail("bank-transfer-instructions", "en", s.admin.email, mail?.payloadJson ?? {});
    expect(rendered.text).toContain("Please transfer $3,000.00 to this account:");
    expect(rendered.text).toContain("    Vendor Bank AG\n    IBAN DE00 1234 5678 9000 00\n    BIC VENDDEFF");
    expect(rendered.text).toContain(order.reference);

    // The operators' list of transfers to confirm has it, with the account's name.
    const waiting = OperatorOrderPage.parse(
      (await storeCall(t, s.op, "GET", `${OPERATOR_ORDERS_URL}?status=awaiting_transfer`)).json(),
    );
    expect(waiting.items.find((o) => o.id === order.id)).toMatchObject({
      reference: order.reference,
      account: { id: s.accountId, name: "Acme Remote Apps GmbH" },
    });

    // Days pass; a wrong amount is refused and changes nothing.
    clock.set(new Date(T0.getTime() + 3 * DAY));
    const wrong = await confirmTransfer(t, s.op, order.id, order.total - 1);
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, "AMOUNT_MISMATCH"]);
    expect((await storeCall(t, s.admin, "GET", orderUrl(s.accountId, order.id))).json().status).toBe("awaiting_transfer");
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(0);

    const confirmed = await confirmTransfer(t, s.op, order.id, order.total, "BANK-REF-0001");
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const paid = OrderView.parse(confirmed.json());
    expect(paid).toMatchObject({ status: "paid", bankTransfer: null });
    expect(paid.payments).toEqual([expect.objectContaining({ status: "succeeded" })]);
    expect(paid.invoice).not.toBeNull();
    // The period starts when the money arrived, not when the order was placed.
    expect(paid.renewsAt).toBe("2028-03-13T09:00:00.000Z");
    const subs = await storeSubscriptionsInDb(t, s.accountId);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ totalLicenses: 20, primaryKeys: 1 });
    expect(subs[0]?.startsAt.toISOString()).toBe("2027-03-13T09:00:00.000Z");
    expect((await mailsTo(t, s.admin.email, "order-paid")).length).toBe(1);

    // Once: a second confirmation (a double click) is refused and provisions nothing more.
    const again = await confirmTransfer(t, s.op, order.id, order.total, "BANK-REF-0002");
    expect([again.statusCode, again.json().code]).toEqual([409, "ORDER_NOT_AWAITING_TRANSFER"]);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(1);
    const payment = await t.database.db
      .selectFrom("payments")
      .selectAll()
      .where("orderId", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ gatewayRef: "BANK-REF-0001", confirmedByUserId: expect.any(String) });
    const audit = await t.database.db.selectFrom("auditEvents").select("action").where("targetId", "=", order.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["store.order_placed", "store.transfer_confirmed", "store.order_paid"]),
    );
  });

  it("two confirmations at the same moment provision once", async () => {
    const order = (await checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 3 })).json();
    const before = (await storeSubscriptionsInDb(t, s.accountId)).length;
    const results = await Promise.all([
      confirmTransfer(t, s.op, order.id, order.total, "BANK-RACE-1"),
      confirmTransfer(t, s.op, order.id, order.total, "BANK-RACE-2"),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await storeSubscriptionsInDb(t, s.accountId)).toHaveLength(before + 1);
  });

  it("a bank reference already used for another order is refused", async () => {
    const order = (await checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 1 })).json();
    const reused = await confirmTransfer(t, s.op, order.id, order.total, "BANK-REF-0001");
    expect([reused.statusCode, reused.json().code]).toEqual([409, "BANK_REFERENCE_USED"]);
    expect((await storeCall(t, s.admin, "GET", orderUrl(s.accountId, order.id))).json().status).toBe("awaiting_transfer");
  });

  it("an operator can cancel a waiting order; it can then be neither confirmed nor canceled again", async () => {
    const order = (await checkout(t, s.admin, s.accountId, { method: "bank_transfer" }, { quantity: 2 })).json();
    const canceled = await storeCall(t, s.op, "POST", `${OPERATOR_ORDERS_URL}/${order.id}/cancel`, {
      reason: "Customer changed their mind",
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(canceled.json()).toMatchObject({
      status: "canceled",
      bankTransfer: null,
      payments: [expect.objectContaining({ status: "canceled" })],
    });
    expect(canceled.json().failure.message).toContain("Customer changed their mind");
    const confirm = await confirmTransfer(t, s.op, order.id, order.total);
    expect([confirm.statusCode, confirm.json().code]).toEqual([409, "ORDER_NOT_AWAITING_TRANSFER"]);
    const twice = await storeCall(t, s.op, "POST", `${OPERATOR_ORDERS_URL}/${order.id}/cancel`, {});
    expect([twice.statusCode, twice.json().code]).toEqual([409, "ORDER_NOT_CANCELABLE"]);
    const missing = await storeCall(t, s.op, "POST", `${OPERATOR_ORDERS_URL}/nope/cancel`, {});
    expect([missing.statusCode, missing.json().code]).toEqual([404, "ORDER_NOT_FOUND"]);
  });

  it("Buy More Licenses by bank transfer: the licenses join the pool only when the transfer is confirmed", async () => {
    clock.set(T0);
    const bought = await buy(t, s.admin, s.accountId, { quantity: 10, term: "1y" });
    const placed = await upgrade(t, s.admin, s.accountId, bought.subscription.id, 12, { method: "bank_transfer" });
    expect(placed.json()).toMatchObject({ status: "awaiting_transfer", kind: "upgrade", quantity: 12, previousQuantity: 10 });
    const total = async () =>
      (
        await t.database.db
          .selectFrom("subscriptions")
          .select("totalLicenses")
          .where("id", "=", bought.subscription.id)
          .executeTakeFirstOrThrow()
      ).totalLicenses;
    expect(await total()).toBe(10);
    expect((await confirmTransfer(t, s.op, placed.json().id, placed.json().total)).statusCode).toBe(200);
    expect(await total()).toBe(12);
    expect((await mailsTo(t, s.admin.email, "upgrade-paid")).map((m) => m.payloadJson.licenses)).toEqual(["12"]);
  });
});
