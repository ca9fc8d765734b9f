/**
 * Text helpers for the invoice PDF: money from minor units, tax rates from basis points,
 * dates, country names, and what the PDF's standard fonts can print.
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

/** Letters the standard fonts lack but that have an obvious Latin stand-in (NFKD does not decompose them). */
const STAND_INS: Record<string, string> = {
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

/**
 * Makes text printable with a standard PDF font (WinAnsi: Latin-1 plus a few extras):
 * whitespace and control characters become spaces, accented letters outside the set lose
 * their accent (ő → o), a few letters get a stand-in (Ł → L), and anything else (Japanese,
 * Cyrillic, emoji, …) becomes "?". The font would refuse such characters, so without this
 * a company name could stop the invoice from being made at all.
 */
export function toPrintable(text: string, supported: ReadonlySet<number>): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || /\s/u.test(char)) {
      out += " ";
    } else if (supported.has(code)) {
      out += char;
    } else if (STAND_INS[char] !== undefined) {
      out += STAND_INS[char];
    } else {
      const base = [...char.normalize("NFKD")].filter((c) => !/\p{M}/u.test(c));
      out += base.length > 0 && base.every((c) => supported.has(c.codePointAt(0) ?? 0)) ? base.join("") : "?";
    }
  }
  return out;
}
