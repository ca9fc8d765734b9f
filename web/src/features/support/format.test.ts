import { describe, expect, it } from "vitest";
import { canStillReopen, formatMinutes, keyTail, messageLines } from "./format.ts";

describe("formatMinutes", () => {
  it("uses minutes, then hours, then days", () => {
    expect(formatMinutes(30, "en")).toBe("30 minutes");
    expect(formatMinutes(60, "en")).toBe("1 hour");
    expect(formatMinutes(240, "en")).toBe("4 hours");
    expect(formatMinutes(90, "en")).toBe("1.5 hours");
    expect(formatMinutes(1440, "en")).toBe("24 hours");
    expect(formatMinutes(2 * 1440, "en")).toBe("2 days");
    expect(formatMinutes(-5, "en")).toBe("0 minutes");
  });

  it("speaks the UI language", () => {
    expect(formatMinutes(240, "de")).toBe("4 Stunden");
  });
});

describe("messageLines", () => {
  it("splits on every kind of line break and keeps empty lines", () => {
    expect(messageLines("a\r\nb\rc\n\nd")).toEqual(["a", "b", "c", "", "d"]);
    expect(messageLines("<b>x</b>")).toEqual(["<b>x</b>"]);
  });
});

describe("keys and reopening", () => {
  it("shows the tail only", () => {
    expect(keyTail("AB12CD")).toBe("…-AB12CD");
  });

  it("reopens only before reopenUntil", () => {
    const now = Date.parse("2026-11-26T12:00:00Z");
    expect(canStillReopen("2026-11-27T00:00:00Z", now)).toBe(true);
    expect(canStillReopen("2026-11-26T11:59:59Z", now)).toBe(false);
    expect(canStillReopen(null, now)).toBe(false);
  });
});
