import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format.ts";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { SubscriptionDetails } from "./api.ts";
import { toDateInput } from "./dates.ts";
import { formatCount } from "./format.ts";
import type { KeyField, KeyFormValues } from "./key-form.ts";

type Props = {
  values: KeyFormValues;
  onChange: (values: KeyFormValues) => void;
  errors: Partial<Record<KeyField, string>>;
  kind: "primary" | "additional";
  /** Licenses this key may hold (the main pool, plus its own reservation when editing). */
  available: number;
  /** The Primary Key's licenses: whatever is left in the main pool. */
  primaryLicenses: number;
  subscription: SubscriptionDetails;
};

/** The key dialog's General tab: name, licenses, Max Number of Users Per Farm, and expiry. */
export function KeyGeneralFields({ values, onChange, errors, kind, available, primaryLicenses, subscription }: Props) {
  const { t } = useTranslation();
  const set =
    <K extends keyof KeyFormValues>(field: K) =>
    (value: KeyFormValues[K]) =>
      onChange({ ...values, [field]: value });
  const subscriptionEnd = subscription.expiresAt;

  return (
    <div className="stack">
      <TextField
        label={t("licensing.keyForm.name")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
        maxLength={120}
        autoComplete="off"
        required
      />
      {kind === "additional" ? (
        <TextField
          label={t("licensing.keyForm.licenses")}
          hint={t("licensing.keyForm.licensesHint", { number: formatCount(available) })}
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(1, available)}
          step={1}
          value={values.licenses}
          onChange={set("licenses")}
          error={errors.licenses}
          inputClassName="input-number"
          required
        />
      ) : (
        <div className="field">
          <span className="field-label">{t("licensing.keyForm.licenses")}</span>
          <p>{t("licensing.keyForm.primaryLicenses", { number: formatCount(primaryLicenses) })}</p>
        </div>
      )}
      <div className="stack-xs">
        <Checkbox
          label={t("licensing.keyForm.maxUsers")}
          hint={t("licensing.keyForm.maxUsersHint")}
          checked={values.limitUsers}
          onChange={set("limitUsers")}
        />
        {values.limitUsers && (
          <TextField
            label={t("licensing.keyForm.maxUsersValue")}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={values.maxUsersPerFarm}
            onChange={set("maxUsersPerFarm")}
            error={errors.maxUsersPerFarm}
            inputClassName="input-number"
            required
          />
        )}
      </div>
      {kind === "additional" ? (
        <fieldset className="field fieldset-plain stack-xs">
          <legend className="field-label">{t("licensing.keyForm.expiry")}</legend>
          <Checkbox
            label={t("licensing.keyForm.renewWithSubscription")}
            hint={
              subscriptionEnd
                ? t("licensing.keyForm.renewHint", { date: formatDate(subscriptionEnd) })
                : t("licensing.keyForm.renewHintPermanent")
            }
            checked={values.renewWithSubscription}
            onChange={set("renewWithSubscription")}
          />
          {!values.renewWithSubscription && (
            <TextField
              label={t("licensing.keyForm.expiresOn")}
              hint={subscriptionEnd ? t("licensing.keyForm.expiresOnHint", { date: formatDate(subscriptionEnd) }) : undefined}
              type="date"
              min={toDateInput(new Date().toISOString())}
              max={subscriptionEnd ? toDateInput(subscriptionEnd) : undefined}
              value={values.customDate}
              onChange={set("customDate")}
              error={errors.customDate}
              required
            />
          )}
        </fieldset>
      ) : (
        <div className="field">
          <span className="field-label">{t("licensing.keyForm.expiry")}</span>
          <p>{t("licensing.keyForm.primaryExpiry")}</p>
        </div>
      )}
    </div>
  );
}
