import { currentLocale, htmlLang } from "./i18n.ts";

/** A date (no time) in the UI language, e.g. "26 November 2026" / "2026年11月26日". */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(htmlLang(currentLocale()), { dateStyle: "long" }).format(new Date(iso));
}

/** A date and time in the UI language. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(htmlLang(currentLocale()), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
