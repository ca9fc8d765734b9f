import type { Kysely, Transaction } from "kysely";
import type { Quote, UpgradeQuote } from "../../../contracts/store.ts";
import { MAX_AMOUNT, MAX_LICENSES_PER_ORDER, type PurchaseSelection, type UpgradeSelection } from "../../../contracts/store.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";
import { findAccountSubscription, type SubscriptionRow } from "../licensing/licensing.repo.ts";
import { subscriptionStatus } from "../licensing/subscription-status.ts";
import type { NewOrderLine } from "./orders.repo.ts";
import { findTiers, readStoreSettings, taxFor } from "./price-list.repo.ts";
import { periodEnd, periodEndingAt, prorate, totals, unitPriceFor } from "./pricing.ts";

type Executor = Kysely<DB> | Transaction<DB>;

/** A priced order, before it is stored: what a quote shows and what checkout writes. */
export type PricedOrder = {
  kind: "purchase" | "upgrade";
  productId: string;
  productName: string;
  subscriptionId: string | null;
  term: SubscriptionTerm;
  supportPlan: "standard" | "premium";
  quantity: number;
  previousQuantity: number | null;
  currency: string;
  lines: NewOrderLine[];
  subtotal: number;
  tax: { name: string; rateBp: number; amount: number };
  total: number;
  periodStartsAt: Date;
  periodEndsAt: Date;
  renewsAt: Date;
  renewalAmount: number;
  autoRenews: boolean;
  proration: { remainingDays: number; periodDays: number } | null;
};
type SubscriptionTerm = "1m" | "1y" | "2y" | "3y";

const TERM_WORDS: Record<SubscriptionTerm, string> = { "1m": "1 month", "1y": "1 year", "2y": "2 years", "3y": "3 years" };
const PLAN_WORDS = { standard: "Standard support", premium: "Premium support" } as const;

const offerNotAvailable = () =>
  new AppError(400, "OFFER_NOT_AVAILABLE", "This product is not sold with this term and support plan.", {
    errors: [{ field: "term", message: "Choose a term and support plan from the price list." }],
  });

const tooLarge = () =>
  new AppError(400, "AMOUNT_TOO_LARGE", "This order is larger than the store can take online. Contact sales for a quote.");

/** Who to ask, from the subscription's contract fields: "Jane Doe (jane@reseller.example)". */
function contactOf(s: Pick<SubscriptionRow, "contactName" | "contactEmail">): string | null {
  if (s.contactName && s.contactEmail) return `${s.contactName} (${s.contactEmail})`;
  return s.contactName ?? s.contactEmail ?? null;
}

/**
 * Why licenses cannot be added to this subscription online right now, or null. Checked
 * for the quote, again when the order is placed, and once more (under the subscription's
 * lock) when the payment is confirmed.
 */
export function upgradeBlocker(s: SubscriptionRow, now: Date): AppError | null {
  if (s.salesChannel !== "online") {
    const contact = contactOf(s);
    const message =
      s.salesChannel === "reseller"
        ? `This subscription was bought through ${s.resellerName ?? "a reseller"}. To add licenses, contact ${contact ?? "your reseller"}.`
        : `This subscription was bought from our sales team. To add licenses, contact ${contact ?? "your sales contact"}.`;
    return new AppError(409, "CONTACT_SELLER", message);
  }
  if (s.licenseType !== "subscription" || !s.term || !s.expiresAt) {
    return new AppError(409, "UPGRADE_NOT_AVAILABLE", "Licenses can be added online only to subscriptions bought in the store.");
  }
  const status = subscriptionStatus(s, now);
  if (status === "suspended") {
    return new AppError(409, "SUBSCRIPTION_SUSPENDED", "This subscription is suspended; licenses cannot be added to it.");
  }
  if (s.canceledAt || status === "grace" || status === "expired") {
    return new AppError(
      409,
      "SUBSCRIPTION_EXPIRED",
      "This subscription has expired; licenses cannot be added to it. Buy a new one.",
    );
  }
  return null;
}

async function productName(executor: Executor, productId: string): Promise<string> {
  const product = await executor.selectFrom("products").select("name").where("id", "=", productId).executeTakeFirst();
  if (!product) {
    throw new AppError(400, "VALIDATION_FAILED", "No such product.", {
      errors: [{ field: "productId", message: "Choose a product." }],
    });
  }
  return product.name;
}

export async function pricePurchase(
  db: Executor,
  accountId: string,
  selection: PurchaseSelection,
  now: Date,
): Promise<PricedOrder> {
  const name = await productName(db, selection.productId);
  const [tiers, settings, tax] = await Promise.all([
    findTiers(db, selection.productId, selection.term, selection.supportPlan),
    readStoreSettings(db),
    taxFor(db, accountId),
  ]);
  const unit = unitPriceFor(tiers, selection.quantity);
  if (unit === undefined) throw offerNotAvailable();
  const subtotal = unit * selection.quantity;
  if (subtotal > MAX_AMOUNT) throw tooLarge();
  const money = totals(subtotal, tax.rateBp);
  const end = periodEnd(now, selection.term, 1);
  return {
    kind: "purchase",
    productId: selection.productId,
    productName: name,
    subscriptionId: null,
    term: selection.term,
    supportPlan: selection.supportPlan,
    quantity: selection.quantity,
    previousQuantity: null,
    currency: settings.currency,
    lines: [
      {
        description: `${name}: ${TERM_WORDS[selection.term]}, ${PLAN_WORDS[selection.supportPlan]}`,
        quantity: selection.quantity,
        unitAmount: unit,
        amount: subtotal,
        periodStartsAt: now,
        periodEndsAt: end,
      },
    ],
    subtotal,
    tax: { name: tax.name, rateBp: tax.rateBp, amount: money.tax },
    total: money.total,
    periodStartsAt: now,
    periodEndsAt: end,
    renewsAt: end,
    renewalAmount: money.total,
    autoRenews: true,
    proration: null,
  };
}

