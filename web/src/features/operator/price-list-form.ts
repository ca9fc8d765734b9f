import type { PriceList } from "../../../../contracts/store.ts";
import { bpToPercentText, parseMoney, percentTextToBp, toDecimalString } from "../store/money.ts";
import type { SupportPlan, Term } from "./api.ts";

/**
 * The operator's price list as a form: amounts typed in major units ("150.00") and
 * tax rates in percent ("19"), turned into integer minor units and basis points by
 * parsing the decimal text (no floating point). Errors are keyed by the same paths the
 * server uses in problem+json `errors` ("prices.0.tiers.1.unitAmount"), so the
 * browser's and the server's messages land on the same field. Pure, so it is unit-tested.
 */
export type TierRow = { key: string; minQuantity: string; unitAmount: string };
export type EntryRow = { key: string; productId: string; term: Term; supportPlan: SupportPlan; tiers: TierRow[] };
export type TaxRow = { key: string; country: string; rate: string; name: string };
export type PriceListForm = {
  currency: string;
  defaultTaxName: string;
  defaultTaxRate: string;
  taxRates: TaxRow[];
  prices: EntryRow[];
};
/** i18n keys (from the browser) or the server's own sentences, by field path. */
export type PriceListErrors = Record<string, string>;

let counter = 0;
/** React keys for rows that have no id of their own. */
export const rowKey = () => `row-${++counter}`;

const CURRENCY = /^[A-Z]{3}$/;
const MAX_LICENSES = 100_000;
const MAX_AMOUNT = 10_000_000_000;

export function fromPriceList(list: PriceList): PriceListForm {
  return {
    currency: list.currency,
    defaultTaxName: list.defaultTax.name,
    defaultTaxRate: bpToPercentText(list.defaultTax.rateBp),
    taxRates: list.taxRates.map((rate) => ({
      key: rowKey(),
      country: rate.country,
      rate: bpToPercentText(rate.rateBp),
      name: rate.name,
    })),
    prices: list.prices.map((entry) => ({
      key: rowKey(),
      productId: entry.productId,
      term: entry.term,
      supportPlan: entry.supportPlan,
      tiers: [...entry.tiers]
        .sort((a, b) => a.minQuantity - b.minQuantity)
        .map((tier) => ({
          key: rowKey(),
          minQuantity: String(tier.minQuantity),
          unitAmount: toDecimalString(tier.unitAmount, list.currency),
        })),
    })),
  };
}

export function newTier(minQuantity = "1"): TierRow {
  return { key: rowKey(), minQuantity, unitAmount: "" };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,7}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** The PUT body, or the errors that stop it. */
export function toPriceList(form: PriceListForm): { body: PriceList | null; errors: PriceListErrors } {
  const errors: PriceListErrors = {};
  const currency = form.currency.trim().toUpperCase();
  if (!CURRENCY.test(currency)) errors.currency = "operator.prices.errors.currency";
  const moneyCurrency = CURRENCY.test(currency) ? currency : "USD";

  const defaultRate = percentTextToBp(form.defaultTaxRate);
  if (defaultRate === null) errors["defaultTax.rateBp"] = "operator.prices.errors.rate";
  if (!form.defaultTaxName.trim()) errors["defaultTax.name"] = "operator.prices.errors.taxName";

  const seenCountries = new Set<string>();
  const taxRates = form.taxRates.map((row, index) => {
    const rateBp = percentTextToBp(row.rate);
    if (!/^[A-Z]{2}$/.test(row.country)) errors[`taxRates.${index}.country`] = "operator.prices.errors.country";
    else if (seenCountries.has(row.country)) errors[`taxRates.${index}.country`] = "operator.prices.errors.countryTwice";
    seenCountries.add(row.country);
    if (rateBp === null) errors[`taxRates.${index}.rateBp`] = "operator.prices.errors.rate";
    if (!row.name.trim()) errors[`taxRates.${index}.name`] = "operator.prices.errors.taxName";
    return { country: row.country, rateBp: rateBp ?? 0, name: row.name.trim() };
  });

  const seenOffers = new Set<string>();
  const prices = form.prices.map((entry, index) => {
    const offer = `${entry.productId}|${entry.term}|${entry.supportPlan}`;
    if (!entry.productId) errors[`prices.${index}.productId`] = "operator.prices.errors.product";
    else if (seenOffers.has(offer)) errors[`prices.${index}.productId`] = "operator.prices.errors.offerTwice";
    seenOffers.add(offer);
    if (entry.tiers.length === 0) errors[`prices.${index}.tiers`] = "operator.prices.errors.noTiers";
    let previous = 0;
    const tiers = entry.tiers.map((tier, tierIndex) => {
      const path = `prices.${index}.tiers.${tierIndex}`;
      const minQuantity = wholeNumber(tier.minQuantity, 1, MAX_LICENSES);
      const unitAmount = parseMoney(tier.unitAmount, moneyCurrency);
      if (minQuantity === null) errors[`${path}.minQuantity`] = "operator.prices.errors.minQuantity";
      else if (tierIndex === 0 && minQuantity !== 1) errors[`${path}.minQuantity`] = "operator.prices.errors.firstTier";
      else if (tierIndex > 0 && minQuantity <= previous) errors[`${path}.minQuantity`] = "operator.prices.errors.tierOrder";
      if (minQuantity !== null) previous = minQuantity;
      if (unitAmount === null || unitAmount > MAX_AMOUNT) errors[`${path}.unitAmount`] = "operator.prices.errors.amount";
      return { minQuantity: minQuantity ?? 0, unitAmount: unitAmount ?? 0 };
    });
    return { productId: entry.productId, term: entry.term, supportPlan: entry.supportPlan, tiers };
  });

  if (Object.keys(errors).length > 0) return { body: null, errors };
  return {
    body: {
      currency,
      defaultTax: { rateBp: defaultRate ?? 0, name: form.defaultTaxName.trim() },
      taxRates,
      prices,
    },
    errors,
  };
}

/** problem+json `errors` ("body.prices.0.tiers.1.unitAmount") as form paths, with the server's sentences. */
export function serverErrors(fieldErrors: Array<{ field: string; message: string }>): PriceListErrors {
  const errors: PriceListErrors = {};
  for (const { field, message } of fieldErrors) {
    const path = field.replace(/^body\./, "");
    errors[path] ??= message;
  }
  return errors;
}
