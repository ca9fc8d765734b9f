import type { LicenseType, SalesChannel, SupportPlan, Term } from "../../../../contracts/licensing.ts";
import type { DisplayFilter, SubscriptionSort, SubscriptionStatus } from "./api.ts";

/**
 * i18n keys for the licensing enums, in one place for the customer pages and the
 * operator console. Full literal keys, so web/scripts/check-locales.ts can check them.
 */
export const STATUS_KEYS: Record<SubscriptionStatus, string> = {
  active: "licensing.status.active",
  expiring_soon: "licensing.status.expiring_soon",
  grace: "licensing.status.grace",
  expired: "licensing.status.expired",
  suspended: "licensing.status.suspended",
};

export const STATUS_BADGES: Record<SubscriptionStatus, string> = {
  active: "badge badge-success",
  expiring_soon: "badge badge-warning",
  grace: "badge badge-warning",
  expired: "badge badge-danger",
  suspended: "badge badge-muted",
};

export const LICENSE_TYPE_KEYS: Record<LicenseType, string> = {
  subscription: "licensing.licenseType.subscription",
  trial: "licensing.licenseType.trial",
  nfr: "licensing.licenseType.nfr",
  permanent: "licensing.licenseType.permanent",
};

export const TERM_KEYS: Record<Term, string> = {
  "1m": "licensing.term.1m",
  "1y": "licensing.term.1y",
  "2y": "licensing.term.2y",
  "3y": "licensing.term.3y",
};

export const SUPPORT_PLAN_KEYS: Record<SupportPlan, string> = {
  standard: "licensing.supportPlan.standard",
  premium: "licensing.supportPlan.premium",
};

export const CHANNEL_KEYS: Record<SalesChannel, string> = {
  online: "licensing.channel.online",
  reseller: "licensing.channel.reseller",
  direct: "licensing.channel.direct",
};

/** The Dashboard's Display filter, in the guide's order. */
export const DISPLAY_OPTIONS: Array<{ value: DisplayFilter; key: string }> = [
  { value: "all", key: "licensing.display.all" },
  { value: "active", key: "licensing.display.active" },
  { value: "expiring_soon", key: "licensing.display.expiring_soon" },
  { value: "grace", key: "licensing.display.grace" },
  { value: "expired", key: "licensing.display.expired" },
];

/** Arrange by: each field in both directions. */
export const SORT_OPTIONS: Array<{ value: SubscriptionSort; key: string }> = [
  { value: "name", key: "licensing.arrange.nameAsc" },
  { value: "-name", key: "licensing.arrange.nameDesc" },
  { value: "expires", key: "licensing.arrange.expiresAsc" },
  { value: "-expires", key: "licensing.arrange.expiresDesc" },
  { value: "licenses", key: "licensing.arrange.licensesAsc" },
  { value: "-licenses", key: "licensing.arrange.licensesDesc" },
];

export function isDisplayFilter(value: string): value is DisplayFilter {
  return DISPLAY_OPTIONS.some((option) => option.value === value);
}

export function isSubscriptionSort(value: string): value is SubscriptionSort {
  return SORT_OPTIONS.some((option) => option.value === value);
}
