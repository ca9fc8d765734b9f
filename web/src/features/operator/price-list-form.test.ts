import { describe, expect, it } from "vitest";
import type { PriceList } from "../../../../contracts/store.ts";
import { fromPriceList, newTier, serverErrors, toPriceList } from "./price-list-form.ts";

const list: PriceList = {
  currency: "EUR",
  defaultTax: { rateBp: 0, name: "Tax" },
  taxRates: [{ country: "DE", rateBp: 1_900, name: "MwSt." }],
  prices: [
    {
      productId: "ras",
      term: "1y",
      supportPlan: "standard",
      tiers: [
        { minQuantity: 100, unitAmount: 13_529 },
        { minQuantity: 1, unitAmount: 15_000 },
      ],
    },
  ],
};

describe("the operator's price list form", () => {
  it("round-trips a price list exactly", () => {
    const form = fromPriceList(list);
    expect(form.prices[0]?.tiers.map((t) => t.unitAmount)).toEqual(["150.00", "135.29"]);
    expect(form.taxRates[0]?.rate).toBe("19");
    const { body, errors } = toPriceList(form);
    expect(errors).toEqual({});
    expect(body).toEqual({
      ...list,
      prices: [{ ...list.prices[0], tiers: [list.prices[0]?.tiers[1], list.prices[0]?.tiers[0]] }],
    });
  });

  it("turns typed decimals into minor units without floating-point rounding", () => {
    const form = fromPriceList(list);
    const tier = form.prices[0]?.tiers[0];
    if (!tier) throw new Error("no tier");
    // 0.29 × 100 = 28.999999999999996 in floating point; the text is parsed instead.
    tier.unitAmount = "0.29";
    form.taxRates[0] = { key: "k", country: "DE", rate: "7,5", name: "USt." };
    const { body } = toPriceList(form);
    expect(body?.prices[0]?.tiers[0]?.unitAmount).toBe(29);
    expect(body?.taxRates[0]?.rateBp).toBe(750);
  });

  it("keys errors by the server's field paths", () => {
    const form = fromPriceList(list);
    form.currency = "euro";
    const entry = form.prices[0];
    if (!entry) throw new Error("no entry");
    entry.tiers.push(newTier("50"));
    entry.tiers[0] = { key: "k", minQuantity: "2", unitAmount: "1.234" };
    form.prices.push({ ...entry, key: "copy" });
    form.taxRates.push({ key: "k2", country: "DE", rate: "101", name: "" });
    const { body, errors } = toPriceList(form);
    expect(body).toBeNull();
    expect(errors).toMatchObject({
      currency: "operator.prices.errors.currency",
      "prices.0.tiers.0.minQuantity": "operator.prices.errors.firstTier",
      "prices.0.tiers.0.unitAmount": "operator.prices.errors.amount",
      "prices.0.tiers.2.minQuantity": "operator.prices.errors.tierOrder",
      "prices.0.tiers.2.unitAmount": "operator.prices.errors.amount",
      "prices.1.productId": "operator.prices.errors.offerTwice",
      "taxRates.1.country": "operator.prices.errors.countryTwice",
      "taxRates.1.rateBp": "operator.prices.errors.rate",
      "taxRates.1.name": "operator.prices.errors.taxName",
    });
    expect(serverErrors([{ field: "body.prices.0.tiers.1.unitAmount", message: "Too much." }])).toEqual({
      "prices.0.tiers.1.unitAmount": "Too much.",
    });
  });
});
