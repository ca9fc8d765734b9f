import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../../../contracts/identity.ts";

/** Same list as SUPPORTED_LOCALES in contracts/identity.ts (imported as a type only, so zod stays out of the bundle). */
export const LOCALES = ["en", "de", "fr", "es", "it", "ja", "zh", "ru"] as const satisfies readonly Locale[];
export type { Locale };

/** Each language's own name: shown as is in every UI language, so people can find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  it: "Italiano",
  ja: "日本語",
  zh: "简体中文",
  ru: "Русский",
};

/** BCP 47 tags for <html lang> and Intl: "zh" content is Simplified Chinese. */
const HTML_LANG: Record<Locale, string> = { en: "en", de: "de", fr: "fr", es: "es", it: "it", ja: "ja", zh: "zh-Hans", ru: "ru" };

const STORAGE_KEY = "license-portal.locale";

type Messages = Record<string, unknown>;
const english = import.meta.glob<Messages>("../locales/en.json", { eager: true, import: "default" });
const loaders = import.meta.glob<Messages>(["../locales/*.json", "!../locales/en.json"], { import: "default" });

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : "en";
}

export function htmlLang(locale: Locale): string {
  return HTML_LANG[locale];
}

function readStoredLocale(): Locale | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function detectLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

async function ensureLoaded(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, "translation")) return;
  const load = loaders[`../locales/${locale}.json`];
  if (!load) return;
  i18next.addResourceBundle(locale, "translation", await load(), true, true);
}

/** Switches the UI language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  await ensureLoaded(locale);
  await i18next.changeLanguage(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export async function initI18n(): Promise<void> {
  i18next.on("languageChanged", (lng) => {
    const locale = isLocale(lng) ? lng : "en";
    document.documentElement.lang = htmlLang(locale);
    document.documentElement.dir = "ltr";
  });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: english["../locales/en.json"] ?? {} } },
    partialBundledLanguages: true,
    lng: "en",
    fallbackLng: "en",
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    returnNull: false,
  });
  const locale = detectLocale();
  await ensureLoaded(locale);
  await i18next.changeLanguage(locale);
}

export { i18next };
