import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../lib/api.ts";
import { currentLocale, htmlLang, isLocale, LOCALE_NAMES, LOCALES, setLocale } from "../lib/i18n.ts";
import { type Me, useSession } from "../lib/session.ts";
import { SelectField } from "../ui/SelectField.tsx";

/** Changes the UI language; for a signed-in person it is also saved as the profile's preferred language. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { state, setMe } = useSession();
  const [saving, setSaving] = useState(false);

  async function change(value: string) {
    if (!isLocale(value)) return;
    await setLocale(value);
    if (state.status !== "authenticated" || state.me.locale === value) return;
    setSaving(true);
    try {
      const { firstName, lastName } = state.me;
      setMe(await api.put<Me>("/api/me/profile", { firstName, lastName, locale: value }));
    } catch (error) {
      console.warn("Could not save the language to the profile", error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <SelectField
      compact
      label={t("language.label")}
      value={currentLocale()}
      disabled={saving}
      onChange={(value) => void change(value)}
      options={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale], lang: htmlLang(locale) }))}
    />
  );
}
