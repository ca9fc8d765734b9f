import { describe, expect, it } from "vitest";
import {
  allFarmUsers,
  createUsageCurve,
  distribute,
  keyUsers,
  OVERUSE_RAMP_INTERVALS,
  type ProfileInput,
  topUsers,
  unitHash,
  WORKDAY,
  workdayLevel,
} from "./profiles.ts";

const INTERVAL = 20 * 60 * 1000;
const MIDNIGHT = Date.UTC(2032, 4, 3); // a Monday, 00:00 UTC
const at = (hours: number) => MIDNIGHT + hours * 60 * 60 * 1000;
const base = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  profile: "steady",
  atMs: at(10),
  startMs: at(10),
  intervalMs: INTERVAL,
  limit: 100,
  farms: 5,
  ...over,
});

describe("distribute", () => {
  it("splits a total into whole parts that add up exactly, in proportion to the weights", () => {
    expect(distribute(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(distribute(7, [3, 1])).toEqual([5, 2]);
    expect(distribute(0, [1, 2])).toEqual([0, 0]);
    expect(distribute(5, [0, 0])).toEqual([3, 2]);
    expect(distribute(5, [])).toEqual([]);
    for (const total of [0, 1, 13, 999]) {
      const parts = distribute(total, [0.7, 1.3, 0.51, 1.49, 1]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
    }
  });
});

describe("unitHash", () => {
  it("is deterministic, in [0, 1), and changes with every part", () => {
    expect(unitHash(1, 2, 3)).toBe(unitHash(1, 2, 3));
    expect(unitHash(1, 2, 3)).not.toBe(unitHash(1, 2, 4));
    const values = Array.from({ length: 2000 }, (_, i) => unitHash(7, i));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe("steady", () => {
  it("stays within ±5% of 60% of the limit (or of --users) at any time", () => {
    for (let h = 0; h < 48; h += 0.25) {
      const users = keyUsers(base({ atMs: at(h) }));
      expect(users).toBeGreaterThanOrEqual(57);
      expect(users).toBeLessThanOrEqual(63);
    }
    expect(keyUsers(base({ users: 1000 }))).toBeGreaterThanOrEqual(950);
  });

  it("moves with noise rather than sitting on one number", () => {
    const seen = new Set(Array.from({ length: 40 }, (_, i) => keyUsers(base({ atMs: at(i / 4) }))));
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe("waves", () => {
  it("is low at night, rises through the morning, peaks around 13:00 and falls by the evening", () => {
    expect(workdayLevel(3)).toBe(WORKDAY.nightLevel);
    expect(workdayLevel(WORKDAY.startHour)).toBe(WORKDAY.nightLevel);
    expect(workdayLevel(13)).toBeCloseTo(1, 5);
    expect(workdayLevel(10)).toBeLessThan(workdayLevel(12));
    expect(workdayLevel(16)).toBeLessThan(workdayLevel(14));
    expect(workdayLevel(20)).toBe(WORKDAY.nightLevel);
    const users = (h: number) => keyUsers(base({ profile: "waves", atMs: at(h) }));
    expect(users(3)).toBeLessThanOrEqual(12); // 10% of 90 ± noise
    expect(users(13)).toBeGreaterThanOrEqual(85); // 90 ± 5%
    expect(users(13)).toBeLessThanOrEqual(100); // a healthy key stays under its limit
  });

  it("follows the local working day when given an offset from UTC", () => {
    // 13:00 in UTC+2 is 11:00 UTC.
    const cet = keyUsers(base({ profile: "waves", atMs: at(11), utcOffsetMinutes: 120 }));
    expect(cet).toBeGreaterThanOrEqual(85);
    expect(keyUsers(base({ profile: "waves", atMs: at(11 + 12), utcOffsetMinutes: 120 }))).toBeLessThanOrEqual(12);
  });
});

describe("overuse", () => {
  it("climbs without noise from 60% of the limit to 130%, crosses the limit, and stays there", () => {
    const users = (intervals: number) =>
      keyUsers(base({ profile: "overuse", atMs: at(10) + intervals * INTERVAL, startMs: at(10) }));
    expect(users(0)).toBe(60);
    expect(users(-1)).toBe(60);
    let previous = 0;
    for (let i = 0; i <= OVERUSE_RAMP_INTERVALS; i += 0.5) {
      expect(users(i)).toBeGreaterThanOrEqual(previous);
      previous = users(i);
    }
    expect(users(OVERUSE_RAMP_INTERVALS)).toBe(130);
    expect(users(OVERUSE_RAMP_INTERVALS * 10)).toBe(130);
    expect(users(OVERUSE_RAMP_INTERVALS - 1)).toBeGreaterThan(100);
  });

  it("always goes at least one user over, even for a tiny or empty limit", () => {
    expect(topUsers("overuse", 1)).toBe(2);
    expect(topUsers("overuse", 0)).toBe(1);
    expect(topUsers("overuse", 10)).toBe(13);
    expect(topUsers("overuse", 10, 25)).toBe(25);
  });
});

describe("farms", () => {
  it("add up to the key's total at every moment, and are whole, non-negative numbers", () => {
    for (const profile of ["steady", "waves", "overuse"] as const) {
      for (let h = 0; h < 24; h += 1.5) {
        const input = base({ profile, atMs: at(h), startMs: at(0), farms: 7, limit: 37 });
        const farms = allFarmUsers(input);
        expect(farms).toHaveLength(7);
        expect(farms.reduce((a, b) => a + b, 0)).toBe(keyUsers(input));
        expect(farms.every((u) => Number.isInteger(u) && u >= 0)).toBe(true);
      }
    }
  });

  it("an overused key is over its limit even when it has more farms than users", () => {
    const input = base({ profile: "overuse", atMs: at(20), startMs: at(10), farms: 20, limit: 3 });
    expect(allFarmUsers(input).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
  });
});

describe("createUsageCurve", () => {
  const spec = { profile: "steady" as const, startMs: at(0), intervalMs: INTERVAL, limit: 100, farms: 4, seed: 3 };

  it("gives the same users for every moment of a noise bucket, and the farms add up to the key", () => {
    const curve = createUsageCurve(spec);
    const t = at(9) + 1000;
    expect(curve.farmUsers(t, 2)).toBe(curve.farmUsers(t + INTERVAL / 4 - 2000, 2));
    const sum = [0, 1, 2, 3].reduce((a, i) => a + curve.farmUsers(t, i), 0);
    expect(sum).toBe(curve.keyUsers(t));
  });

  it("reports a peak since the previous report that is never below the current users", () => {
    const curve = createUsageCurve(spec);
    let higher = 0;
    for (let r = 1; r < 100; r++) {
      const [from, to] = [at(0) + (r - 1) * INTERVAL, at(0) + r * INTERVAL];
      for (let farm = 0; farm < 4; farm++) {
        const peak = curve.peakUsers(farm, from, to);
        const current = curve.farmUsers(to, farm);
        expect(peak).toBeGreaterThanOrEqual(current);
        if (peak > current) higher += 1;
      }
    }
    expect(higher).toBeGreaterThan(0); // the peak does see the ups between reports
  });

  it("is deterministic for a seed and different for another", () => {
    const a = createUsageCurve(spec);
    const b = createUsageCurve(spec);
    const c = createUsageCurve({ ...spec, seed: 4 });
    const series = (curve: typeof a) => Array.from({ length: 30 }, (_, i) => curve.farmUsers(at(i / 3), 1));
    expect(series(a)).toEqual(series(b));
    expect(series(a)).not.toEqual(series(c));
  });
});
