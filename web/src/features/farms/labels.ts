import type { FarmListQuery, FarmStatus, LicenseState, UsageRange } from "../../../../contracts/farms.ts";

/**
 * i18n keys for the farm enums, in one place. Full literal keys, so
 * web/scripts/check-locales.ts can check them.
 */
export const FARM_STATUS_KEYS: Record<FarmStatus, string> = {
  active: "farms.status.active",
  deactivated: "farms.status.deactivated",
};

export const FARM_STATUS_BADGES: Record<FarmStatus, string> = {
  active: "badge badge-success",
  deactivated: "badge badge-muted",
};

/** What the farm was told at its last report (contracts/farms.ts LICENSE_STATES). */
export const LICENSE_STATE_KEYS: Record<LicenseState, string> = {
  active: "farms.licenseState.active",
  overuse_grace: "farms.licenseState.overuse_grace",
  overuse_deactivated: "farms.licenseState.overuse_deactivated",
  expired_grace: "farms.licenseState.expired_grace",
  expired: "farms.licenseState.expired",
  suspended: "farms.licenseState.suspended",
  deactivated: "farms.licenseState.deactivated",
};

export const LICENSE_STATE_BADGES: Record<LicenseState, string> = {
  active: "badge badge-success",
  overuse_grace: "badge badge-warning",
  overuse_deactivated: "badge badge-danger",
  expired_grace: "badge badge-warning",
  expired: "badge badge-danger",
  suspended: "badge badge-muted",
  deactivated: "badge badge-muted",
};

/** A license state worth a badge next to the farm's status: anything but plain "active" (and "deactivated", which the status already says). */
export function licenseStateNeedsBadge(state: LicenseState): boolean {
  return state !== "active" && state !== "deactivated";
}

export type StatusFilter = FarmListQuery["status"];

/** The Farms drop-down. */
export const STATUS_FILTER_OPTIONS: Array<{ value: StatusFilter; key: string }> = [
  { value: "all", key: "farms.filters.statusAll" },
  { value: "active", key: "farms.filters.statusActive" },
  { value: "deactivated", key: "farms.filters.statusDeactivated" },
];

export function isStatusFilter(value: string | null): value is StatusFilter {
  return STATUS_FILTER_OPTIONS.some((option) => option.value === value);
}

export const USAGE_RANGE_KEYS: Record<UsageRange, string> = {
  "24h": "farms.usage.range24h",
  "30d": "farms.usage.range30d",
  "12m": "farms.usage.range12m",
};
