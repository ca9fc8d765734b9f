import { describe, expect, it } from "vitest";
import type { LicenseKeyView } from "./api.ts";
import { type AccountKey, administratorChanges, isLicenseAdministrator, managedKeyIds } from "./member-keys.ts";

const admin = (userId: string) => ({ userId, name: userId, email: `${userId}@example.com` });
const accountKey = (id: string, admins: string[]): AccountKey => ({
  subscriptionId: `s-${id}`,
  subscriptionName: "RAS",
  key: { id, name: `Key ${id}`, administrators: admins.map(admin) } as LicenseKeyView,
});
const keys = [accountKey("k1", ["ann", "bob"]), accountKey("k2", ["bob"]), accountKey("k3", [])];

describe("License Administrator picker", () => {
  it("knows which keys a person manages", () => {
    expect([...managedKeyIds(keys, "bob")]).toEqual(["k1", "k2"]);
    expect(managedKeyIds(keys, "cid").size).toBe(0);
  });

  it("adds and removes only this person, keeping the other administrators", () => {
    expect(administratorChanges(keys, "bob", new Set(["k1", "k3"]))).toEqual([
      { subscriptionId: "s-k2", keyId: "k2", keyName: "Key k2", userIds: [] },
      { subscriptionId: "s-k3", keyId: "k3", keyName: "Key k3", userIds: ["bob"] },
    ]);
    expect(administratorChanges(keys, "ann", new Set())).toEqual([
      { subscriptionId: "s-k1", keyId: "k1", keyName: "Key k1", userIds: ["bob"] },
    ]);
  });

  it("makes no calls when nothing changes", () => {
    expect(administratorChanges(keys, "bob", new Set(["k1", "k2"]))).toEqual([]);
  });

  it("derives the License Administrator role from a Regular Member's keys", () => {
    expect(isLicenseAdministrator("member", ["Key k1"])).toBe(true);
    expect(isLicenseAdministrator("member", [])).toBe(false);
    expect(isLicenseAdministrator("admin", ["Key k1"])).toBe(false);
  });
});
