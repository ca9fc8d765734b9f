import { currentLocale, htmlLang } from "../../lib/i18n.ts";

/** A whole number in the UI language ("1,000" / "1.000"). */
export function formatCount(value: number, locale: string = htmlLang(currentLocale())): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "in 12 days", "today", "3 days ago" in the UI language (Intl handles the plurals). */
export function formatDaysLeft(daysLeft: number, locale: string = htmlLang(currentLocale())): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(daysLeft, "day");
}
