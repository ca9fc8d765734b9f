import { describe, expect, it } from "vitest";
import {
  bpToPercentText,
  formatMoney,
  formatRate,
  fractionDigits,
  parseMoney,
  percentTextToBp,
  toDecimalString,
} from "./money.ts";

/** Intl puts no-break spaces (U+00A0, U+202F) between number and symbol; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("money formatting", () => {
  it("formats minor units exactly, respecting the currency's digits", () => {
    expect(plain(formatMoney(123_456, "USD", "en-US"))).toBe("$1,234.56");
    expect(plain(formatMoney(5, "USD", "en-US"))).toBe("$0.05");
    expect(plain(formatMoney(1_235, "JPY", "en-US"))).toBe("¥1,235");
    expect(plain(formatMoney(1_000, "BHD", "en-US"))).toBe("BHD 1.000");
    expect(plain(formatMoney(10_000_000_000, "EUR", "de"))).toBe("100.000.000,00 €");
    // 0.29 * 100 is 28.999999999999996 in binary floating point; nothing here goes through it.
    expect(plain(formatMoney(29, "USD", "en-US"))).toBe("$0.29");
  });

  it("writes decimal strings without floating point", () => {
    expect(toDecimalString(1, "USD")).toBe("0.01");
    expect(toDecimalString(100, "USD")).toBe("1.00");
    expect(toDecimalString(0, "JPY")).toBe("0");
    expect(toDecimalString(-250, "EUR")).toBe("-2.50");
    expect(fractionDigits("KWD")).toBe(3);
  });

  it("parses typed major units into minor units exactly", () => {
    expect(parseMoney("150", "USD")).toBe(15_000);
    expect(parseMoney("150.5", "USD")).toBe(15_050);
    expect(parseMoney("0,29", "EUR")).toBe(29);
    expect(parseMoney("1.005", "USD")).toBeNull();
    expect(parseMoney("1.005", "KWD")).toBe(1_005);
    expect(parseMoney("1500", "JPY")).toBe(1_500);
    expect(parseMoney("15.5", "JPY")).toBeNull();
    for (const bad of ["", "-1", "1,000.00", "1e3", "abc", " . "]) expect(parseMoney(bad, "USD")).toBeNull();
  });

  it("converts tax rates between percent text and basis points", () => {
    expect(percentTextToBp("19")).toBe(1_900);
    expect(percentTextToBp("7.5")).toBe(750);
    expect(percentTextToBp("7,25")).toBe(725);
    expect(percentTextToBp("100")).toBe(10_000);
    expect(percentTextToBp("100.01")).toBeNull();
    expect(percentTextToBp("7.125")).toBeNull();
    expect(bpToPercentText(1_900)).toBe("19");
    expect(bpToPercentText(750)).toBe("7.5");
    expect(bpToPercentText(5)).toBe("0.05");
    expect(bpToPercentText(0)).toBe("0");
    expect(plain(formatRate(1_900, "en"))).toBe("19%");
    expect(plain(formatRate(725, "de"))).toBe("7,25 %");
  });
});
