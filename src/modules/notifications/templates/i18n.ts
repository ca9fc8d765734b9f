import i18next from "i18next";
import { type Locale, SUPPORTED_LOCALES } from "../../../../contracts/identity.ts";
import { EMAIL_MESSAGES, type EmailMessages } from "./locales/index.ts";

export const FALLBACK_LOCALE: Locale = "en";

/**
 * A dedicated i18next instance for email, so the web app's (or any other module's)
 * i18next configuration never leaks into mail. Resources are bundled, so `init`
 * completes synchronously (initAsync: false). Values are not escaped here: text
 * mail wants them raw and the HTML layout escapes every string it outputs.
 */
const i18n = i18next.createInstance();
void i18n.init({
  resources: EMAIL_MESSAGES,
  lng: FALLBACK_LOCALE,
  fallbackLng: FALLBACK_LOCALE,
  supportedLngs: [...SUPPORTED_LOCALES],
  ns: Object.keys(EMAIL_MESSAGES.en),
  defaultNS: "common",
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false },
});

/** Maps a stored locale ("de", "de-CH", "pt", "") to a supported one; anything unknown becomes English. */
export function resolveLocale(locale: string | null | undefined): Locale {
  const primary = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return (SUPPORTED_LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : FALLBACK_LOCALE;
}

export type Namespace = keyof EmailMessages;

/** `t(namespace, key, values)` bound to one locale; falls back to English for a missing key. */
export function translatorFor(locale: Locale) {
  return <N extends Namespace>(ns: N, key: keyof EmailMessages[N] & string, values?: Record<string, string>): string =>
    String(i18n.t(key, { lng: locale, ns, replace: values ?? {} }));
}
