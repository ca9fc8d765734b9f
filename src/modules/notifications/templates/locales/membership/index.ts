import type { Locale } from "../../../../../../contracts/identity.ts";
import { membershipDe } from "./de.ts";
import { type MembershipMessages, membershipEn } from "./en.ts";
import { membershipEs } from "./es.ts";
import { membershipFr } from "./fr.ts";
import { membershipIt } from "./it.ts";
import { membershipJa } from "./ja.ts";
import { membershipRu } from "./ru.ts";
import { membershipZh } from "./zh.ts";

export type { MembershipMessages };

/** Business-account membership emails (invitation, blocked, restored, removed) in every supported locale. */
export const MEMBERSHIP_MESSAGES: Record<Locale, MembershipMessages> = {
  en: membershipEn,
  de: membershipDe,
  fr: membershipFr,
  es: membershipEs,
  it: membershipIt,
  ja: membershipJa,
  zh: membershipZh,
  ru: membershipRu,
};
