import type { LicenseState } from "../../../contracts/farms.ts";

/**
 * The licensing rules a farm lives by, as one pure function of a report, the key and
 * the key's grace record. Pure so that a property test can throw any sequence of
 * reports, purchases and clock moves at it (test/farms/license-state.property.test.ts).
 *
 * Overuse (guide §2.2, KB S3):
 * - The first report over the limit starts a 7-day grace for the key.
 * - Once it has run out, any report over the limit answers `overuse_deactivated` until
 *   a report is back at or under the limit.
 * - The grace is available again only after licenses are added: the key's limit is
 *   higher than when the grace started.
 * "Over" is the key's pooled users above its limit, or this farm above the key's Max
 * Number of Users Per Farm (which deactivates only that farm).
 *
 * Expiry: an expired subscription keeps working for 30 days on its Primary Key only
 * (S12: "grace applies only to the primary key"); trials get no such grace.
 */
export const OVERUSE_GRACE_DAYS = 7;
export const EXPIRY_GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type GraceRecord = { startedAt: Date | null; endsAt: Date | null; limit: number | null };
export const NO_GRACE: GraceRecord = { startedAt: null, endsAt: null, limit: null };

export type KeyTerms = {
  kind: "primary" | "additional";
  licenseType: "subscription" | "trial" | "nfr" | "permanent";
  /** Licensed concurrent users for the key (Primary: what is left in the pool). */
  limit: number;
  maxUsersPerFarm: number | null;
  /** When the key stops working (null: never). Additional keys may expire before their subscription. */
  expiresAt: Date | null;
  suspended: boolean;
  canceled: boolean;
};

export type Usage = {
  /** The key's users across its reporting farms, this report included. */
  pooledUsers: number;
  /** This farm's users. */
  farmUsers: number;
  /** Whether any of the key's farms is above the per-farm cap (a key-level overuse). */
  anyFarmOverCap: boolean;
};

export type Evaluation = {
  state: LicenseState;
  daysLeft: number | null;
  /** Every condition that applies, most severe first. */
  notices: { code: LicenseState; daysLeft: number | null }[];
  /** The key is over (pooled, or some farm above its cap): an overuse episode is under way. */
  keyOver: boolean;
  grace: GraceRecord;
  /** This report started a new grace period. */
  graceStarted: boolean;
};

const daysUntil = (end: Date, now: Date) => Math.max(1, Math.ceil((end.getTime() - now.getTime()) / DAY_MS));

function expiryNotice(terms: KeyTerms, now: Date): Evaluation["notices"][number] | null {
  if (terms.canceled) return { code: "expired", daysLeft: null };
  if (!terms.expiresAt || now < terms.expiresAt) return null;
  const graceEnd = new Date(terms.expiresAt.getTime() + EXPIRY_GRACE_DAYS * DAY_MS);
  const hasGrace = terms.kind === "primary" && terms.licenseType !== "trial";
  if (hasGrace && now < graceEnd) return { code: "expired_grace", daysLeft: daysUntil(graceEnd, now) };
  return { code: "expired", daysLeft: null };
}

/**
 * The grace record after this report, and whether this farm is over. A deactivated,
 * suspended or expired key does not count overuse: its farms are not serving.
 */
function overuse(terms: KeyTerms, usage: Usage, grace: GraceRecord, now: Date) {
  const farmOver = terms.maxUsersPerFarm !== null && usage.farmUsers > terms.maxUsersPerFarm;
  const pooledOver = usage.pooledUsers > terms.limit;
  const keyOver = pooledOver || usage.anyFarmOverCap || farmOver;
  const licensesAdded = grace.limit !== null && terms.limit > grace.limit;
  if (!keyOver) {
    // Under the limit: a grace that licenses were added after is available again.
    return { keyOver, farmOver: false, grace: licensesAdded ? NO_GRACE : grace, graceStarted: false };
  }
  const graceRanOut = grace.endsAt !== null && now >= grace.endsAt;
  if (grace.startedAt === null || (graceRanOut && licensesAdded)) {
    const started = { startedAt: now, endsAt: new Date(now.getTime() + OVERUSE_GRACE_DAYS * DAY_MS), limit: terms.limit };
    return { keyOver, farmOver: pooledOver || farmOver, grace: started, graceStarted: true };
  }
  return { keyOver, farmOver: pooledOver || farmOver, grace, graceStarted: false };
}

export function evaluate(input: {
  now: Date;
  farmDeactivated: boolean;
  terms: KeyTerms;
  usage: Usage;
  grace: GraceRecord;
}): Evaluation {
  const { now, terms, usage, grace } = input;
  const notices: Evaluation["notices"] = [];
  if (input.farmDeactivated) notices.push({ code: "deactivated", daysLeft: null });
  if (terms.suspended) notices.push({ code: "suspended", daysLeft: null });
  const expiry = expiryNotice(terms, now);
  if (expiry?.code === "expired") notices.push(expiry);

  const serving = notices.length === 0;
  const over = serving ? overuse(terms, usage, grace, now) : { keyOver: false, farmOver: false, grace, graceStarted: false };
  if (over.farmOver && over.grace.endsAt) {
    const inGrace = now < over.grace.endsAt;
    notices.push(
      inGrace
        ? { code: "overuse_grace", daysLeft: daysUntil(over.grace.endsAt, now) }
        : { code: "overuse_deactivated", daysLeft: null },
    );
  }
  if (expiry?.code === "expired_grace") notices.push(expiry);
  // Most severe first: the farm acts on the first; the rest are shown alongside.
  notices.sort((a, b) => SEVERITY.indexOf(a.code) - SEVERITY.indexOf(b.code));
  const first = notices[0];
  return {
    state: first?.code ?? "active",
    daysLeft: first?.daysLeft ?? null,
    notices,
    keyOver: over.keyOver,
    grace: over.grace,
    graceStarted: over.graceStarted,
  };
}

const SEVERITY: LicenseState[] = [
  "deactivated",
  "suspended",
  "expired",
  "overuse_deactivated",
  "overuse_grace",
  "expired_grace",
  "active",
];
