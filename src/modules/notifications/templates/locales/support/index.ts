import type { Locale } from "../../../../../../contracts/identity.ts";
import { supportDe } from "./de.ts";
import { type SupportMessages, supportEn } from "./en.ts";
import { supportEs } from "./es.ts";
import { supportFr } from "./fr.ts";
import { supportIt } from "./it.ts";
import { supportJa } from "./ja.ts";
import { supportRu } from "./ru.ts";
import { supportZh } from "./zh.ts";

export type { SupportMessages };

/** Support emails (a ticket opened, a public reply on it, resolved/closed, added as a watcher) in every supported locale. */
export const SUPPORT_MESSAGES: Record<Locale, SupportMessages> = {
  en: supportEn,
  de: supportDe,
  fr: supportFr,
  es: supportEs,
  it: supportIt,
  ja: supportJa,
  zh: supportZh,
  ru: supportRu,
};
