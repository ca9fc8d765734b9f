import { currentLocale, htmlLang } from "../../lib/i18n.ts";

/** "3 days" in the UI language (Intl handles the plurals). */
export function formatDays(days: number, locale: string = htmlLang(currentLocale())): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "day", unitDisplay: "long" }).format(days);
}

/** A chart's time label: hours in local time; days and months are UTC buckets, so they are shown as UTC dates. */
export function formatBucketTick(at: number, range: "24h" | "30d" | "12m", locale: string = htmlLang(currentLocale())): string {
  const options: Intl.DateTimeFormatOptions =
    range === "24h"
      ? { hour: "2-digit", minute: "2-digit" }
      : range === "30d"
        ? { month: "short", day: "numeric", timeZone: "UTC" }
        : { month: "short", year: "2-digit", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(at));
}

/** A bucket in the data table and the hover titles: the hour (local) or the day (UTC). */
export function formatBucket(at: number, bucket: "hour" | "day", locale: string = htmlLang(currentLocale())): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === "hour" ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(at));
}
