import { afterEach, describe, expect, it } from "vitest";
import {
  addMonthsClamped,
  periodEnd,
  periodEndingAt,
  prorate,
  roundHalfUp,
  taxOn,
  totals,
  unitPriceFor,
  wholeDaysUp,
} from "../../src/modules/store/pricing.ts";

/** Store arithmetic (src/modules/store/pricing.ts): pure, so no database; it runs under both engine runs all the same. */

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const TIERS = [
  { minQuantity: 1, unitAmount: 15_000 },
  { minQuantity: 100, unitAmount: 13_500 },
  { minQuantity: 500, unitAmount: 12_000 },
];

describe("volume tiers (all-units)", () => {
  it("prices every license at the tier of the quantity", () => {
    expect(unitPriceFor(TIERS, 1)).toBe(15_000);
    expect(unitPriceFor(TIERS, 99)).toBe(15_000);
    expect(unitPriceFor(TIERS, 100)).toBe(13_500);
    expect(unitPriceFor(TIERS, 499)).toBe(13_500);
    expect(unitPriceFor(TIERS, 500)).toBe(12_000);
    expect(unitPriceFor(TIERS, 100_000)).toBe(12_000);
  });

  it("does not depend on the order of the tiers, and has no price below the first tier", () => {
    expect(unitPriceFor([...TIERS].reverse(), 150)).toBe(13_500);
    expect(unitPriceFor([{ minQuantity: 5, unitAmount: 100 }], 4)).toBeUndefined();
    expect(unitPriceFor([], 1)).toBeUndefined();
  });
});

describe("tax: round half up, once on the subtotal", () => {
  it("rounds half up and only half up", () => {
    expect(taxOn(1_000, 1_950)).toBe(195);
    // 0.5 → 1, 0.4999 → 0, 2.5 → 3 (not banker's rounding)
    expect(taxOn(5, 1_000)).toBe(1);
    expect(taxOn(4_999, 1)).toBe(0);
    expect(taxOn(5_000, 1)).toBe(1);
    expect(taxOn(25, 1_000)).toBe(3);
    expect(taxOn(15, 1_000)).toBe(2);
    expect(taxOn(0, 2_000)).toBe(0);
    expect(taxOn(123_456, 0)).toBe(0);
  });

  it("is exact for amounts beyond 2^53 / 10 000 (BigInt)", () => {
    expect(taxOn(10_000_000_000, 1_999)).toBe(1_999_000_000);
    expect(taxOn(9_999_999_999, 2_500)).toBe(2_500_000_000);
  });

  it("computes the tax once on the order's subtotal, not per line", () => {
    // Two lines of 5 at 10% would round to 1 + 1 = 2; once on the subtotal of 10 it is 1.
    expect(totals(10, 1_000)).toEqual({ subtotal: 10, tax: 1, total: 11 });
    expect(totals(150_000, 1_900)).toEqual({ subtotal: 150_000, tax: 28_500, total: 178_500 });
  });

  it("refuses negative input to rounding", () => {
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => roundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(roundHalfUp(1n, 2n)).toBe(1n);
    expect(roundHalfUp(1n, 3n)).toBe(0n);
    expect(roundHalfUp(2n, 3n)).toBe(1n);
  });
});

