import type { Locale } from "../../../../../../contracts/identity.ts";
import { overuseDe } from "./de.ts";
import { type OveruseMessages, overuseEn } from "./en.ts";
import { overuseEs } from "./es.ts";
import { overuseFr } from "./fr.ts";
import { overuseIt } from "./it.ts";
import { overuseJa } from "./ja.ts";
import { overuseRu } from "./ru.ts";
import { overuseZh } from "./zh.ts";

export type { OveruseMessages };

/** License overuse emails (started, grace ending, deactivated, resolved) in every supported locale. */
export const OVERUSE_MESSAGES: Record<Locale, OveruseMessages> = {
  en: overuseEn,
  de: overuseDe,
  fr: overuseFr,
  es: overuseEs,
  it: overuseIt,
  ja: overuseJa,
  zh: overuseZh,
  ru: overuseRu,
};
