import type { LicenseType, Term } from "../../../contracts/licensing.ts";

/**
 * How the registration-key email names the term, in the purchaser's language (the
 * template takes it as ready text).
 */
const WORDS: Record<string, Record<Term | Exclude<LicenseType, "subscription">, string>> = {
  en: {
    "1m": "1 month",
    "1y": "1 year",
    "2y": "2 years",
    "3y": "3 years",
    trial: "30-day trial",
    nfr: "not for resale",
    permanent: "permanent",
  },
  de: {
    "1m": "1 Monat",
    "1y": "1 Jahr",
    "2y": "2 Jahre",
    "3y": "3 Jahre",
    trial: "30-Tage-Testversion",
    nfr: "nicht zum Weiterverkauf",
    permanent: "unbefristet",
  },
  fr: {
    "1m": "1 mois",
    "1y": "1 an",
    "2y": "2 ans",
    "3y": "3 ans",
    trial: "essai de 30 jours",
    nfr: "non destiné à la revente",
    permanent: "permanente",
  },
  es: {
    "1m": "1 mes",
    "1y": "1 año",
    "2y": "2 años",
    "3y": "3 años",
    trial: "prueba de 30 días",
    nfr: "no para reventa",
    permanent: "permanente",
  },
  it: {
    "1m": "1 mese",
    "1y": "1 anno",
    "2y": "2 anni",
    "3y": "3 anni",
    trial: "prova di 30 giorni",
    nfr: "non per la rivendita",
    permanent: "perpetua",
  },
  ja: { "1m": "1 か月", "1y": "1 年", "2y": "2 年", "3y": "3 年", trial: "30 日間の試用版", nfr: "再販不可", permanent: "永続" },
  zh: { "1m": "1 个月", "1y": "1 年", "2y": "2 年", "3y": "3 年", trial: "30 天试用", nfr: "非转售", permanent: "永久" },
  ru: {
    "1m": "1 месяц",
    "1y": "1 год",
    "2y": "2 года",
    "3y": "3 года",
    trial: "пробная версия на 30 дней",
    nfr: "не для перепродажи",
    permanent: "бессрочная",
  },
};

export function termWords(locale: string, licenseType: LicenseType, term: Term | null): string {
  const words = WORDS[locale] ?? WORDS.en;
  if (!words) return licenseType;
  return licenseType === "subscription" && term ? words[term] : words[licenseType === "subscription" ? "1y" : licenseType];
}