describe("anchored periods, clamped to short months", () => {
  it("a 1-month subscription bought on 31 January renews 28 Feb, 31 Mar, 30 Apr (anchored, not chained)", () => {
    const anchor = d("2027-01-31T10:15:30.123Z");
    expect([1, 2, 3, 4, 12].map((n) => iso(periodEnd(anchor, "1m", n)))).toEqual([
      "2027-02-28T10:15:30.123Z",
      "2027-03-31T10:15:30.123Z",
      "2027-04-30T10:15:30.123Z",
      "2027-05-31T10:15:30.123Z",
      "2028-01-31T10:15:30.123Z",
    ]);
  });

  it("in a leap year February has 29 days", () => {
    const anchor = d("2028-01-31T00:00:00.000Z");
    expect(iso(periodEnd(anchor, "1m", 1))).toBe("2028-02-29T00:00:00.000Z");
    expect(iso(periodEnd(anchor, "1m", 2))).toBe("2028-03-31T00:00:00.000Z");
  });

  it("an anchor of 29 February 2028 renews on 28 February in common years and 29 February in leap years", () => {
    const anchor = d("2028-02-29T12:00:00.000Z");
    expect(iso(periodEnd(anchor, "1y", 1))).toBe("2029-02-28T12:00:00.000Z");
    expect(iso(periodEnd(anchor, "2y", 1))).toBe("2030-02-28T12:00:00.000Z");
    expect(iso(periodEnd(anchor, "1y", 4))).toBe("2032-02-29T12:00:00.000Z");
    expect(iso(periodEnd(anchor, "1m", 1))).toBe("2028-03-29T12:00:00.000Z");
    expect(iso(periodEnd(anchor, "3y", 1))).toBe("2031-02-28T12:00:00.000Z");
  });

  it("Date's own month arithmetic would overflow (what addTerm does); ours does not", () => {
    const overflow = new Date(d("2027-01-31T00:00:00.000Z"));
    overflow.setUTCMonth(1);
    expect(iso(overflow)).toBe("2027-03-03T00:00:00.000Z");
    expect(iso(addMonthsClamped(d("2027-01-31T00:00:00.000Z"), 1))).toBe("2027-02-28T00:00:00.000Z");
    expect(iso(addMonthsClamped(d("2027-12-31T00:00:00.000Z"), 2))).toBe("2028-02-29T00:00:00.000Z");
    expect(iso(addMonthsClamped(d("2027-03-31T00:00:00.000Z"), -1))).toBe("2027-02-28T00:00:00.000Z");
  });

  it("finds the anchored period that ends at a given expiry", () => {
    const anchor = d("2027-01-31T08:00:00.000Z");
    expect(periodEndingAt(anchor, "1m", periodEnd(anchor, "1m", 3))).toEqual({
      start: d("2027-03-31T08:00:00.000Z"),
      end: d("2027-04-30T08:00:00.000Z"),
    });
    expect(periodEndingAt(anchor, "1m", periodEnd(anchor, "1m", 1)).start).toEqual(anchor);
    expect(periodEndingAt(anchor, "1y", periodEnd(anchor, "1y", 2)).start).toEqual(d("2028-01-31T08:00:00.000Z"));
    // An expiry an operator moved off the grid: the period starts at the boundary before it.
    expect(periodEndingAt(anchor, "1m", d("2027-03-15T00:00:00.000Z")).start).toEqual(d("2027-02-28T08:00:00.000Z"));
    for (let n = 1; n <= 40; n += 1) {
      const end = periodEnd(anchor, "1m", n);
      expect(periodEndingAt(anchor, "1m", end)).toEqual({ start: periodEnd(anchor, "1m", n - 1), end });
    }
  });
});

