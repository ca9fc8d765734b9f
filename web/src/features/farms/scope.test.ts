import { describe, expect, it } from "vitest";
import type { LicenseKeyView } from "../licensing/api.ts";
import type { AccountKey } from "../licensing/member-keys.ts";
import { chartedKey, groupKeys, scopeFromValue, scopeValue } from "./scope.ts";

const key = (id: string, kind: "primary" | "additional"): LicenseKeyView => ({
  id,
  kind,
  name: id,
  key: `****-${id}`,
  isMasked: true,
  licenses: 10,
  maxUsersPerFarm: null,
  renewWithSubscription: true,
  expiresAt: null,
  administrators: [],
  canManage: true,
});

const keys: AccountKey[] = [
  { subscriptionId: "s1", subscriptionName: "Alpha", key: key("k1b", "additional") },
  { subscriptionId: "s1", subscriptionName: "Alpha", key: key("k1a", "primary") },
  { subscriptionId: "s2", subscriptionName: "Beta", key: key("k2", "primary") },
];

describe("the subscription/key picker", () => {
  it("round-trips a scope through the select's value", () => {
    expect(scopeValue({})).toBe("");
    expect(scopeValue({ subscriptionId: "s1" })).toBe("s:s1");
    expect(scopeValue({ subscriptionId: "s1", keyId: "k1b" })).toBe("k:k1b");
    expect(scopeFromValue("", keys)).toEqual({});
    expect(scopeFromValue("s:s2", keys)).toEqual({ subscriptionId: "s2" });
    expect(scopeFromValue("k:k1b", keys)).toEqual({ keyId: "k1b", subscriptionId: "s1" });
    expect(scopeFromValue("k:gone", keys)).toEqual({ keyId: "gone", subscriptionId: null });
  });

  it("groups keys by subscription, Primary Key first", () => {
    expect(groupKeys(keys).map((group) => [group.subscriptionName, group.keys.map((entry) => entry.key.id)])).toEqual([
      ["Alpha", ["k1a", "k1b"]],
      ["Beta", ["k2"]],
    ]);
  });

  it("charts the key picked, or a subscription's only key", () => {
    expect(chartedKey({ keyId: "k1b" }, keys)?.key.id).toBe("k1b");
    expect(chartedKey({ subscriptionId: "s2" }, keys)?.key.id).toBe("k2");
    expect(chartedKey({ subscriptionId: "s1" }, keys)).toBeNull();
    expect(chartedKey({}, keys)).toBeNull();
  });
});
