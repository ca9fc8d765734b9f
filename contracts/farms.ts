import { z } from "zod";

/**
 * Farms: installations of the vendor's server product that activate against a license
 * key and report concurrent users.
 * - The farm API (machines) lives under /api/farm/v1/… and is versioned: a farm in
 *   the field keeps working when the portal is upgraded.
 * - The portal API (people) lives under /api/accounts/:accountId/farms/….
 */

/** How often a farm checks in, and what the certificate it gets back is good for. */
export const CHECK_IN_INTERVAL_SECONDS = 20 * 60;

export const LICENSE_STATES = [
  "active",
  "overuse_grace",
  "overuse_deactivated",
  "expired_grace",
  "expired",
  "suspended",
  "deactivated",
] as const;
export const LicenseState = z.enum(LICENSE_STATES);
export type LicenseState = z.infer<typeof LicenseState>;

/** Every condition that applies, not only the one that decides the state (Keygen returns one code; a farm admin wants all). */
export const LicenseNotice = z.object({
  code: LicenseState,
  message: z.string(),
  daysLeft: z.number().int().nullable(),
});
export type LicenseNotice = z.infer<typeof LicenseNotice>;

export const FarmLicense = z.object({
  state: LicenseState,
  /** A human sentence for the farm's console, e.g. "Your license is over its limit: 3 days left in the grace period." */
  message: z.string(),
  /** Days left in a grace period (overuse or expiry); null otherwise. */
  daysLeft: z.number().int().nullable(),
  notices: z.array(LicenseNotice),
  licenseType: z.enum(["subscription", "trial", "nfr", "permanent"]),
  /** The key as the farm console shows it: all but its last group masked. */
  maskedKey: z.string(),
  concurrentUsers: z.object({
    /** Licensed concurrent users for this key, pooled across all its farms. */
    limit: z.number().int(),
    /** Users on all of this key's reporting farms right now. */
    inUse: z.number().int(),
    maxPerFarm: z.number().int().nullable(),
  }),
  expiresAt: z.iso.datetime().nullable(),
});
export type FarmLicense = z.infer<typeof FarmLicense>;

/**
 * An Ed25519 signature over `payload` (base64url of UTF-8 JSON, see CertificateClaims).
 * Verify with the public key published at /.well-known/license-portal/keys.json (JWKS)
 * or /.well-known/license-portal/signing-key.pem, with nothing but node:crypto.
 */
export const SignedCertificate = z.object({
  alg: z.literal("EdDSA"),
  kid: z.string(),
  payload: z.string(),
  signature: z.string(),
});
export type SignedCertificate = z.infer<typeof SignedCertificate>;

/** What a certificate asserts. `notAfter` bounds how long a farm may run on it without reaching the portal. */
export type CertificateClaims = {
  v: 1;
  farmId: string;
  farmUid: string;
  serverId: string;
  accountId: string;
  keyId: string;
  /** SHA-256 (hex) of the canonical key, so a farm can check that the certificate is for its key without the key being in it. */
  keyDigest: string;
  maskedKey: string;
  licenseType: string;
  state: LicenseState;
  limits: { concurrentUsers: number; maxUsersPerFarm: number | null };
  expiresAt: string | null;
  graceEndsAt: string | null;
  issuedAt: string;
  notAfter: string;
};

const FARM_TEXT = /^[\x20-\x7E\u00A0-\uFFFF]*$/;
const farmText = (max: number) => z.string().trim().min(1).max(max).regex(FARM_TEXT, "Use printable characters only.");

export const ActivateBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
  /** The current code from the authenticator app, for people who use two-step verification. */
  otp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from the authenticator app.")
    .optional(),
  /** Omit for a 30-day trial (once per account). */
  key: z.string().trim().min(1).max(64).optional(),
  /** Trial only: the account the trial belongs to (default: the person's personal account). */
  accountId: z.string().min(1).max(64).optional(),
  farmId: farmText(128),
  serverId: farmText(128),
  appVersion: farmText(64),
  farmName: farmText(120),
});
export type ActivateBody = z.infer<typeof ActivateBody>;

export const CheckInBody = z
  .strictObject({
    /** Strictly increasing per activation: a repeat of the last one is answered again, an older one is refused. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    currentUsers: z.number().int().min(0).max(10_000_000),
    /** The most users at any moment since the previous report. */
    peakUsers: z.number().int().min(0).max(10_000_000),
    appVersion: farmText(64).optional(),
  })
  .refine((b) => b.peakUsers >= b.currentUsers, {
    path: ["peakUsers"],
    message: "The peak since the last report cannot be lower than the current users.",
  });
