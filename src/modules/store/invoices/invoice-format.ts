/**
 * Text helpers for the invoice PDF: money from minor units, tax rates from basis points,
 * dates, country names, and what the invoice fonts can print.
 */

/** Digits after the decimal point for a currency (2 when Intl does not know the code). */
function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "USD 1,234.56" from 123456 minor units: integer arithmetic only (no float ever touches
 * the amount), the code rather than a symbol so every currency prints the same way.
 */
export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = BigInt(Math.abs(Math.trunc(minor)));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${sign}${currency} ${whole}${fraction}`;
}

/** 1900 → "19%", 825 → "8.25%". */
export function formatRate(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const rest = Math.abs(rateBp % 100);
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

/** 2027-01-10: the date in UTC, the same in every language. */
export const formatDate = (at: Date) => at.toISOString().slice(0, 10);

/** "DE" → "Germany"; the code itself when Intl has no name for it. */
export function countryName(code: string | null): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames("en", { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Letters the fonts may lack but that have an obvious stand-in NFKD does not give: Latin
 * ones for Helvetica alone, and 﨑 (a kanji common in Japanese names that the CJK font
 * lacks) as the usual 崎.
 */
const STAND_INS: Record<string, string> = {
  "\uFA11": "崎",
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŧ: "T",
  ŧ: "t",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u00a0": " ",
  "\u202f": " ",
};

/** Invisible format characters (joiners, direction marks, soft hyphens) and variation selectors: nothing to draw. */
const INVISIBLE = /^[\p{Cf}\p{Variation_Selector}]$/u;

/**
 * Makes text printable with the invoice's fonts (`covers` tells whether one of them has a
 * code point): whitespace and control characters become spaces, invisible format
 * characters go, and a character no font has falls back to its compatibility form
 * (﨑 → 崎, ① → 1), a letter without its accent (ő → o), a Latin stand-in (Ł → L), or
 * "?" (emoji, Korean, …). A font refuses, or draws an empty box for, a character it lacks:
 * without this a company name could stop the invoice from being made or print as blanks.
 */
export function toPrintable(text: string, covers: (codePoint: number) => boolean): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || /\s/u.test(char)) {
      out += " ";
    } else if (INVISIBLE.test(char)) {
      // dropped
    } else if (covers(code)) {
      out += char;
    } else if (STAND_INS[char] !== undefined && [...STAND_INS[char]].every((c) => covers(c.codePointAt(0) ?? 0))) {
      out += STAND_INS[char];
    } else {
      const base = [...char.normalize("NFKD")].filter((c) => !/\p{M}/u.test(c));
      out += base.length > 0 && base.every((c) => covers(c.codePointAt(0) ?? 0)) ? base.join("") : "?";
    }
  }
  return out;
}