describe("proration for Buy More Licenses", () => {
  const yearly = { start: d("2027-03-01T09:00:00.000Z"), end: d("2028-03-01T09:00:00.000Z") };

  it("charges the added licenses at the new total's unit price for the whole days left", () => {
    // 366 days (the period contains 29 Feb 2028); exactly 100 days left from 2027-11-22 09:00, 101 a minute earlier.
    const p = prorate({ added: 10, unitAmount: 13_500, period: yearly, now: d("2027-11-22T09:00:00.000Z") });
    expect(p.periodDays).toBe(366);
    expect(p.remainingDays).toBe(100);
    // 10 × 13 500 × 100 / 366 = 36 885.245… → 36 885
    expect(p.charge).toBe(36_885);
    const earlier = prorate({ added: 10, unitAmount: 13_500, period: yearly, now: d("2027-11-22T08:59:00.000Z") });
    // 10 × 13 500 × 101 / 366 = 37 254.098… → 37 254
    expect(earlier).toMatchObject({ remainingDays: 101, charge: 37_254 });
  });

  it("counts a started day as a whole day, so the last day of a period costs one day, never nothing", () => {
    const lastHour = prorate({ added: 1, unitAmount: 36_600, period: yearly, now: d("2028-03-01T08:00:00.000Z") });
    expect(lastHour).toEqual({ periodDays: 366, remainingDays: 1, charge: 100 });
    const lastMs = prorate({ added: 1, unitAmount: 36_600, period: yearly, now: d("2028-03-01T08:59:59.999Z") });
    expect(lastMs.remainingDays).toBe(1);
    const dayAndABit = prorate({ added: 1, unitAmount: 36_600, period: yearly, now: d("2028-02-29T08:59:59.999Z") });
    expect(dayAndABit.remainingDays).toBe(2);
  });

  it("charges the full period at most, on its first instant", () => {
    const first = prorate({ added: 3, unitAmount: 15_000, period: yearly, now: yearly.start });
    expect(first).toEqual({ periodDays: 366, remainingDays: 366, charge: 45_000 });
  });

  it("rounds the charge half up", () => {
    const feb = { start: d("2027-01-31T00:00:00.000Z"), end: d("2027-02-28T00:00:00.000Z") };
    // 28 days; 1 × 1 500 × 7 / 28 = 375 exactly; × 1 / 28 = 53.57 → 54; 1 × 1 × 14 / 28 = 0.5 → 1; × 13 / 28 = 0.46 → 0
    expect(prorate({ added: 1, unitAmount: 1_500, period: feb, now: d("2027-02-21T00:00:00.000Z") }).charge).toBe(375);
    expect(prorate({ added: 1, unitAmount: 1_500, period: feb, now: d("2027-02-27T00:00:00.000Z") }).charge).toBe(54);
    expect(prorate({ added: 1, unitAmount: 1, period: feb, now: d("2027-02-14T00:00:00.000Z") }).charge).toBe(1);
    expect(prorate({ added: 1, unitAmount: 1, period: feb, now: d("2027-02-15T00:00:00.000Z") }).charge).toBe(0);
  });

  it("uses the short month's real length across a month end (31 Jan → 28 Feb vs 29 Feb in a leap year)", () => {
    const common = periodEndingAt(d("2027-01-31T00:00:00.000Z"), "1m", d("2027-02-28T00:00:00.000Z"));
    const leap = periodEndingAt(d("2028-01-31T00:00:00.000Z"), "1m", d("2028-02-29T00:00:00.000Z"));
    const march = periodEndingAt(d("2027-01-31T00:00:00.000Z"), "1m", d("2027-03-31T00:00:00.000Z"));
    expect(prorate({ added: 1, unitAmount: 2_800, period: common, now: common.start })).toMatchObject({ periodDays: 28 });
    expect(prorate({ added: 1, unitAmount: 2_900, period: leap, now: leap.start })).toMatchObject({ periodDays: 29 });
    expect(prorate({ added: 1, unitAmount: 3_100, period: march, now: d("2027-03-01T00:00:00.000Z") })).toEqual({
      periodDays: 31,
      remainingDays: 30,
      charge: 3_000,
    });
  });

  it("is exact for large numbers (BigInt), beyond 2^53 in the intermediate product", () => {
    const p = prorate({ added: 1_000_000, unitAmount: 99_999_999, period: yearly, now: d("2027-03-02T09:00:00.000Z") });
    expect(p.remainingDays).toBe(365);
    // 1e6 × 99 999 999 × 365 = 3.65e16 > 2^53; / 366 = 99 726 774 959 016.39… → 99 726 774 959 016
    expect(p.charge).toBe(99_726_774_959_016);
  });

  it("whole days are UTC milliseconds divided by 24 h, rounded up", () => {
    expect(wholeDaysUp(d("2027-03-28T00:00:00.000Z"), d("2027-03-29T00:00:00.000Z"))).toBe(1);
    expect(wholeDaysUp(d("2027-03-28T00:00:00.000Z"), d("2027-03-28T00:00:00.001Z"))).toBe(1);
    expect(wholeDaysUp(d("2027-03-28T00:00:00.000Z"), d("2027-03-28T00:00:00.000Z"))).toBe(0);
  });
});

describe("time zones do not matter", () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  /** Everything above that could depend on local time, as one snapshot. */
  function snapshot() {
    const anchors = [
      "2027-01-31T23:30:00.000Z",
      "2028-02-29T00:30:00.000Z",
      "2027-03-31T12:00:00.000Z",
      "2027-10-31T01:30:00.000Z",
    ];
    const ends = anchors.flatMap((a) =>
      (["1m", "1y", "2y", "3y"] as const).flatMap((term) => [1, 2, 3, 13].map((n) => iso(periodEnd(d(a), term, n)))),
    );
    const period = periodEndingAt(d("2028-01-31T23:30:00.000Z"), "1m", d("2028-02-29T23:30:00.000Z"));
    const prorations = ["2028-02-01T00:00:00.000Z", "2028-02-15T12:00:00.000Z", "2028-02-29T23:00:00.000Z"].map((now) =>
      prorate({ added: 7, unitAmount: 1_900, period, now: d(now) }),
    );
    return { ends, period: [iso(period.start), iso(period.end)], prorations };
  }

  it("gives identical results in Kiritimati (UTC+14), Los Angeles (UTC−8/−7 with DST), Kathmandu (+5:45) and UTC", () => {
    const results = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kathmandu", "Pacific/Pago_Pago"].map((zone) => {
      process.env.TZ = zone;
      return snapshot();
    });
    // The zone really changed under us (local midnight differs), yet every result is the same.
    process.env.TZ = "Pacific/Kiritimati";
    const kiritimati = new Date("2027-01-31T23:30:00.000Z").getDate();
    process.env.TZ = "America/Los_Angeles";
    const losAngeles = new Date("2027-01-31T23:30:00.000Z").getDate();
    expect([kiritimati, losAngeles]).toEqual([1, 31]);
    for (const result of results.slice(1)) expect(result).toEqual(results[0]);
    expect(results[0]?.period).toEqual(["2028-01-31T23:30:00.000Z", "2028-02-29T23:30:00.000Z"]);
  });
});