export type CheckInBody = z.infer<typeof CheckInBody>;

export const FarmLicenseResponse = z.object({
  farm: z.object({ id: z.string(), name: z.string() }),
  license: FarmLicense,
  certificate: SignedCertificate,
  /** The last report sequence the portal has accepted (0 right after activation). */
  sequence: z.number().int(),
  /** True when this answers a repeat of the last report, which was not counted again. */
  replayed: z.boolean(),
  nextCheckInSeconds: z.number().int(),
});
export type FarmLicenseResponse = z.infer<typeof FarmLicenseResponse>;

export const ActivateResponse = FarmLicenseResponse.extend({
  /** Send as `Authorization: Bearer …` on check-ins. Shown once; the portal keeps only its hash. */
  farmCredential: z.string(),
});
export type ActivateResponse = z.infer<typeof ActivateResponse>;

export const DeactivateResponse = z.object({ farm: z.object({ id: z.string() }), state: z.literal("deactivated") });

export const JsonWebKeySet = z.object({
  keys: z.array(
    z.object({
      kty: z.literal("OKP"),
      crv: z.literal("Ed25519"),
      x: z.string(),
      kid: z.string(),
      use: z.literal("sig"),
      alg: z.literal("EdDSA"),
    }),
  ),
});

// ---- Portal: Manage Farms ----

const id = z.string().min(1).max(64);
export const FarmParams = z.strictObject({ accountId: id, farmId: id });

export const FarmStatus = z.enum(["active", "deactivated"]);
export type FarmStatus = z.infer<typeof FarmStatus>;

export const FarmView = z.object({
  id: z.string(),
  name: z.string(),
  status: FarmStatus,
  /** What the farm was told at its last report (or activation). */
  licenseState: LicenseState,
  /** Days left in the overuse or expiry grace that licenseState names; null otherwise. */
  licenseDaysLeft: z.number().int().nullable(),
  farmUid: z.string(),
  serverId: z.string(),
  appVersion: z.string(),
  activatedAt: z.iso.datetime(),
  lastReportAt: z.iso.datetime().nullable(),
  currentUsers: z.number().int(),
  peakUsers: z.number().int(),
  subscriptionId: z.string(),
  subscriptionName: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  maskedKey: z.string(),
  notes: z.string(),
  deactivatedAt: z.iso.datetime().nullable(),
});
export type FarmView = z.infer<typeof FarmView>;

export const FarmListQuery = z.strictObject({
  status: z.enum(["all", "active", "deactivated"]).default("all"),
  subscriptionId: id.optional(),
  keyId: id.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type FarmListQuery = z.infer<typeof FarmListQuery>;
export const FarmPage = z.object({ items: z.array(FarmView), nextCursor: z.string().nullable() });
export type FarmPage = z.infer<typeof FarmPage>;

export const UpdateFarmBody = z.strictObject({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.").optional(),
  notes: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
});
export type UpdateFarmBody = z.infer<typeof UpdateFarmBody>;

export const DeactivateFarmsBody = z.strictObject({ farmIds: z.array(id).min(1).max(500) });
export const DeactivateFarmsResult = z.object({ deactivated: z.array(z.string()), alreadyDeactivated: z.array(z.string()) });

export const USAGE_RANGES = ["24h", "30d", "12m"] as const;
export const UsageRange = z.enum(USAGE_RANGES);
export type UsageRange = z.infer<typeof UsageRange>;
export const KeyUsageParams = z.strictObject({ accountId: id, keyId: id });
export const UsageQuery = z.strictObject({ range: UsageRange.default("24h") });

/** One bucket of a usage chart: the most concurrent users seen in it and the licensed limit then. */
export const UsagePoint = z.object({ at: z.iso.datetime(), maxUsers: z.number().int(), limit: z.number().int() });
export const UsageSeries = z.object({
  range: UsageRange,
  bucket: z.enum(["hour", "day"]),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  limit: z.number().int(),
  points: z.array(UsagePoint),
  /** Overuse periods to shade: when the key was over its limit. `endedAt` null = still over. */
  overuse: z.array(
    z.object({
      startedAt: z.iso.datetime(),
      endedAt: z.iso.datetime().nullable(),
      peakUsers: z.number().int(),
      limit: z.number().int(),
    }),
  ),
});
export type UsageSeries = z.infer<typeof UsageSeries>;
