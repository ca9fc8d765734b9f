import { describe, expect, it } from "vitest";
import { formatCount, formatDaysLeft } from "./format.ts";

describe("licensing formats", () => {
  it("counts and days in the UI language", () => {
    expect(formatCount(1234, "en")).toBe("1,234");
    expect(formatCount(1234, "de")).toBe("1.234");
    expect(formatDaysLeft(12, "en")).toBe("in 12 days");
    expect(formatDaysLeft(-3, "en")).toBe("3 days ago");
    expect(formatDaysLeft(0, "en")).toBe("today");
  });
});
