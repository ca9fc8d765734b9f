import { z } from "zod";

/**
 * Licensing: products, subscriptions, license keys and License Administrators.
 * Customer routes live under /api/accounts/:accountId/…; operator routes under
 * /api/operator/…. Licenses count concurrent users.
 */

const id = z.string().min(1).max(64);
export const SubscriptionParams = z.strictObject({ accountId: id, subscriptionId: id });
export const KeyParams = z.strictObject({ accountId: id, subscriptionId: id, keyId: id });

export const LICENSE_TYPES = ["subscription", "trial", "nfr", "permanent"] as const;
export const LicenseType = z.enum(LICENSE_TYPES);
export type LicenseType = z.infer<typeof LicenseType>;
/** Prepaid subscription terms; the 1-month term is sold online only. */
export const TERMS = ["1m", "1y", "2y", "3y"] as const;
export const Term = z.enum(TERMS);
export type Term = z.infer<typeof Term>;
export const SupportPlan = z.enum(["standard", "premium"]);
export type SupportPlan = z.infer<typeof SupportPlan>;
export const SalesChannel = z.enum(["online", "reseller", "direct"]);
export type SalesChannel = z.infer<typeof SalesChannel>;

/** Shown statuses. "expiring_soon" = 30 days or less left; "grace" = up to 30 days after expiry. */
export const SubscriptionStatus = z.enum(["active", "expiring_soon", "grace", "expired", "suspended"]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const Product = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type Product = z.infer<typeof Product>;

export const ContractDetails = z.object({
  salesChannel: SalesChannel,
  /** Reseller company, or null for online and direct sales. */
  resellerName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
});
export type ContractDetails = z.infer<typeof ContractDetails>;

export const SubscriptionSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  product: Product,
  licenseType: LicenseType,
  /** Online subscriptions can take more licenses in the store; the others go through their seller. */
  salesChannel: SalesChannel,
  status: SubscriptionStatus,
  totalLicenses: z.number().int(),
  expiresAt: z.iso.datetime().nullable(),
  /** Days to expiry (negative once expired); null for permanent licenses. */
  daysLeft: z.number().int().nullable(),
});
export type SubscriptionSummary = z.infer<typeof SubscriptionSummary>;

export const DISPLAY_FILTERS = ["all", "active", "expiring_soon", "grace", "expired"] as const;
export const SubscriptionListQuery = z.strictObject({
  display: z.enum(DISPLAY_FILTERS).default("all"),
  sort: z.enum(["name", "-name", "expires", "-expires", "licenses", "-licenses"]).default("name"),
  productId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type SubscriptionListQuery = z.infer<typeof SubscriptionListQuery>;
export const SubscriptionPage = z.object({ items: z.array(SubscriptionSummary), nextCursor: z.string().nullable() });
export type SubscriptionPage = z.infer<typeof SubscriptionPage>;

/** A card per product on the Dashboard. */
export const ProductCard = z.object({
  product: Product,
  active: z.number().int(),
  expiringSoon: z.number().int(),
  grace: z.number().int(),
  expired: z.number().int(),
  suspended: z.number().int(),
  totalLicenses: z.number().int(),
});
export const DashboardSummary = z.object({ cards: z.array(ProductCard) });
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const LicenseKeyView = z.object({
  id: z.string(),
  kind: z.enum(["primary", "additional"]),
  name: z.string(),
  /** Masked unless the caller may manage this key (e.g. "****-****-****-****-****-7KQ2MX"). */
  key: z.string(),
  isMasked: z.boolean(),
  /** Additional keys: licenses reserved from the pool. Primary: what is left in the pool. */
  licenses: z.number().int(),
  maxUsersPerFarm: z.number().int().nullable(),
  renewWithSubscription: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
  administrators: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
  canManage: z.boolean(),
});
export type LicenseKeyView = z.infer<typeof LicenseKeyView>;

export const SubscriptionDetails = SubscriptionSummary.extend({
  activatedAt: z.iso.datetime().nullable(),
  startsAt: z.iso.datetime(),
  term: Term.nullable(),
  renewalEnabled: z.boolean(),
  /**
   * Online subscriptions only: set while a failed renewal payment is being retried (the
   * 7-day payment grace); the subscription stays usable until then.
   */
  paymentGraceEndsAt: z.iso.datetime().nullable(),
  supportPlan: SupportPlan,
  maintenanceExpiresAt: z.iso.datetime().nullable(),
  suspended: z.boolean(),
  contract: ContractDetails,
  licenses: z.object({
    total: z.number().int(),
    reservedInAdditionalKeys: z.number().int(),
    availableInMainPool: z.number().int(),
    /** Users on the (visible) keys' farms that reported in the last hour. */
    inUseNow: z.number().int().nullable(),
  }),
  keys: z.array(LicenseKeyView),
  /** What the caller may do here. */
  canManageSubscription: z.boolean(),
  canCreateKeys: z.boolean(),
});
export type SubscriptionDetails = z.infer<typeof SubscriptionDetails>;

export const UpdateSubscriptionBody = z.strictObject({
  displayName: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.").optional(),
  renewalEnabled: z.boolean().optional(),
});

/** Register a subscription with its key (as printed, any case, with or without dashes). */
export const RegisterKeyBody = z.strictObject({ key: z.string().trim().min(1).max(64) });

export const KeyBody = z.strictObject({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  licenses: z.number().int().min(1, "Reserve at least 1 license.").max(1_000_000),
  maxUsersPerFarm: z.number().int().min(1).max(1_000_000).nullable().default(null),
  /** true: "Renew with Subscription"; false: expires on customExpiresAt (no later than the subscription). */
  renewWithSubscription: z.boolean().default(true),
  customExpiresAt: z.iso.datetime().nullable().default(null),
});
export type KeyBody = z.infer<typeof KeyBody>;
export const PrimaryKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  maxUsersPerFarm: z.number().int().min(1).max(1_000_000).nullable().optional(),
});