/** The account's subscription, if it may have licenses added now (else the reason, as an AppError). */
export async function upgradableSubscription(executor: Executor, accountId: string, subscriptionId: string, now: Date) {
  const s = await findAccountSubscription(executor, accountId, subscriptionId);
  if (!s) throw new AppError(404, "SUBSCRIPTION_NOT_FOUND", "No such subscription in this account.");
  const blocker = upgradeBlocker(s, now);
  if (blocker) throw blocker;
  return s as SubscriptionRow & { term: SubscriptionTerm; expiresAt: Date };
}

export async function priceUpgrade(
  executor: Executor,
  accountId: string,
  selection: UpgradeSelection,
  now: Date,
): Promise<PricedOrder> {
  const s = await upgradableSubscription(executor, accountId, selection.subscriptionId, now);
  const added = selection.newTotal - s.totalLicenses;
  if (added <= 0) {
    throw new AppError(400, "NEW_TOTAL_NOT_HIGHER", `Enter a new total above the current ${s.totalLicenses} licenses.`, {
      errors: [{ field: "newTotal", message: `More than ${s.totalLicenses}.` }],
    });
  }
  if (added > MAX_LICENSES_PER_ORDER) {
    throw new AppError(400, "VALIDATION_FAILED", `Add at most ${MAX_LICENSES_PER_ORDER} licenses in one order.`, {
      errors: [{ field: "newTotal", message: `At most ${s.totalLicenses + MAX_LICENSES_PER_ORDER}.` }],
    });
  }
  const [tiers, settings, tax] = await Promise.all([
    findTiers(executor, s.productId, s.term, s.supportPlan),
    readStoreSettings(executor),
    taxFor(executor, accountId),
  ]);
  const unit = unitPriceFor(tiers, selection.newTotal);
  if (unit === undefined) {
    throw new AppError(
      409,
      "OFFER_NOT_AVAILABLE",
      "This subscription's term and support plan are no longer sold online. Contact sales.",
    );
  }
  const period = periodEndingAt(s.billingAnchorAt ?? s.startsAt, s.term, s.expiresAt);
  const { charge, remainingDays, periodDays } = prorate({ added, unitAmount: unit, period, now });
  const renewalSubtotal = unit * selection.newTotal;
  if (charge > MAX_AMOUNT || renewalSubtotal > MAX_AMOUNT) throw tooLarge();
  const money = totals(charge, tax.rateBp);
  return {
    kind: "upgrade",
    productId: s.productId,
    productName: s.productName,
    subscriptionId: s.id,
    term: s.term,
    supportPlan: s.supportPlan,
    quantity: selection.newTotal,
    previousQuantity: s.totalLicenses,
    currency: settings.currency,
    lines: [
      {
        description: `${s.productName}: ${added} additional licenses (${s.totalLicenses} → ${selection.newTotal}), ${PLAN_WORDS[s.supportPlan]}, prorated for ${remainingDays} of ${periodDays} days`,
        quantity: added,
        unitAmount: unit,
        amount: charge,
        periodStartsAt: now,
        periodEndsAt: period.end,
      },
    ],
    subtotal: charge,
    tax: { name: tax.name, rateBp: tax.rateBp, amount: money.tax },
    total: money.total,
    periodStartsAt: now,
    periodEndsAt: period.end,
    renewsAt: s.expiresAt,
    renewalAmount: totals(renewalSubtotal, tax.rateBp).total,
    autoRenews: s.renewalEnabled,
    proration: { remainingDays, periodDays },
  };
}

export function toQuote(p: PricedOrder): Quote {
  return {
    currency: p.currency,
    lines: p.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.amount,
      periodStartsAt: line.periodStartsAt.toISOString(),
      periodEndsAt: line.periodEndsAt.toISOString(),
    })),
    subtotal: p.subtotal,
    tax: p.tax,
    total: p.total,
    renewsAt: p.renewsAt.toISOString(),
    renewalAmount: p.renewalAmount,
    autoRenews: p.autoRenews,
  };
}

export function toUpgradeQuote(p: PricedOrder): UpgradeQuote {
  return {
    ...toQuote(p),
    subscriptionId: p.subscriptionId ?? "",
    currentTotal: p.previousQuantity ?? 0,
    newTotal: p.quantity,
    remainingDays: p.proration?.remainingDays ?? 0,
    periodDays: p.proration?.periodDays ?? 0,
  };
}
