import type { Term } from "../../../contracts/licensing.ts";

/**
 * Store arithmetic: pure functions, no I/O, no clock, no local time zone.
 *
 * Rounding rules (money is always an integer number of minor units; no floats touch it):
 * 1. Volume pricing is all-units: the tier with the largest `minQuantity` not above the
 *    quantity prices every license. A line is `unit × quantity`, exact.
 * 2. Tax is computed once, on the order's subtotal: `round half up(subtotal × rateBp / 10 000)`.
 *    Total = subtotal + tax. A business account pays its Business Profile country's rate;
 *    a personal account (no country), or a country without a rate, pays the default rate.
 * 3. Periods are calendar months in UTC, anchored to the day the subscription was bought
 *    (`billing_anchor_at`), and clamped to the end of short months: the n-th period of a
 *    subscription bought on 31 January with a 1-month term ends on 28 February (29 in leap
 *    years), then on 31 March, then 30 April: always counted from the anchor, never from
 *    the previous end, so one short month does not shift every later date. The time of
 *    day is the anchor's. 12, 24 and 36 months for the 1-, 2- and 3-year terms; an anchor
 *    of 29 February renews on 28 February in common years.
 * 4. Buy More Licenses is prorated by whole days: `periodDays` = days from the current
 *    period's start to its end; `remainingDays` = days from now to the period end, a started
 *    day counting as a whole day (rounded up), at least 1 and at most `periodDays`. So the
 *    last day of a period costs one day's share and never nothing, and the charge never
 *    exceeds a whole period. Charge now = `round half up(added × unit × remainingDays /
 *    periodDays)`, where `unit` is the price at the tier of the NEW total (computed with
 *    BigInt: the product can exceed 2^53). The new renewal amount is `newTotal × unit`
 *    (plus tax by rule 2).
 * 5. Round half up is on non-negative values only: `floor((2 × n + d) / (2 × d))`.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
export const TERM_MONTHS: Record<Term, number> = { "1m": 1, "1y": 12, "2y": 24, "3y": 36 };

export type Tier = { minQuantity: number; unitAmount: number };

/** Round half up of numerator / denominator, for non-negative integers (rule 5). */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError("roundHalfUp takes a non-negative numerator and a positive denominator");
  return (2n * numerator + denominator) / (2n * denominator);
}

/** The price of one license at `quantity` (rule 1); undefined when no tier starts at or below it. */
export function unitPriceFor(tiers: readonly Tier[], quantity: number): number | undefined {
  let best: Tier | undefined;
  for (const tier of tiers) {
    if (tier.minQuantity <= quantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  }
  return best?.unitAmount;
}

/** Tax on a subtotal in basis points (rule 2). */
export function taxOn(subtotal: number, rateBp: number): number {
  return Number(roundHalfUp(BigInt(subtotal) * BigInt(rateBp), 10_000n));
}

export function totals(subtotal: number, rateBp: number) {
  const tax = taxOn(subtotal, rateBp);
  return { subtotal, tax, total: subtotal + tax };
}

function daysInUtcMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** `anchor` plus `months` calendar months in UTC, the day clamped to the target month's last day. */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const monthIndex = anchor.getUTCMonth() + months;
  const year = anchor.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInUtcMonth(year, month));
  return new Date(
    Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()),
  );
}

/** The end of the n-th period (n ≥ 1) of a subscription anchored at `anchor` (rule 3); n = 0 is the anchor. */
export function periodEnd(anchor: Date, term: Term, n: number): Date {
  return addMonthsClamped(anchor, TERM_MONTHS[term] * n);
}

/**
 * The anchored period that ends at `end`: its start is the last period boundary before
 * `end` (the anchor itself for the first period). An `end` off the anchor's grid (an
 * operator moved the expiry by hand) still gets the boundary just before it.
 */
export function periodEndingAt(anchor: Date, term: Term, end: Date): { start: Date; end: Date } {
  if (end <= anchor) return { start: anchor, end };
  // Jump close with whole months, then walk: at most a step or two either way.
  const months = (end.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (end.getUTCMonth() - anchor.getUTCMonth());
  let n = Math.max(0, Math.floor(months / TERM_MONTHS[term]) - 1);
  while (periodEnd(anchor, term, n + 1) < end) n += 1;
  while (n > 0 && periodEnd(anchor, term, n) >= end) n -= 1;
  return { start: periodEnd(anchor, term, n), end };
}

/** Whole days from `from` to `to`, a started day counting as whole (rule 4). */
export function wholeDaysUp(from: Date, to: Date): number {
  return Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
}

export type Proration = { periodDays: number; remainingDays: number; charge: number };

/**
 * The charge now for adding licenses until the period ends (rule 4). `now` must be before
 * `period.end` (an expired subscription cannot be upgraded; the caller checks).
 */
export function prorate(input: { added: number; unitAmount: number; period: { start: Date; end: Date }; now: Date }): Proration {
  const { added, unitAmount, period, now } = input;
  const periodDays = Math.max(1, wholeDaysUp(period.start, period.end));
  const remainingDays = Math.min(periodDays, Math.max(1, wholeDaysUp(now, period.end)));
  const charge = roundHalfUp(BigInt(added) * BigInt(unitAmount) * BigInt(remainingDays), BigInt(periodDays));
  return { periodDays, remainingDays, charge: Number(charge) };
}
