import {
  CHECK_IN_INTERVAL_SECONDS,
  type FarmLicense,
  type FarmLicenseResponse,
  type LicenseState,
} from "../../../contracts/farms.ts";
import { maskKey } from "../../../contracts/license-key-format.ts";
import type { LicenseKeyCrypto } from "../licensing/license-key-crypto.ts";
import { type CertificateSigner, keyDigest } from "./certificates.ts";
import { type FarmContext, type KeyState, termsOf } from "./farms.repo.ts";
import { type Evaluation, evaluate } from "./license-state.ts";

/**
 * How long a certificate lets a farm run without reaching the portal. Long enough to
 * ride out a network outage or a portal upgrade; short enough that a deactivated or
 * expired farm stops within days even if it never checks in again.
 */
export const CERTIFICATE_VALIDITY_MS = 72 * 60 * 60 * 1000;

const days = (n: number | null) => (n === 1 ? "1 more day" : `${n ?? 0} more days`);

/** The sentence a farm's console shows for a state (the farm API speaks English; `code` is what programs read). */
export function licenseMessage(state: LicenseState, daysLeft: number | null, usage: { inUse: number; limit: number }): string {
  const over = `${usage.inUse} users are connected and the license allows ${usage.limit}`;
  switch (state) {
    case "active":
      return "The license is active.";
    case "overuse_grace":
      return `${over}. The farm keeps working for ${days(daysLeft)} of the overuse grace period; add licenses or reduce the number of users.`;
    case "overuse_deactivated":
      return `${over}, and the overuse grace period has ended. The farm is deactivated until users are at or under the limit, or licenses are added.`;
    case "expired_grace":
      return `The subscription has expired. The farm keeps working for ${days(daysLeft)}; renew the subscription to keep it running.`;
    case "expired":
      return "The license has expired. Renew the subscription to use this farm.";
    case "suspended":
      return "The license has been suspended. Contact the vendor's support.";
    case "deactivated":
      return "This farm has been deactivated. Activate it again with your account's email, password and license key.";
  }
}

type Deps = { signer: CertificateSigner; crypto: LicenseKeyCrypto };

/**
 * The rules applied to one farm with `farmUsers` on it, given the key's state (its grace
 * record and the users on its other farms): what a report, a repeat or an activation is told.
 */
export function evaluateFarm(c: FarmContext, farmUsers: number, { grace, others }: KeyState, now: Date, deactivated = false) {
  const terms = termsOf(c);
  const evaluation = evaluate({
    now,
    farmDeactivated: deactivated,
    terms,
    usage: {
      pooledUsers: others.users + farmUsers,
      farmUsers,
      anyFarmOverCap: terms.maxUsersPerFarm !== null && others.top > terms.maxUsersPerFarm,
    },
    grace,
  });
  return { evaluation, pooled: others.users + farmUsers, terms };
}

/**
 * SHA-256 of each key, remembered by key id: a key never changes, and decrypting it for
 * every check-in only to hash it again was measurable. Bounded: cleared when full.
 */
const digests = new Map<string, string>();
const MAX_DIGESTS = 200_000;
function digestOf(crypto: LicenseKeyCrypto, c: FarmContext): string {
  let digest = digests.get(c.keyId);
  if (!digest) {
    digest = keyDigest(crypto.decrypt(c.keyCiphertext));
    if (digests.size >= MAX_DIGESTS) digests.clear();
    digests.set(c.keyId, digest);
  }
  return digest;
}

/** The license part of a farm's answer, and the certificate that vouches for it. */
export async function farmAnswer(
  { signer, crypto }: Deps,
  c: FarmContext,
  evaluation: Evaluation,
  extra: { inUse: number; now: Date; sequence: number; replayed: boolean; name?: string },
): Promise<FarmLicenseResponse> {
  const terms = termsOf(c);
  const usage = { inUse: extra.inUse, limit: terms.limit };
  const license: FarmLicense = {
    state: evaluation.state,
    message: licenseMessage(evaluation.state, evaluation.daysLeft, usage),
    daysLeft: evaluation.daysLeft,
    notices: evaluation.notices.map((n) => ({ ...n, message: licenseMessage(n.code, n.daysLeft, usage) })),
    licenseType: c.licenseType,
    maskedKey: maskKey(c.keyTail),
    concurrentUsers: { limit: terms.limit, inUse: extra.inUse, maxPerFarm: terms.maxUsersPerFarm },
    expiresAt: terms.expiresAt?.toISOString() ?? null,
  };
  const certificate = await signer.sign({
    v: 1,
    farmId: c.farmId,
    farmUid: c.farmUid,
    serverId: c.serverId,
    accountId: c.accountId,
    keyId: c.keyId,
    keyDigest: digestOf(crypto, c),
    maskedKey: license.maskedKey,
    licenseType: c.licenseType,
    state: evaluation.state,
    limits: { concurrentUsers: terms.limit, maxUsersPerFarm: terms.maxUsersPerFarm },
    expiresAt: license.expiresAt,
    graceEndsAt: evaluation.state === "overuse_grace" ? (evaluation.grace.endsAt?.toISOString() ?? null) : null,
    issuedAt: extra.now.toISOString(),
    notAfter: new Date(extra.now.getTime() + CERTIFICATE_VALIDITY_MS).toISOString(),
  });
  return {
    farm: { id: c.farmId, name: extra.name ?? c.name },
    license,
    certificate,
    sequence: extra.sequence,
    replayed: extra.replayed,
    nextCheckInSeconds: CHECK_IN_INTERVAL_SECONDS,
  };
}
