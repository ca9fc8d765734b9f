import { describe, expect, it } from "vitest";
import {
  COLUMNS_STORAGE_KEY,
  FARM_COLUMNS,
  parseHiddenColumns,
  readHiddenColumns,
  serializeHiddenColumns,
  visibleColumns,
  withColumn,
  writeHiddenColumns,
} from "./columns.ts";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => {
      data.set(key, value);
    },
  };
}

describe("column visibility", () => {
  it("shows every column until some are hidden; the name always shows", () => {
    expect(visibleColumns(new Set())).toEqual([...FARM_COLUMNS]);
    expect(visibleColumns(new Set(["serverId", "notes"]))).toEqual([
      "name",
      "status",
      "farmId",
      "appVersion",
      "activatedAt",
      "lastReportAt",
      "peakUsage",
      "activationKey",
    ]);
  });

  it("hides and shows one column without touching the others", () => {
    const hidden = withColumn(new Set(), "farmId", false);
    expect([...hidden]).toEqual(["farmId"]);
    expect([...withColumn(hidden, "farmId", true)]).toEqual([]);
    expect([...withColumn(hidden, "notes", false)].sort()).toEqual(["farmId", "notes"]);
  });

  it("survives a reload through storage", () => {
    const storage = memoryStorage();
    writeHiddenColumns(storage, new Set(["notes", "farmId"]));
    expect(storage.data.get(COLUMNS_STORAGE_KEY)).toBe('["farmId","notes"]');
    expect([...readHiddenColumns(storage)]).toEqual(["farmId", "notes"]);
  });

  it("ignores what it does not understand: not JSON, not a list, unknown or unhideable columns", () => {
    expect(parseHiddenColumns(null).size).toBe(0);
    expect(parseHiddenColumns("not json").size).toBe(0);
    expect(parseHiddenColumns('{"notes":true}').size).toBe(0);
    expect([...parseHiddenColumns('["notes","name","bogus",3,null]')]).toEqual(["notes"]);
    expect(serializeHiddenColumns(new Set())).toBe("[]");
  });

  it("works without storage, or when storage throws", () => {
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(readHiddenColumns(throwing).size).toBe(0);
    expect(() => writeHiddenColumns(throwing, new Set(["notes"]))).not.toThrow();
    expect(readHiddenColumns(null).size).toBe(0);
    expect(() => writeHiddenColumns(null, new Set())).not.toThrow();
  });
});
