import { useTranslation } from "react-i18next";
import { countriesByName } from "../../lib/countries.ts";
import { currentLocale } from "../../lib/i18n.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { SUPPORT_PLAN_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import { PLAN_ORDER, TERM_ORDER } from "../store/offers.ts";
import type { Product, SupportPlan, Term } from "./api.ts";
import { type EntryRow, newTier, type PriceListForm, rowKey, type TaxRow } from "./price-list-form.ts";

/** The message for a field path: our i18n keys are translated, the server's sentences shown as they are. */
export type ErrorFor = (path: string) => string | undefined;

type TaxProps = { form: PriceListForm; onChange: (form: PriceListForm) => void; errorFor: ErrorFor };

/** Currency, the default tax, and a tax rate per buyer country. */
export function TaxFields({ form, onChange, errorFor }: TaxProps) {
  const { t } = useTranslation();
  const countries = countriesByName(currentLocale());
  const setRow = (index: number, row: TaxRow) =>
    onChange({ ...form, taxRates: form.taxRates.map((r, i) => (i === index ? row : r)) });
  return (
    <section className="card stack" aria-labelledby="prices-tax-heading">
      <h2 id="prices-tax-heading">{t("operator.prices.currencyAndTax")}</h2>
      <div className="form-row">
        <TextField
          label={t("operator.prices.currency")}
          hint={t("operator.prices.currencyHint")}
          value={form.currency}
          onChange={(currency) => onChange({ ...form, currency: currency.toUpperCase() })}
          error={errorFor("currency")}
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <fieldset className="fieldset">
        <legend className="fieldset-legend">{t("operator.prices.defaultTax")}</legend>
        <p className="field-hint">{t("operator.prices.defaultTaxHint")}</p>
        <div className="form-row">
          <TextField
            label={t("operator.prices.taxName")}
            value={form.defaultTaxName}
            onChange={(defaultTaxName) => onChange({ ...form, defaultTaxName })}
            error={errorFor("defaultTax.name")}
            maxLength={40}
          />
          <TextField
            label={t("operator.prices.taxRate")}
            value={form.defaultTaxRate}
            onChange={(defaultTaxRate) => onChange({ ...form, defaultTaxRate })}
            error={errorFor("defaultTax.rateBp")}
            inputMode="decimal"
            maxLength={6}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset-legend">{t("operator.prices.countryRates")}</legend>
        {form.taxRates.length === 0 && <p className="muted small">{t("operator.prices.noCountryRates")}</p>}
        <ul className="price-rows">
          {form.taxRates.map((row, index) => (
            <li key={row.key} className="price-row">
              <SelectField
                label={t("operator.prices.country")}
                value={row.country}
                placeholder={t("operator.prices.chooseCountry")}
                options={countries.map((c) => ({ value: c.code, label: c.name }))}
                onChange={(country) => setRow(index, { ...row, country })}
                error={errorFor(`taxRates.${index}.country`)}
              />
              <TextField
                label={t("operator.prices.taxRate")}
                value={row.rate}
                onChange={(rate) => setRow(index, { ...row, rate })}
                error={errorFor(`taxRates.${index}.rateBp`)}
                inputMode="decimal"
                maxLength={6}
              />
              <TextField
                label={t("operator.prices.taxName")}
                value={row.name}
                onChange={(name) => setRow(index, { ...row, name })}
                error={errorFor(`taxRates.${index}.name`)}
                maxLength={40}
              />
              <Button
                variant="ghost"
                className="price-row-remove"
                onClick={() => onChange({ ...form, taxRates: form.taxRates.filter((_, i) => i !== index) })}
              >
                {t("operator.prices.remove")}
                <span className="sr-only"> {t("operator.prices.countryRateN", { number: index + 1 })}</span>
              </Button>
            </li>
          ))}
        </ul>
        <div>
          <Button
            variant="secondary"
            onClick={() =>
              onChange({ ...form, taxRates: [...form.taxRates, { key: rowKey(), country: "", rate: "", name: "" }] })
            }
          >
            {t("operator.prices.addCountryRate")}
          </Button>
        </div>
      </fieldset>
    </section>
  );
}

type EntryProps = {
  index: number;
  entry: EntryRow;
  products: Product[];
  currency: string;
  onChange: (entry: EntryRow) => void;
  onRemove: () => void;
  errorFor: ErrorFor;
};

