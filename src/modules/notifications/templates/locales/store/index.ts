import type { Locale } from "../../../../../../contracts/identity.ts";
import { storeDe } from "./de.ts";
import { type StoreMessages, storeEn } from "./en.ts";
import { storeEs } from "./es.ts";
import { storeFr } from "./fr.ts";
import { storeIt } from "./it.ts";
import { storeJa } from "./ja.ts";
import { storeRu } from "./ru.ts";
import { storeZh } from "./zh.ts";

export type { StoreMessages };

/** Store emails (order paid, licenses added, bank transfer instructions, renewals) in every supported locale. */
export const STORE_MESSAGES: Record<Locale, StoreMessages> = {
  en: storeEn,
  de: storeDe,
  fr: storeFr,
  es: storeEs,
  it: storeIt,
  ja: storeJa,
  zh: storeZh,
  ru: storeRu,
};
