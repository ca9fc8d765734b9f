import type { Locale } from "../../../../../contracts/identity.ts";
import { de } from "./de.ts";
import { en, type IdentityMessages } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { ja } from "./ja.ts";
import { LICENSING_MESSAGES, type LicensingMessages } from "./licensing/index.ts";
import { MEMBERSHIP_MESSAGES, type MembershipMessages } from "./membership/index.ts";
import { OVERUSE_MESSAGES, type OveruseMessages } from "./overuse/index.ts";
import { ru } from "./ru.ts";
import { STORE_MESSAGES, type StoreMessages } from "./store/index.ts";
import { SUPPORT_MESSAGES, type SupportMessages } from "./support/index.ts";
import { zh } from "./zh.ts";

/**
 * Email copy, one file per locale and area: `<locale>.ts` holds the shared parts
 * (`common`) and the identity emails, `membership/<locale>.ts` the business-account
 * membership emails, `licensing/<locale>.ts` the licensing emails (registration key,
 * subscription expiry), `overuse/<locale>.ts` the license overuse emails (a key's farms
 * over its concurrent-user limit), `store/<locale>.ts` the store emails (orders, bank
 * transfers, renewals), `support/<locale>.ts` the support ticket emails. Each area's English
 * file is the source of its keys.
 */
export type EmailMessages = IdentityMessages &
  MembershipMessages &
  LicensingMessages &
  OveruseMessages &
  StoreMessages &
  SupportMessages;

/** Compiles only while no two areas use the same namespace (one would silently hide the other). */
type Disjoint<Overlap extends never> = Overlap;
export type AreasAreDisjoint = Disjoint<
  | (keyof IdentityMessages & keyof MembershipMessages)
  | (keyof IdentityMessages & keyof LicensingMessages)
  | (keyof IdentityMessages & keyof OveruseMessages)
  | (keyof MembershipMessages & keyof LicensingMessages)
  | (keyof MembershipMessages & keyof OveruseMessages)
  | (keyof LicensingMessages & keyof OveruseMessages)
  | (keyof StoreMessages & (keyof IdentityMessages | keyof MembershipMessages | keyof LicensingMessages | keyof OveruseMessages))
  | (keyof SupportMessages &
      (keyof IdentityMessages | keyof MembershipMessages | keyof LicensingMessages | keyof OveruseMessages | keyof StoreMessages))
>;

const IDENTITY_MESSAGES: Record<Locale, IdentityMessages> = { en, de, fr, es, it, ja, zh, ru };

function messagesFor(locale: Locale): EmailMessages {
  return {
    ...IDENTITY_MESSAGES[locale],
    ...MEMBERSHIP_MESSAGES[locale],
    ...LICENSING_MESSAGES[locale],
    ...OVERUSE_MESSAGES[locale],
    ...STORE_MESSAGES[locale],
    ...SUPPORT_MESSAGES[locale],
  };
}

/** Email copy for every supported locale; a new entry in SUPPORTED_LOCALES fails to compile until every area has it. */
export const EMAIL_MESSAGES: Record<Locale, EmailMessages> = {
  en: messagesFor("en"),
  de: messagesFor("de"),
  fr: messagesFor("fr"),
  es: messagesFor("es"),
  it: messagesFor("it"),
  ja: messagesFor("ja"),
  zh: messagesFor("zh"),
  ru: messagesFor("ru"),
};
