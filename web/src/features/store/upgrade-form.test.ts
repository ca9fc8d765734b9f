import { describe, expect, it } from "vitest";
import { canBuyMore, checkNewTotal } from "./upgrade-form.ts";

describe("Buy More Licenses", () => {
  it("offers prepaid subscriptions that have not expired", () => {
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "online", status: "active" })).toBe(true);
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "online", status: "expiring_soon" })).toBe(true);
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "online", status: "grace" })).toBe(false);
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "online", status: "suspended" })).toBe(false);
    expect(canBuyMore({ licenseType: "trial", salesChannel: "online", status: "active" })).toBe(false);
    expect(canBuyMore({ licenseType: "permanent", salesChannel: "online", status: "active" })).toBe(false);
    // Bought through a reseller or the vendor's sales team: more licenses come from them.
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "reseller", status: "active" })).toBe(false);
    expect(canBuyMore({ licenseType: "subscription", salesChannel: "direct", status: "active" })).toBe(false);
  });

  it("wants a new total above the current one", () => {
    expect(checkNewTotal("15", 10)).toEqual({ total: 15 });
    expect(checkNewTotal("10", 10)).toEqual({ error: "store.buyMore.errors.totalNotHigher" });
    expect(checkNewTotal("", 10)).toEqual({ error: "store.buyMore.errors.totalRequired" });
    expect(checkNewTotal("12.5", 10)).toEqual({ error: "store.buyMore.errors.totalWhole" });
    expect(checkNewTotal("1000001", 10)).toEqual({ error: "store.buyMore.errors.totalTooHigh" });
  });
});