/** One product × term × support plan, with its volume tiers (from N licenses: this price for every license). */
export function PriceEntryFields({ index, entry, products, currency, onChange, onRemove, errorFor }: EntryProps) {
  const { t } = useTranslation();
  const productName = products.find((p) => p.id === entry.productId)?.name ?? entry.productId;
  const title = t("operator.prices.entryTitle", {
    product: productName || t("operator.prices.newEntry"),
    term: t(TERM_KEYS[entry.term]),
    plan: t(SUPPORT_PLAN_KEYS[entry.supportPlan]),
  });
  const setTier = (tierIndex: number, field: "minQuantity" | "unitAmount", value: string) =>
    onChange({ ...entry, tiers: entry.tiers.map((tier, i) => (i === tierIndex ? { ...tier, [field]: value } : tier)) });
  const tiersError = errorFor(`prices.${index}.tiers`);
  return (
    <li className="card stack price-entry">
      <fieldset className="fieldset fieldset-plain">
        <legend className="fieldset-legend">{title}</legend>
        <div className="price-row">
          <SelectField
            label={t("operator.prices.product")}
            value={entry.productId}
            placeholder={t("operator.prices.chooseProduct")}
            options={products.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(productId) => onChange({ ...entry, productId })}
            error={errorFor(`prices.${index}.productId`)}
          />
          <SelectField
            label={t("operator.prices.term")}
            value={entry.term}
            options={TERM_ORDER.map((term) => ({ value: term, label: t(TERM_KEYS[term]) }))}
            onChange={(term) => onChange({ ...entry, term: TERM_ORDER.find((x) => x === term) ?? entry.term })}
          />
          <SelectField
            label={t("operator.prices.supportPlan")}
            value={entry.supportPlan}
            options={PLAN_ORDER.map((plan) => ({ value: plan, label: t(SUPPORT_PLAN_KEYS[plan]) }))}
            onChange={(plan) =>
              onChange({ ...entry, supportPlan: PLAN_ORDER.find((x) => x === plan) ?? (entry.supportPlan as SupportPlan) })
            }
          />
        </div>
        <p className="field-hint">{t("operator.prices.tiersHint")}</p>
        {tiersError && <p className="field-error">{tiersError}</p>}
        <ol className="price-rows">
          {entry.tiers.map((tier, tierIndex) => (
            <li key={tier.key} className="price-row">
              <TextField
                label={t("operator.prices.minQuantity")}
                value={tier.minQuantity}
                onChange={(value) => setTier(tierIndex, "minQuantity", value)}
                error={errorFor(`prices.${index}.tiers.${tierIndex}.minQuantity`)}
                inputMode="numeric"
                maxLength={6}
                readOnly={tierIndex === 0}
              />
              <TextField
                label={t("operator.prices.unitAmount", { currency })}
                value={tier.unitAmount}
                onChange={(value) => setTier(tierIndex, "unitAmount", value)}
                error={errorFor(`prices.${index}.tiers.${tierIndex}.unitAmount`)}
                inputMode="decimal"
                maxLength={16}
              />
              {tierIndex > 0 && (
                <Button
                  variant="ghost"
                  className="price-row-remove"
                  onClick={() => onChange({ ...entry, tiers: entry.tiers.filter((_, i) => i !== tierIndex) })}
                >
                  {t("operator.prices.remove")}
                  <span className="sr-only"> {t("operator.prices.tierN", { number: tierIndex + 1 })}</span>
                </Button>
              )}
            </li>
          ))}
        </ol>
        <div className="actions">
          <Button variant="secondary" onClick={() => onChange({ ...entry, tiers: [...entry.tiers, newTier("")] })}>
            {t("operator.prices.addTier")}
            <span className="sr-only"> ({title})</span>
          </Button>
          <Button variant="link" className="btn-danger-link" onClick={onRemove}>
            {t("operator.prices.removeEntry")}
            <span className="sr-only"> ({title})</span>
          </Button>
        </div>
      </fieldset>
    </li>
  );
}

/** A new, empty price: the first product's 1-year Standard, one tier from 1 license. */
export function newEntry(products: Product[]): EntryRow {
  return { key: rowKey(), productId: products[0]?.id ?? "", term: "1y" as Term, supportPlan: "standard", tiers: [newTier("1")] };
}
