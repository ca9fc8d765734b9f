import { maskKey } from "../../../contracts/license-key-format.ts";
import type { LicenseKeyView, SubscriptionDetails, SubscriptionSummary } from "../../../contracts/licensing.ts";
import type { LicenseKeyCrypto } from "./license-key-crypto.ts";
import type { KeyRow, SubscriptionRow, SubscriptionSummaryRow } from "./licensing.repo.ts";
import { daysLeft, subscriptionStatus } from "./subscription-status.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(s: SubscriptionSummaryRow, now: Date): SubscriptionSummary {
  return {
    id: s.id,
    displayName: s.displayName,
    product: { id: s.productId, code: s.productCode, name: s.productName },
    licenseType: s.licenseType,
    salesChannel: s.salesChannel,
    status: subscriptionStatus(s, now),
    totalLicenses: s.totalLicenses,
    expiresAt: iso(s.expiresAt),
    daysLeft: daysLeft(s.expiresAt, now),
  };
}

/** An additional key's expiry: the subscription's, or its own date (never later). */
export function keyExpiry(
  key: Pick<KeyRow, "kind" | "renewWithSubscription" | "customExpiresAt">,
  s: SubscriptionRow,
): Date | null {
  if (key.kind === "primary" || key.renewWithSubscription || !key.customExpiresAt) return s.expiresAt;
  return s.expiresAt && key.customExpiresAt > s.expiresAt ? s.expiresAt : key.customExpiresAt;
}

export function toKeyView(
  key: KeyRow,
  s: SubscriptionRow,
  context: {
    available: number;
    canManage: boolean;
    reveal: boolean;
    crypto: LicenseKeyCrypto;
    administrators: LicenseKeyView["administrators"];
  },
): LicenseKeyView {
  const showClear = context.canManage && context.reveal;
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    key: showClear ? context.crypto.decrypt(key.keyCiphertext) : maskKey(key.keyTail),
    isMasked: !showClear,
    licenses: key.kind === "primary" ? context.available : (key.licenses ?? 0),
    maxUsersPerFarm: key.maxUsersPerFarm,
    renewWithSubscription: key.kind === "primary" ? true : key.renewWithSubscription,
    expiresAt: iso(keyExpiry(key, s)),
    administrators: context.administrators,
    canManage: context.canManage,
  };
}

export function toDetails(
  s: SubscriptionRow,
  now: Date,
  parts: Pick<SubscriptionDetails, "keys" | "canManageSubscription" | "canCreateKeys"> & { reserved: number; inUseNow: number },
): SubscriptionDetails {
  return {
    ...toSummary(s, now),
    activatedAt: iso(s.activatedAt),
    startsAt: s.startsAt.toISOString(),
    term: s.term,
    renewalEnabled: s.renewalEnabled,
    paymentGraceEndsAt: iso(s.paymentGraceEndsAt),
    supportPlan: s.supportPlan,
    maintenanceExpiresAt: iso(s.maintenanceExpiresAt),
    suspended: s.suspendedAt !== null,
    contract: {
      salesChannel: s.salesChannel,
      resellerName: s.resellerName,
      contactName: s.contactName,
      contactEmail: s.contactEmail,
    },
    licenses: {
      total: s.totalLicenses,
      reservedInAdditionalKeys: parts.reserved,
      availableInMainPool: Math.max(0, s.totalLicenses - parts.reserved),
      inUseNow: parts.inUseNow,
    },
    keys: parts.keys,
    canManageSubscription: parts.canManageSubscription,
    canCreateKeys: parts.canCreateKeys,
  };
}
