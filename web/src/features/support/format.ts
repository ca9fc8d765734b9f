import { currentLocale, htmlLang } from "../../lib/i18n.ts";

const unit = (locale: string, value: number, name: "minute" | "hour" | "day") =>
  new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long", maximumFractionDigits: 1 }).format(value);

/**
 * A response target or a time to respond, in the largest whole-ish unit: "30 minutes",
 * "4 hours", "1.5 days" (days from 48 hours up, so "24 hours" stays as people say it).
 */
export function formatMinutes(minutes: number, locale: string = htmlLang(currentLocale())): string {
  const value = Math.max(0, Math.round(minutes));
  if (value < 60) return unit(locale, value, "minute");
  if (value < 48 * 60) return unit(locale, Math.round((value / 60) * 10) / 10, "hour");
  return unit(locale, Math.round((value / 1440) * 10) / 10, "day");
}

/** A message's text as lines: line breaks are the only formatting a message has. */
export function messageLines(body: string): string[] {
  return body.replace(/\r\n?/g, "\n").split("\n");
}

/** "…-AB12CD": the key's last characters only, as the server sends them. */
export function keyTail(tail: string): string {
  return `…-${tail}`;
}

/** Whether a resolved ticket can still be reopened at `now`. */
export function canStillReopen(reopenUntil: string | null, now: number = Date.now()): boolean {
  return reopenUntil !== null && Date.parse(reopenUntil) > now;
}
