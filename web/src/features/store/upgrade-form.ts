import type { SubscriptionSummary } from "../licensing/api.ts";

/**
 * Buy More Licenses: which subscriptions can take more licenses (prepaid subscriptions
 * that have not expired; the server also checks that they were bought online), and the
 * new total the buyer types. Pure, so it is unit-tested.
 */
export const MAX_TOTAL = 1_000_000;

export function canBuyMore(subscription: Pick<SubscriptionSummary, "licenseType" | "salesChannel" | "status">): boolean {
  return (
    subscription.licenseType === "subscription" &&
    subscription.salesChannel === "online" &&
    (subscription.status === "active" || subscription.status === "expiring_soon")
  );
}

/** The new total as a number, or an i18n key saying what is wrong with it. */
export function checkNewTotal(text: string, currentTotal: number): { total: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: "store.buyMore.errors.totalRequired" };
  if (!/^\d{1,7}$/.test(trimmed)) return { error: "store.buyMore.errors.totalWhole" };
  const total = Number(trimmed);
  if (total <= currentTotal) return { error: "store.buyMore.errors.totalNotHigher" };
  if (total > MAX_TOTAL) return { error: "store.buyMore.errors.totalTooHigh" };
  return { total };
}
