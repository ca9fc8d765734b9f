import { describe, expect, it } from "vitest";
import type { LicenseKeyView } from "./api.ts";
import { DEFAULT_KEY_SORT, nextKeySort, sortKeys } from "./key-sort.ts";

const key = (id: string, over: Partial<LicenseKeyView>): LicenseKeyView => ({
  id,
  kind: "additional",
  name: id,
  key: "****",
  isMasked: true,
  licenses: 1,
  maxUsersPerFarm: null,
  renewWithSubscription: true,
  expiresAt: null,
  administrators: [],
  canManage: false,
  ...over,
});

const keys = [
  key("b", { name: "Berlin", licenses: 5, maxUsersPerFarm: 10, expiresAt: "2030-01-01T00:00:00.000Z" }),
  key("p", { kind: "primary", name: "Primary", licenses: 20, expiresAt: "2031-01-01T00:00:00.000Z" }),
  key("a", {
    name: "amsterdam",
    licenses: 5,
    expiresAt: "2029-01-01T00:00:00.000Z",
    administrators: [{ userId: "u", name: "U", email: "u@example.com" }],
  }),
];
const ids = (list: LicenseKeyView[]) => list.map((k) => k.id);
const collator = new Intl.Collator("en");

describe("License Keys table sorting", () => {
  it("starts with the Primary Key, then the additional keys by name", () => {
    expect(ids(sortKeys(keys, DEFAULT_KEY_SORT, collator))).toEqual(["p", "a", "b"]);
  });

  it("a second click on a heading reverses; another heading starts ascending", () => {
    const byName = nextKeySort(DEFAULT_KEY_SORT, "name");
    expect(byName).toEqual({ column: "name", direction: "ascending" });
    expect(nextKeySort(byName, "name")).toEqual({ column: "name", direction: "descending" });
    expect(ids(sortKeys(keys, nextKeySort(byName, "name"), collator))).toEqual(["p", "b", "a"]);
  });

  it("numbers and dates sort as numbers; ties fall back to the name", () => {
    expect(ids(sortKeys(keys, { column: "licenses", direction: "descending" }, collator))).toEqual(["p", "a", "b"]);
    expect(ids(sortKeys(keys, { column: "expires", direction: "ascending" }, collator))).toEqual(["a", "b", "p"]);
    expect(ids(sortKeys(keys, { column: "admins", direction: "descending" }, collator))).toEqual(["a", "b", "p"]);
  });

  it("no cap means unlimited: after every number", () => {
    expect(ids(sortKeys(keys, { column: "maxUsers", direction: "ascending" }, collator))).toEqual(["b", "a", "p"]);
  });

  it("does not change the list it was given", () => {
    const copy = [...keys];
    sortKeys(keys, { column: "name", direction: "descending" }, collator);
    expect(keys).toEqual(copy);
  });
});
