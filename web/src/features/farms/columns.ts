/**
 * The Manage Farms table's columns, and which ones the person has hidden with the
 * gear menu. The choice is kept in localStorage as the list of hidden columns, so a
 * column added later shows up for everyone until they hide it.
 */
export const FARM_COLUMNS = [
  "name",
  "status",
  "farmId",
  "serverId",
  "appVersion",
  "activatedAt",
  "lastReportAt",
  "peakUsage",
  "activationKey",
  "notes",
] as const;
export type FarmColumn = (typeof FARM_COLUMNS)[number];

/** The farm's name heads each row (and opens the farm), so it cannot be hidden. */
export type HideableColumn = Exclude<FarmColumn, "name">;
export const HIDEABLE_COLUMNS = FARM_COLUMNS.filter((column): column is HideableColumn => column !== "name");

export const COLUMN_LABEL_KEYS: Record<FarmColumn, string> = {
  name: "farms.columns.name",
  status: "farms.columns.status",
  farmId: "farms.columns.farmId",
  serverId: "farms.columns.serverId",
  appVersion: "farms.columns.appVersion",
  activatedAt: "farms.columns.activatedAt",
  lastReportAt: "farms.columns.lastReportAt",
  peakUsage: "farms.columns.peakUsage",
  activationKey: "farms.columns.activationKey",
  notes: "farms.columns.notes",
};

export const COLUMNS_STORAGE_KEY = "license-portal.farms.hidden-columns";

function isHideable(value: unknown): value is HideableColumn {
  return typeof value === "string" && (HIDEABLE_COLUMNS as readonly string[]).includes(value);
}

/** The stored list, forgiving anything odd in it (unknown columns, not JSON, not a list): it is only a preference. */
export function parseHiddenColumns(raw: string | null): Set<HideableColumn> {
  if (!raw) return new Set();
  try {
    const value: unknown = JSON.parse(raw);
    return new Set(Array.isArray(value) ? value.filter(isHideable) : []);
  } catch {
    return new Set();
  }
}

/** The stored form: the hidden columns in table order, so equal choices store equal text. */
export function serializeHiddenColumns(hidden: ReadonlySet<HideableColumn>): string {
  return JSON.stringify(HIDEABLE_COLUMNS.filter((column) => hidden.has(column)));
}

type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

/** Private mode or storage turned off: every column shows, and a choice lasts for the page only. */
export function readHiddenColumns(storage: Storage | null): Set<HideableColumn> {
  try {
    return parseHiddenColumns(storage?.getItem(COLUMNS_STORAGE_KEY) ?? null);
  } catch {
    return new Set();
  }
}

export function writeHiddenColumns(storage: Storage | null, hidden: ReadonlySet<HideableColumn>): void {
  try {
    storage?.setItem(COLUMNS_STORAGE_KEY, serializeHiddenColumns(hidden));
  } catch {
    // Storage full or refused: the choice lasts for this page only.
  }
}

export function withColumn(hidden: ReadonlySet<HideableColumn>, column: HideableColumn, shown: boolean): Set<HideableColumn> {
  const next = new Set(hidden);
  if (shown) next.delete(column);
  else next.add(column);
  return next;
}

/** The columns to draw, in table order. */
export function visibleColumns(hidden: ReadonlySet<HideableColumn>): FarmColumn[] {
  return FARM_COLUMNS.filter((column) => column === "name" || !hidden.has(column));
}
