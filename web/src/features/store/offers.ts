import type { SupportPlan, Term } from "../../../../contracts/licensing.ts";
import type { Catalog, PurchaseSelection } from "./api.ts";

/**
 * The purchase form's choices, from the catalog: which terms and support plans have a
 * price for a product, and which volume tier a number of licenses falls in. Pure, so it
 * is unit-tested. The server prices the order; this only explains it.
 */
export const TERM_ORDER: Term[] = ["1m", "1y", "2y", "3y"];
export const PLAN_ORDER: SupportPlan[] = ["standard", "premium"];
export const MAX_LICENSES = 100_000;

type Product = Catalog["products"][number];
type Tier = { minQuantity: number; unitAmount: number };
export type SelectionValues = { productId: string; quantity: string; term: Term; supportPlan: SupportPlan };

export function termsOf(product: Product | undefined): Term[] {
  return TERM_ORDER.filter((term) => product?.offers.some((offer) => offer.term === term));
}

export function plansOf(product: Product | undefined, term: Term): SupportPlan[] {
  return PLAN_ORDER.filter((plan) => product?.offers.some((offer) => offer.term === term && offer.supportPlan === plan));
}

export function tiersOf(product: Product | undefined, term: Term, plan: SupportPlan): Tier[] {
  const offer = product?.offers.find((o) => o.term === term && o.supportPlan === plan);
  return [...(offer?.tiers ?? [])].sort((a, b) => a.minQuantity - b.minQuantity);
}

/** The tier that prices `quantity` (all units at one price), and the next one up, if any. */
export function tierFor(tiers: Tier[], quantity: number): { current: Tier | null; next: Tier | null } {
  let current: Tier | null = null;
  let next: Tier | null = null;
  for (const tier of tiers) {
    if (tier.minQuantity <= quantity) current = tier;
    else if (!next) next = tier;
  }
  return { current, next };
}

/** A whole number of licenses, 1 to MAX_LICENSES; null otherwise. */
export function parseLicenses(text: string, max = MAX_LICENSES): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count >= 1 && count <= max ? count : null;
}

/** Keeps a selection valid when the product or term changes: the first term and plan that have a price. */
export function normalizeSelection(catalog: Catalog, values: SelectionValues): SelectionValues {
  const product = catalog.products.find((p) => p.id === values.productId) ?? catalog.products[0];
  if (!product) return values;
  const terms = termsOf(product);
  const term = terms.includes(values.term) ? values.term : (terms.find((t) => t === "1y") ?? terms[0] ?? values.term);
  const plans = plansOf(product, term);
  const supportPlan = plans.includes(values.supportPlan) ? values.supportPlan : (plans[0] ?? values.supportPlan);
  return { ...values, productId: product.id, term, supportPlan };
}

/** The request for a quote or a checkout; null while the number of licenses is not a valid one. */
export function toSelection(values: SelectionValues): PurchaseSelection | null {
  const quantity = parseLicenses(values.quantity);
  if (quantity === null || !values.productId) return null;
  return { productId: values.productId, quantity, term: values.term, supportPlan: values.supportPlan };
}

export function checkLicenses(text: string): string | undefined {
  if (!text.trim()) return "store.purchase.errors.quantityRequired";
  return parseLicenses(text) === null ? "store.purchase.errors.quantityRange" : undefined;
}
