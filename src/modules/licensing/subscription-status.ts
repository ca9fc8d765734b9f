import type { SubscriptionStatus, Term } from "../../../contracts/licensing.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** "Expiring soon" from this many days before expiry. */
export const EXPIRING_SOON_DAYS = 30;
/** The primary key keeps working this long after expiry (additional keys have no grace). */
export const GRACE_DAYS = 30;
export const TRIAL_DAYS = 30;

export type StatusInput = { expiresAt: Date | null; suspendedAt: Date | null; canceledAt: Date | null };

/** The status shown for a subscription at `now`. Pure, so tests move the clock. */
export function subscriptionStatus(s: StatusInput, now: Date): SubscriptionStatus {
  if (s.suspendedAt) return "suspended";
  if (s.canceledAt) return "expired";
  if (!s.expiresAt) return "active";
  const left = s.expiresAt.getTime() - now.getTime();
  if (left > EXPIRING_SOON_DAYS * DAY_MS) return "active";
  if (left > 0) return "expiring_soon";
  if (-left < GRACE_DAYS * DAY_MS) return "grace";
  return "expired";
}

/** Whole days to expiry, rounded up (negative once expired); null without an expiry. */
export function daysLeft(expiresAt: Date | null, now: Date): number | null {
  if (!expiresAt) return null;
  return Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/** The end of a term started at `from`, in calendar months (so 1 year from 29 Feb lands on 28 Feb or 1 Mar as Date does). */
export function addTerm(from: Date, term: Term): Date {
  const months = { "1m": 1, "1y": 12, "2y": 24, "3y": 36 }[term];
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/**
 * The status boundaries as expiry ranges at `now`, for filtering in SQL:
 * active ⇔ expires_at > soon; expiring soon ⇔ now < expires_at ≤ soon; grace ⇔ graceStart < expires_at ≤ now; expired ⇔ expires_at ≤ graceStart.
 */
export function statusBoundaries(now: Date) {
  return { soon: addDays(now, EXPIRING_SOON_DAYS), graceStart: addDays(now, -GRACE_DAYS) };
}
