import type { Locale } from "../../../../../../contracts/identity.ts";
import { licensingDe } from "./de.ts";
import { type LicensingMessages, licensingEn } from "./en.ts";
import { licensingEs } from "./es.ts";
import { licensingFr } from "./fr.ts";
import { licensingIt } from "./it.ts";
import { licensingJa } from "./ja.ts";
import { licensingRu } from "./ru.ts";
import { licensingZh } from "./zh.ts";

export type { LicensingMessages };

/** Licensing emails (registration key, subscription expiring, subscription expired) in every supported locale. */
export const LICENSING_MESSAGES: Record<Locale, LicensingMessages> = {
  en: licensingEn,
  de: licensingDe,
  fr: licensingFr,
  es: licensingEs,
  it: licensingIt,
  ja: licensingJa,
  zh: licensingZh,
  ru: licensingRu,
};
