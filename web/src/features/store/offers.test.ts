import { describe, expect, it } from "vitest";
import type { Catalog } from "./api.ts";
import { checkLicenses, normalizeSelection, parseLicenses, plansOf, termsOf, tierFor, tiersOf, toSelection } from "./offers.ts";

const catalog: Catalog = {
  currency: "USD",
  testMode: true,
  bankTransfer: true,
  products: [
    {
      id: "ras",
      name: "Remote Application Server",
      offers: [
        {
          term: "1y",
          supportPlan: "standard",
          tiers: [
            { minQuantity: 500, unitAmount: 12_000 },
            { minQuantity: 1, unitAmount: 15_000 },
            { minQuantity: 100, unitAmount: 13_500 },
          ],
        },
        { term: "1m", supportPlan: "premium", tiers: [{ minQuantity: 1, unitAmount: 1_900 }] },
      ],
    },
  ],
};
const product = catalog.products[0];

describe("purchase offers", () => {
  it("lists only the terms and plans that have a price, in their natural order", () => {
    expect(termsOf(product)).toEqual(["1m", "1y"]);
    expect(plansOf(product, "1y")).toEqual(["standard"]);
    expect(plansOf(product, "1m")).toEqual(["premium"]);
  });

  it("finds the tier that prices every license, and the next one", () => {
    const tiers = tiersOf(product, "1y", "standard");
    expect(tierFor(tiers, 1)).toEqual({
      current: { minQuantity: 1, unitAmount: 15_000 },
      next: { minQuantity: 100, unitAmount: 13_500 },
    });
    expect(tierFor(tiers, 99).next?.minQuantity).toBe(100);
    expect(tierFor(tiers, 100).current?.unitAmount).toBe(13_500);
    expect(tierFor(tiers, 5_000)).toEqual({ current: { minQuantity: 500, unitAmount: 12_000 }, next: null });
  });

  it("keeps the selection on a term and plan that exist", () => {
    const moved = normalizeSelection(catalog, { productId: "ras", quantity: "5", term: "1m", supportPlan: "standard" });
    expect(moved).toEqual({ productId: "ras", quantity: "5", term: "1m", supportPlan: "premium" });
    const unknown = normalizeSelection(catalog, { productId: "gone", quantity: "5", term: "3y", supportPlan: "premium" });
    expect(unknown).toEqual({ productId: "ras", quantity: "5", term: "1y", supportPlan: "standard" });
  });

  it("accepts whole numbers of licenses only", () => {
    expect(parseLicenses("25")).toBe(25);
    for (const bad of ["0", "-1", "2.5", "1e3", "", "100001"]) expect(parseLicenses(bad)).toBeNull();
    expect(checkLicenses("")).toBe("store.purchase.errors.quantityRequired");
    expect(checkLicenses("0")).toBe("store.purchase.errors.quantityRange");
    expect(toSelection({ productId: "ras", quantity: " 7 ", term: "1y", supportPlan: "standard" })).toEqual({
      productId: "ras",
      quantity: 7,
      term: "1y",
      supportPlan: "standard",
    });
  });
});
