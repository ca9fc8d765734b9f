import { useTranslation } from "react-i18next";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { formatCount } from "../licensing/format.ts";
import { SUPPORT_PLAN_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import type { Catalog } from "./api.ts";
import { formatMoney } from "./money.ts";
import { MAX_LICENSES, parseLicenses, plansOf, type SelectionValues, termsOf, tierFor, tiersOf } from "./offers.ts";

type Props = {
  catalog: Catalog;
  values: SelectionValues;
  onChange: (values: SelectionValues) => void;
  quantityError?: string;
};

/** Product, number of licenses, term and support plan, with the volume price the number falls in. */
export function SelectionFields({ catalog, values, onChange, quantityError }: Props) {
  const { t } = useTranslation();
  const product = catalog.products.find((p) => p.id === values.productId);
  const tiers = tiersOf(product, values.term, values.supportPlan);
  const quantity = parseLicenses(values.quantity);
  const { current, next } = tierFor(tiers, quantity ?? 1);
  const money = (amount: number) => formatMoney(amount, catalog.currency);
  const term = t(TERM_KEYS[values.term]);

  const priceHint = [
    current ? t("store.purchase.unitPrice", { price: money(current.unitAmount), term }) : null,
    next ? t("store.purchase.nextTier", { number: formatCount(next.minQuantity), price: money(next.unitAmount) }) : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <section className="card stack" aria-labelledby="selection-heading">
      <h2 id="selection-heading">{t("store.purchase.selectionHeading")}</h2>
      <SelectField
        label={t("store.purchase.product")}
        value={values.productId}
        options={catalog.products.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(productId) => onChange({ ...values, productId })}
      />
      <TextField
        label={t("store.purchase.quantity")}
        hint={priceHint || undefined}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_LICENSES}
        step={1}
        value={values.quantity}
        onChange={(quantity) => onChange({ ...values, quantity })}
        error={quantityError}
        inputClassName="input-number"
      />
      <RadioGroup
        legend={t("store.purchase.term")}
        name="term"
        value={values.term}
        options={termsOf(product).map((value) => ({
          value,
          label: t(TERM_KEYS[value]),
          hint: value === "1m" ? t("store.purchase.monthlyOnlineOnly") : undefined,
        }))}
        onChange={(value) => onChange({ ...values, term: value })}
      />
      <RadioGroup
        legend={t("store.purchase.supportPlan")}
        name="support-plan"
        value={values.supportPlan}
        options={plansOf(product, values.term).map((value) => ({
          value,
          label: t(SUPPORT_PLAN_KEYS[value]),
          hint: value === "premium" ? t("store.purchase.premiumHint") : t("store.purchase.standardHint"),
        }))}
        onChange={(value) => onChange({ ...values, supportPlan: value })}
      />
      <p className="muted small">{t("store.purchase.onlineNote")}</p>
    </section>
  );
}
