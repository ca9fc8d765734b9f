import { useTranslation } from "react-i18next";
import { countriesByName } from "../../lib/countries.ts";
import { currentLocale } from "../../lib/i18n.ts";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { CompanyField, CompanyValues } from "./company-form.ts";

type Props = {
  values: CompanyValues;
  onChange: (values: CompanyValues) => void;
  errors: Partial<Record<CompanyField, string | undefined>>;
  /** When given, the fields are grouped in a fieldset with this legend (sign-up). */
  legend?: string;
  disabled?: boolean;
};

/**
 * The company information of a business account: used by sign-up ("A Business
 * Customer"), Create business account and the Edit Company Information dialog.
 */
export function CompanyFields({ values, onChange, errors, legend, disabled }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const set = (field: CompanyField) => (value: string) => onChange({ ...values, [field]: value });
  const optional = (label: string) => t("company.optionalLabel", { label });

  const fields = (
    <>
      <TextField
        label={t("company.companyName")}
        value={values.companyName}
        onChange={set("companyName")}
        error={errors.companyName}
        autoComplete="organization"
        maxLength={200}
        disabled={disabled}
        required
      />
      <div className="form-row">
        <SelectField
          label={t("company.country")}
          value={values.country}
          onChange={set("country")}
          error={errors.country}
          placeholder={t("company.chooseCountry")}
          options={countriesByName(locale).map(({ code, name }) => ({ value: code, label: name }))}
          autoComplete="country"
          disabled={disabled}
          required
        />
        <TextField
          label={t("company.postcode")}
          value={values.postcode}
          onChange={set("postcode")}
          error={errors.postcode}
          autoComplete="postal-code"
          maxLength={20}
          disabled={disabled}
          required
        />
      </div>
      <TextField
        label={t("company.businessPhone")}
        hint={t("company.businessPhoneHint")}
        type="tel"
        value={values.businessPhone}
        onChange={set("businessPhone")}
        error={errors.businessPhone}
        autoComplete="tel"
        inputMode="tel"
        maxLength={40}
        disabled={disabled}
        required
      />
      <TextField
        label={optional(t("company.addressLine1"))}
        value={values.addressLine1}
        onChange={set("addressLine1")}
        error={errors.addressLine1}
        autoComplete="address-line1"
        maxLength={200}
        disabled={disabled}
      />
      <TextField
        label={optional(t("company.addressLine2"))}
        value={values.addressLine2}
        onChange={set("addressLine2")}
        error={errors.addressLine2}
        autoComplete="address-line2"
        maxLength={200}
        disabled={disabled}
      />
      <div className="form-row">
        <TextField
          label={optional(t("company.city"))}
          value={values.city}
          onChange={set("city")}
          error={errors.city}
          autoComplete="address-level2"
          maxLength={100}
          disabled={disabled}
        />
        <TextField
          label={optional(t("company.vatId"))}
          value={values.vatId}
          onChange={set("vatId")}
          error={errors.vatId}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          disabled={disabled}
        />
      </div>
      <TextField
        label={optional(t("company.website"))}
        hint={t("company.websiteHint")}
        type="url"
        value={values.website}
        onChange={set("website")}
        error={errors.website}
        autoComplete="url"
        inputMode="url"
        spellCheck={false}
        maxLength={200}
        disabled={disabled}
      />
    </>
  );

  if (!legend) return <div className="stack">{fields}</div>;
  return (
    <fieldset className="fieldset stack">
      <legend className="fieldset-legend">{legend}</legend>
      {fields}
    </fieldset>
  );
}
