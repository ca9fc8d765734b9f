import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { useForm } from "../../lib/form.ts";
import { htmlLang, isLocale, LOCALE_NAMES, LOCALES, type Locale, setLocale } from "../../lib/i18n.ts";
import { type Me, useMe, useSession } from "../../lib/session.ts";
import { checkName } from "../../lib/validation.ts";
import { FormAlert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { NameFields } from "./NameFields.tsx";

type Field = "firstName" | "lastName" | "locale";

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { setMe } = useSession();
  const form = useForm<Field>();
  const [firstName, setFirstName] = useState(me.firstName);
  const [lastName, setLastName] = useState(me.lastName);
  const [locale, setLocaleChoice] = useState<Locale>(me.locale);
  const [saved, setSaved] = useState(false);

  const onSubmit = form.onSubmit({
    validate: () => ({ firstName: checkName(firstName), lastName: checkName(lastName) }),
    action: async () => {
      setSaved(false);
      const updated = await api.put<Me>("/api/me/profile", { firstName: firstName.trim(), lastName: lastName.trim(), locale });
      await setLocale(updated.locale);
      setMe(updated);
      setSaved(true);
    },
  });

  return (
    <>
      <PageHeading title={t("profile.title")} subtitle={t("profile.subtitle")}>
        {t("profile.title")}
      </PageHeading>
      <section className="card">
        <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <NameFields
            firstName={firstName}
            lastName={lastName}
            onFirstName={setFirstName}
            onLastName={setLastName}
            errors={form.errors}
          />
          <TextField
            label={t("fields.email")}
            hint={t("profile.emailHint")}
            type="email"
            value={me.email}
            onChange={() => undefined}
            readOnly
          />
          <SelectField
            label={t("profile.language")}
            hint={t("profile.languageHint")}
            value={locale}
            onChange={(value) => isLocale(value) && setLocaleChoice(value)}
            options={LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code], lang: htmlLang(code) }))}
          />
          <StatusMessage message={saved && t("profile.saved")} />
          <div className="actions">
            <Button type="submit" busy={form.busy}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
