import { currentLocale, htmlLang } from "../../lib/i18n.ts";

/**
 * Money is an integer number of minor units (cents) everywhere; the server does every
 * calculation. The web app only formats amounts and, on the operator's price list,
 * parses what was typed. Both go through decimal strings, never through floating-point
 * arithmetic, so 0.1 + 0.2 surprises cannot creep in.
 */

const digitsCache = new Map<string, number>();

/** The currency's minor-unit digits (USD 2, JPY 0, BHD 3), from the browser's Intl data. */
export function fractionDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** An integer of minor units as an exact decimal string in major units: 123456 USD → "1234.56". */
export function toDecimalString(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** "$1,234.56" / "1.234,56 €" / "￥1,235" in the UI language. */
export function formatMoney(minor: number, currency: string, locale: string = htmlLang(currentLocale())): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
  } catch {
    return `${toDecimalString(minor, currency)} ${currency}`;
  }
  // Intl formats a decimal string exactly (no binary rounding on the way).
  return format.format(toDecimalString(minor, currency) as `${number}`);
}

/**
 * Parses an amount typed in major units ("1234.5", "1234,50", "15") into minor units,
 * exactly: digits only, one optional decimal separator, at most the currency's digits
 * after it. Returns null for anything else (thousands separators, signs, "1e3").
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,12})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** A tax rate in basis points as a percentage for people: 1900 → "19", 750 → "7.5". */
export function bpToPercentText(bp: number): string {
  const text = String(bp).padStart(3, "0");
  const whole = text.slice(0, -2).replace(/^0+(?=\d)/, "");
  const fraction = text.slice(-2).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** "19" / "7.5" / "7,25" (percent) → basis points, exactly; null when not a rate of 0–100 with at most 2 decimals. */
export function percentTextToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number((match[1] ?? "0") + (match[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

/** A tax rate for people, in the UI language: 1900 → "19%", 750 → "7.5%". */
export function formatRate(bp: number, locale: string = htmlLang(currentLocale())): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    `${bpToPercentText(bp)}E-2` as `${number}`,
  );
}
