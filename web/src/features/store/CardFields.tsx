import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/TextField.tsx";
import type { CardField, CardValues } from "./card-form.ts";

type Props = {
  values: CardValues;
  onChange: (values: CardValues) => void;
  errors: Partial<Record<CardField, string>>;
};

/**
 * Card number, expiry and security code. In test mode these go to the test gateway
 * only (which answers with a token); no store route ever sees them.
 */
export function CardFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const set = (field: CardField) => (value: string) => onChange({ ...values, [field]: value });
  return (
    <div className="card-fields">
      <TextField
        label={t("store.card.number")}
        value={values.number}
        onChange={set("number")}
        error={errors.number}
        autoComplete="cc-number"
        inputMode="numeric"
        spellCheck={false}
        maxLength={23}
        inputClassName="input-code"
      />
      <div className="form-row">
        <TextField
          label={t("store.card.expiry")}
          hint={t("store.card.expiryHint")}
          value={values.expiry}
          onChange={set("expiry")}
          error={errors.expiry}
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder={t("store.card.expiryPlaceholder")}
          maxLength={9}
        />
        <TextField
          label={t("store.card.cvc")}
          hint={t("store.card.cvcHint")}
          value={values.cvc}
          onChange={set("cvc")}
          error={errors.cvc}
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
        />
      </div>
    </div>
  );
}
