import { describe, expect, it } from "vitest";
import { matchAccountRoute } from "../accounts/paths.ts";
import { isOperatorPath, matchOperatorRoute, operatorPaths } from "../operator/paths.ts";
import { matchSubscriptionRoute, subscriptionPath } from "./paths.ts";

describe("licensing routes", () => {
  it("Subscription Details lives under the account", () => {
    expect(subscriptionPath("a/1", "s 1")).toBe("/accounts/a%2F1/subscriptions/s%201");
    expect(matchSubscriptionRoute("/accounts/a%2F1/subscriptions/s%201")).toEqual({ accountId: "a/1", subscriptionId: "s 1" });
    expect(matchSubscriptionRoute("/accounts/a/subscriptions")).toBeNull();
    expect(matchAccountRoute("/accounts/a/subscriptions/s")).toBeNull();
  });

  it("the operator console's pages", () => {
    expect(isOperatorPath("/operator")).toBe(true);
    expect(isOperatorPath("/operators")).toBe(false);
    expect(matchOperatorRoute("/operator")).toEqual({ page: "search" });
    expect(matchOperatorRoute("/operator/issue")).toEqual({ page: "issue" });
    expect(matchOperatorRoute("/operator/accounts/x")).toEqual({ page: "account", accountId: "x" });
    expect(matchOperatorRoute("/operator/subscriptions/y")).toEqual({ page: "subscription", subscriptionId: "y" });
    expect(matchOperatorRoute("/operator/nope")).toBeNull();
    expect(operatorPaths.issue({ id: "a1", name: "Acme & Co" })).toBe("/operator/issue?accountId=a1&accountName=Acme%20%26%20Co");
  });
});
