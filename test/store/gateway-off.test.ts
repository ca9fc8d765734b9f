import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { CATALOG_URL, checkout, paymentMethodUrl, type StoreAccount, storeAccount, storeCall, TOKENS_URL } from "./store-kit.ts";

/**
 * Production defaults: no test gateway (a real provider belongs there) and no bank
 * transfer unless BANK_TRANSFER_DETAILS is set. The store says so instead of failing.
 */

let t: TestApp;
let s: StoreAccount;

beforeAll(async () => {
  t = await createTestApp({
    NODE_ENV: "production",
    AUTH_RATE_LIMIT: "off",
    SMTP_URL: "smtp://127.0.0.1:2525",
    AUTH_SECRET: "a-production-like-secret-of-at-least-32-chars",
    LICENSE_KEY_SECRET: "a-production-like-license-key-secret-32-chars",
  });
  s = await storeAccount(t);
});
afterAll(async () => t?.close());

describe(`store without the test gateway or bank transfer (${TEST_ENGINE})`, () => {
  it("the catalogue says neither test mode nor bank transfer", async () => {
    const catalog = await storeCall(t, s.admin, "GET", CATALOG_URL);
    expect(catalog.json()).toMatchObject({ testMode: false, bankTransfer: false, currency: "USD" });
  });

  it("has no test gateway routes, and refuses card and bank transfer payments with clear codes", async () => {
    const tokens = await storeCall(t, null, "POST", TOKENS_URL, {
      number: "4242424242424242",
      expMonth: 1,
      expYear: 2099,
      cvc: "123",
    });
    expect(tokens.statusCode).toBe(404);
    const card = await checkout(t, s.admin, s.accountId, { method: "card", token: "tok_anything" });
    expect([card.statusCode, card.json().code]).toEqual([409, "CARD_PAYMENTS_UNAVAILABLE"]);
    const bank = await checkout(t, s.admin, s.accountId, { method: "bank_transfer" });
    expect([bank.statusCode, bank.json().code]).toEqual([409, "BANK_TRANSFER_UNAVAILABLE"]);
    const save = await storeCall(t, s.admin, "PUT", paymentMethodUrl(s.accountId), { token: "tok_anything" });
    expect([save.statusCode, save.json().code]).toEqual([409, "CARD_PAYMENTS_UNAVAILABLE"]);
    const event = await t.app.inject({
      method: "POST",
      url: "/api/store/gateways/test/events",
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect([event.statusCode, event.json().code]).toEqual([404, "GATEWAY_NOT_FOUND"]);
    expect(await t.database.db.selectFrom("orders").select("id").execute()).toEqual([]);
  });
});