export const KeyAdministratorsBody = z.strictObject({ userIds: z.array(z.string().max(64)).max(200) });

// ---- Operator console ----

/** Operators keep the catalogue: a product's code is permanent (it appears in keys' records and reports); its name can change. */
export const ProductBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2)
    .max(32)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lowercase letters, digits and dashes."),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
});
export const ProductRenameBody = z.strictObject({ name: ProductBody.shape.name });
export const ProductParams = z.strictObject({ productId: id });

export const OperatorSearchQuery = z.strictObject({ q: z.string().trim().min(1).max(100) });
export const OperatorSearchResult = z.object({
  accounts: z.array(
    z.object({ id: z.string(), kind: z.enum(["personal", "business"]), name: z.string(), admins: z.array(z.string()) }),
  ),
  people: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), personalAccountId: z.string().nullable() }),
  ),
});

export const IssueSubscriptionBody = z
  .strictObject({
    productId: z.string().max(64),
    licenseType: LicenseType,
    term: Term.nullable().default(null),
    licenses: z.number().int().min(1).max(1_000_000),
    supportPlan: SupportPlan,
    salesChannel: SalesChannel,
    resellerName: z.string().trim().max(200).nullable().default(null),
    contactName: z.string().trim().max(200).nullable().default(null),
    contactEmail: z.email().max(254).nullable().default(null),
    /** Permanent licenses: months of maintenance & support included (default 12). */
    maintenanceMonths: z.number().int().min(0).max(120).nullable().default(null),
    /** Straight into this account … */
    accountId: z.string().max(64).nullable().default(null),
    /** … or out as a registration key emailed to the purchaser. */
    purchaserEmail: z.email().max(254).nullable().default(null),
    locale: z.enum(["en", "de", "fr", "es", "it", "ja", "zh", "ru"]).default("en"),
  })
  .refine((b) => (b.accountId === null) !== (b.purchaserEmail === null), {
    path: ["accountId"],
    message: "Choose an account, or enter the purchaser's email for a registration key.",
  })
  .refine((b) => b.licenseType !== "subscription" || b.term !== null, { path: ["term"], message: "Choose a term." })
  .refine((b) => b.term !== "1m" || b.salesChannel === "online", {
    path: ["term"],
    message: "The 1-month term is sold online only.",
  });
export type IssueSubscriptionBody = z.infer<typeof IssueSubscriptionBody>;

export const OperatorSubscriptionParams = z.strictObject({ subscriptionId: id });
export const OperatorSubscriptionView = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  displayName: z.string(),
  product: Product,
  licenseType: LicenseType,
  term: Term.nullable(),
  status: SubscriptionStatus,
  canceled: z.boolean(),
  totalLicenses: z.number().int(),
  reservedInAdditionalKeys: z.number().int(),
  startsAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  maintenanceExpiresAt: z.iso.datetime().nullable(),
  supportPlan: SupportPlan,
  contract: ContractDetails,
  /** Only in the answer to Issue: the Primary Key, once, so the operator can hand it over. Never stored in clear. */
  primaryKey: z.string().nullable(),
});
export type OperatorSubscriptionView = z.infer<typeof OperatorSubscriptionView>;

export const OperatorActionBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("renew"), term: Term }),
  z.strictObject({ action: z.literal("extend"), expiresAt: z.iso.datetime() }),
  z.strictObject({ action: z.literal("set_licenses"), licenses: z.number().int().min(1).max(1_000_000) }),
  z.strictObject({ action: z.literal("suspend"), reason: z.string().trim().max(500).optional() }),
  z.strictObject({ action: z.literal("reinstate") }),
  z.strictObject({ action: z.literal("cancel"), reason: z.string().trim().max(500).optional() }),
]);
export type OperatorActionBody = z.infer<typeof OperatorActionBody>;
