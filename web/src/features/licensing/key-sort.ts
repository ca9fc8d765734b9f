import type { LicenseKeyView } from "./api.ts";

export type KeySortColumn = "name" | "kind" | "licenses" | "maxUsers" | "expires" | "admins";
export type KeySort = { column: KeySortColumn; direction: "ascending" | "descending" };

/** The table starts with the Primary Key on top, then the additional keys by name. */
export const DEFAULT_KEY_SORT: KeySort = { column: "kind", direction: "ascending" };

/** A click on the sorted column reverses it; another column starts ascending. */
export function nextKeySort(current: KeySort, column: KeySortColumn): KeySort {
  if (current.column !== column) return { column, direction: "ascending" };
  return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** Missing values (no cap, no expiry) mean "unlimited" and sort after every number or date. */
function value(key: LicenseKeyView, column: KeySortColumn): number | string {
  switch (column) {
    case "name":
      return key.name;
    case "kind":
      return key.kind === "primary" ? 0 : 1;
    case "licenses":
      return key.licenses;
    case "maxUsers":
      return key.maxUsersPerFarm ?? Number.POSITIVE_INFINITY;
    case "expires":
      return key.expiresAt ? Date.parse(key.expiresAt) : Number.POSITIVE_INFINITY;
    case "admins":
      return key.administrators.length;
  }
}

/** A sorted copy; ties fall back to the name, then the id, so the order is stable. */
export function sortKeys(keys: readonly LicenseKeyView[], sort: KeySort, collator = new Intl.Collator()): LicenseKeyView[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  const compare = (a: number | string, b: number | string) =>
    typeof a === "string" && typeof b === "string" ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  return [...keys].sort(
    (a, b) =>
      sign * compare(value(a, sort.column), value(b, sort.column)) || collator.compare(a.name, b.name) || compare(a.id, b.id),
  );
}
