import { describe, expect, it } from "vitest";
import { matchAccountRoute } from "../accounts/paths.ts";
import { matchSubscriptionRoute } from "../licensing/paths.ts";
import { farmsPath, matchFarmsRoute, scopeFromSearch } from "./paths.ts";

describe("Manage Farms route", () => {
  it("lives under the account, optionally narrowed to a subscription or a key", () => {
    expect(farmsPath("a/1")).toBe("/accounts/a%2F1/farms");
    expect(farmsPath("a", { subscriptionId: "s 1" })).toBe("/accounts/a/farms?subscriptionId=s+1");
    expect(farmsPath("a", { subscriptionId: "s", keyId: "k" })).toBe("/accounts/a/farms?subscriptionId=s&keyId=k");
    expect(farmsPath("a", { subscriptionId: null, keyId: "" })).toBe("/accounts/a/farms");
  });

  it("matches only its own path", () => {
    expect(matchFarmsRoute("/accounts/a%2F1/farms/")).toEqual({ accountId: "a/1" });
    expect(matchFarmsRoute("/accounts/a/farms/x")).toBeNull();
    expect(matchFarmsRoute("/accounts/new/farms")).toBeNull();
    expect(matchAccountRoute("/accounts/a/farms")).toBeNull();
    expect(matchSubscriptionRoute("/accounts/a/farms")).toBeNull();
  });

  it("reads the scope from the query", () => {
    expect(scopeFromSearch(new URLSearchParams("subscriptionId=s"))).toEqual({ subscriptionId: "s" });
    expect(scopeFromSearch(new URLSearchParams("keyId=k&subscriptionId=s"))).toEqual({ keyId: "k", subscriptionId: "s" });
    expect(scopeFromSearch(new URLSearchParams("keyId=%20"))).toEqual({ subscriptionId: null });
  });
});
