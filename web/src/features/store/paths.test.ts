import { describe, expect, it } from "vitest";
import { isSameSitePath, matchStoreRoute, matchTestAuthenticationRoute, storePaths } from "./paths.ts";

describe("store paths", () => {
  it("round-trips every store page of an account", () => {
    expect(matchStoreRoute(storePaths.purchase("a 1"))).toEqual({ page: "purchase", accountId: "a 1" });
    expect(matchStoreRoute(storePaths.buyMore("a1", "s1").split("?")[0] ?? "")).toEqual({ page: "buy-more", accountId: "a1" });
    expect(matchStoreRoute(storePaths.orders("a1"))).toEqual({ page: "orders", accountId: "a1" });
    expect(matchStoreRoute(storePaths.order("a1", "o/1"))).toEqual({ page: "order", accountId: "a1", orderId: "o/1" });
    expect(matchStoreRoute(storePaths.paymentMethod("a1"))).toEqual({ page: "payment-method", accountId: "a1" });
    expect(matchStoreRoute("/accounts/a1/store")).toBeNull();
    expect(matchStoreRoute("/accounts/new/store/orders")).toBeNull();
  });

  it("carries the chosen product and subscription in the query", () => {
    expect(storePaths.purchase("a1", "ras")).toBe("/accounts/a1/store/purchase?product=ras");
    expect(storePaths.buyMore("a1", "s 1")).toBe("/accounts/a1/store/buy-more?subscription=s%201");
    expect(storePaths.buyMore("a1")).toBe("/accounts/a1/store/buy-more");
  });

  it("matches the test gateway's public page", () => {
    expect(matchTestAuthenticationRoute(storePaths.testAuthentication("pay_1"))).toEqual({ paymentRef: "pay_1" });
    expect(matchTestAuthenticationRoute("/store/test-gateway/authenticate")).toBeNull();
  });

  it("opens only same-site paths inside the app", () => {
    expect(isSameSitePath("/accounts/a1/store/orders/o1")).toBe(true);
    expect(isSameSitePath("//evil.example/x")).toBe(false);
    expect(isSameSitePath("/\\evil.example")).toBe(false);
    expect(isSameSitePath("https://bank.example/3ds")).toBe(false);
  });
});
