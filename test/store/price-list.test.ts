import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog, PriceList } from "../../contracts/store.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { CATALOG_URL, PRICE_LIST_URL, type StoreAccount, storeAccount, storeCall, storeUrl } from "./store-kit.ts";

/** Issue 6, point 1: the price list operators keep (currency, prices per product, term and plan, volume tiers, taxes). */

let t: TestApp;
let s: StoreAccount;
let seeded: PriceList;

beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  s = await storeAccount(t);
  seeded = PriceList.parse((await storeCall(t, s.op, "GET", PRICE_LIST_URL)).json());
});
afterAll(async () => t?.close());

const entry = (term: string, supportPlan: string) => seeded.prices.find((p) => p.term === term && p.supportPlan === supportPlan);

describe(`price list (${TEST_ENGINE})`, () => {
  it("starts with the seeded list: USD, every term and plan of the product, tiers in order", () => {
    expect(seeded).toMatchObject({ currency: "USD", defaultTax: { rateBp: 0, name: "Tax" }, taxRates: [] });
    expect(seeded.prices).toHaveLength(8);
    expect(entry("1y", "standard")?.tiers).toEqual([
      { minQuantity: 1, unitAmount: 15_000 },
      { minQuantity: 100, unitAmount: 13_500 },
      { minQuantity: 500, unitAmount: 12_000 },
    ]);
  });

  it("replaces the whole list at once, and the catalogue and quotes follow", async () => {
    const product = await storeCall(t, s.op, "POST", "/api/operator/products", { code: "gw", name: "Gateway Server" });
    expect(product.statusCode).toBe(201);
    const list: PriceList = {
      currency: "EUR",
      defaultTax: { rateBp: 2000, name: "VAT" },
      taxRates: [
        { country: "DE", rateBp: 1900, name: "MwSt." },
        { country: "CH", rateBp: 810, name: "MWST" },
      ],
      prices: [
        {
          productId: "ras",
          term: "1y",
          supportPlan: "standard",
          tiers: [
            { minQuantity: 1, unitAmount: 10_000 },
            { minQuantity: 50, unitAmount: 9_000 },
          ],
        },
        { productId: "ras", term: "1m", supportPlan: "standard", tiers: [{ minQuantity: 1, unitAmount: 1_000 }] },
      ],
    };
    const put = await storeCall(t, s.op, "PUT", PRICE_LIST_URL, list);
    expect(put.statusCode, put.body).toBe(200);
    // Read back in a stable order: tax rates by country, entries by product, term and plan.
    expect(put.json()).toEqual({
      ...list,
      taxRates: [...list.taxRates].sort((a, b) => a.country.localeCompare(b.country)),
      prices: [list.prices[1], list.prices[0]],
    });

    const catalog = Catalog.parse((await storeCall(t, s.member, "GET", CATALOG_URL)).json());
    // Only offers with a price; a product without any price is not offered.
    expect(catalog).toMatchObject({ currency: "EUR", testMode: true, bankTransfer: true });
    expect(catalog.products.map((p) => p.id)).toEqual(["ras"]);
    expect(catalog.products[0]?.offers.map((o) => `${o.term}/${o.supportPlan}`).sort()).toEqual(["1m/standard", "1y/standard"]);

    const quote = await storeCall(t, s.admin, "POST", `${storeUrl(s.accountId)}/quote`, {
      productId: "ras",
      quantity: 50,
      term: "1y",
      supportPlan: "standard",
    });
    // 50 × 90.00 = 4 500.00 EUR, and Germany's 19 %.
    expect(quote.json()).toMatchObject({
      currency: "EUR",
      subtotal: 450_000,
      tax: { name: "MwSt.", rateBp: 1900, amount: 85_500 },
    });

    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "metadataJson"])
      .where("action", "=", "store.price_list_updated")
      .execute();
    expect(audit).toHaveLength(1);
    await storeCall(t, s.op, "PUT", PRICE_LIST_URL, seeded);
  });

  it("refuses tiers out of order, duplicates, unknown products, countries and currencies, and changes nothing", async () => {
    const base = seeded;
    const withEntry = (patch: Partial<PriceList["prices"][number]>) => ({
      ...base,
      prices: [
        ...base.prices,
        { productId: "ras", term: "2y", supportPlan: "premium", tiers: [{ minQuantity: 1, unitAmount: 1 }], ...patch },
      ],
    });
    const cases: Array<[unknown, string]> = [
      [withEntry({ tiers: [{ minQuantity: 2, unitAmount: 100 }] }), "prices.8.tiers.0.minQuantity"],
      [
        withEntry({
          term: "3y",
          tiers: [
            { minQuantity: 1, unitAmount: 100 },
            { minQuantity: 1, unitAmount: 90 },
          ],
        }),
        "prices.8.tiers.1.minQuantity",
      ],
      [
        withEntry({
          tiers: [
            { minQuantity: 1, unitAmount: 100 },
            { minQuantity: 50, unitAmount: 90 },
            { minQuantity: 20, unitAmount: 80 },
          ],
        }),
        "prices.8.tiers.2.minQuantity",
      ],
      [withEntry({}), "prices.8"],
      [withEntry({ productId: "nope", term: "3y" }), "prices.8.productId"],
      [{ ...base, currency: "ABC" }, "currency"],
      [{ ...base, taxRates: [{ country: "XX", rateBp: 100, name: "Tax" }] }, "taxRates.0.country"],
      [
        {
          ...base,
          taxRates: [
            { country: "FR", rateBp: 2000, name: "TVA" },
            { country: "FR", rateBp: 550, name: "TVA" },
          ],
        },
        "taxRates.1.country",
      ],
    ];
    for (const [body, field] of cases) {
      const response = await storeCall(t, s.op, "PUT", PRICE_LIST_URL, body);
      expect([response.statusCode, response.json().code], response.body).toEqual([400, "VALIDATION_FAILED"]);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Schema-level: negative amounts, rates above 100 %, unknown fields, a lowercase currency.
    for (const body of [
      withEntry({ tiers: [{ minQuantity: 1, unitAmount: -1 }] }),
      { ...base, defaultTax: { rateBp: 10_001, name: "Tax" } },
      { ...base, extra: true },
      { ...base, currency: "usd" },
    ]) {
      expect((await storeCall(t, s.op, "PUT", PRICE_LIST_URL, body)).statusCode).toBe(400);
    }
    expect((await storeCall(t, s.op, "GET", PRICE_LIST_URL)).json()).toEqual(seeded);
  });

  it("the catalogue needs a signed-in person; the price list an operator", async () => {
    expect((await storeCall(t, null, "GET", CATALOG_URL)).statusCode).toBe(401);
    const asAdmin = await storeCall(t, s.admin, "GET", PRICE_LIST_URL);
    expect([asAdmin.statusCode, asAdmin.json().code]).toEqual([403, "OPERATOR_REQUIRED"]);
    const put = await storeCall(t, s.admin, "PUT", PRICE_LIST_URL, seeded);
    expect([put.statusCode, put.json().code]).toEqual([403, "OPERATOR_REQUIRED"]);
  });
});
