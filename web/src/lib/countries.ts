import { COUNTRY_CODES, type CountryCode } from "../../../contracts/countries.ts";
import { htmlLang, type Locale } from "./i18n.ts";

export { COUNTRY_CODES, type CountryCode };

export function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}

const displayNames = new Map<Locale, Intl.DisplayNames | null>();

function namesFor(locale: Locale): Intl.DisplayNames | null {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([htmlLang(locale), "en"], { type: "region", fallback: "code" });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return names;
}

/** A country code in the reader's language ("DE" → "Deutschland" in German); the code itself if the browser has no name. */
export function countryName(code: string, locale: Locale): string {
  try {
    return namesFor(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}

const sorted = new Map<Locale, Array<{ code: CountryCode; name: string }>>();

/** Every country of the list, sorted by its name in the reader's language. */
export function countriesByName(locale: Locale): Array<{ code: CountryCode; name: string }> {
  let list = sorted.get(locale);
  if (!list) {
    const collator = new Intl.Collator(htmlLang(locale));
    list = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    sorted.set(locale, list);
  }
  return list;
}
