/**
 * Usage curves for the farm simulator: how many users a key's farms have at a given
 * (simulated) moment. Pure functions of time and a seed, with no clock and no
 * Math.random, so a run can be replayed and the curves unit-tested
 * (profiles.test.ts).
 *
 * A profile first decides the key's total (pooled) users, then splits that total
 * among the farms with fixed per-farm weights (farms differ in size) and a little
 * per-farm jitter. The split is by largest remainder, so the farms always add up to
 * exactly the key's total: the overuse profile crosses the limit when its curve does,
 * whatever the rounding.
 */

export const PROFILES = ["steady", "waves", "overuse"] as const;
export type ProfileName = (typeof PROFILES)[number];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The "waves" working day, local time: users log on from 08:00, peak at 13:00, are gone by 18:00. */
export const WORKDAY = { startHour: 8, endHour: 18, nightLevel: 0.1 } as const;
/** The "overuse" profile starts here (a fraction of the limit) and reaches its top after this many check-in intervals. */
export const OVERUSE_START_LEVEL = 0.6;
export const OVERUSE_RAMP_INTERVALS = 3;

export type ProfileInput = {
  profile: ProfileName;
  /** The simulated moment, epoch ms. */
  atMs: number;
  /** When the simulation started (simulated epoch ms): the overuse ramp begins here. */
  startMs: number;
  /** The simulated check-in interval (20 minutes unless told otherwise). */
  intervalMs: number;
  /** The key's licensed concurrent users, as the server reports it (`license.concurrentUsers.limit`). */
  limit: number;
  /** The profile's top level, in users across all farms (default: see topUsers). */
  users?: number;
  farms: number;
  seed?: number;
  /** Where "business hours" are, for the waves profile: minutes east of UTC (e.g. 60 for CET). */
  utcOffsetMinutes?: number;
};

/** A deterministic hash of a few integers to [0, 1) (mulberry32's finalizer): the simulator's only randomness. */
export function unitHash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Symmetric noise in [-1, 1). */
const noise = (...parts: number[]) => unitHash(...parts) * 2 - 1;

/**
 * The level the profile climbs to, in users across all farms. Steady sits at 60% of the
 * limit and waves peak at 90% (a healthy key); overuse climbs to 130%, and at least one
 * user over, so that the key does go over the limit.
 */
export function topUsers(profile: ProfileName, limit: number, users?: number): number {
  if (users !== undefined) return Math.max(0, Math.round(users));
  if (profile === "steady") return Math.round(limit * 0.6);
  if (profile === "waves") return Math.round(limit * 0.9);
  return Math.max(limit + 1, Math.ceil(limit * 1.3));
}

/** Fraction of the working day's peak at a local hour: a half sine between the start and the end of the day. */
export function workdayLevel(hourOfDay: number): number {
  const { startHour, endHour, nightLevel } = WORKDAY;
  if (hourOfDay <= startHour || hourOfDay >= endHour) return nightLevel;
  const phase = (hourOfDay - startHour) / (endHour - startHour);
  return nightLevel + (1 - nightLevel) * Math.sin(Math.PI * phase);
}

/**
 * Noise changes four times per check-in interval, so a report's peak (the most users
 * since the previous one, see peakUsers) can be above the users at the moment of the report.
 */
const bucketOf = (input: ProfileInput) => Math.floor(input.atMs / Math.max(1, input.intervalMs / 4));

/** The key's total users at `atMs` (before splitting among farms). */
export function keyUsers(input: ProfileInput): number {
  const top = topUsers(input.profile, input.limit, input.users);
  const seed = input.seed ?? 1;
  if (input.profile === "overuse") {
    // A deterministic climb with no noise: the test and the demo must see the key go over.
    const progress = Math.min(1, Math.max(0, (input.atMs - input.startMs) / (OVERUSE_RAMP_INTERVALS * input.intervalMs)));
    const from = Math.min(top, Math.round(input.limit * OVERUSE_START_LEVEL));
    return Math.round(from + (top - from) * progress);
  }
  const wobble = 1 + 0.05 * noise(seed, 0x4b4559, bucketOf(input)); // ±5% for the whole key
  if (input.profile === "steady") return Math.max(0, Math.round(top * wobble));
  const localMs = input.atMs + (input.utcOffsetMinutes ?? 0) * 60_000;
  const hour = (((localMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  return Math.max(0, Math.round(top * workdayLevel(hour) * wobble));
}

/**
 * Splits `total` among farms in proportion to `weights`, by largest remainder: the parts
 * are whole numbers that add up to exactly `total`.
 */
export function distribute(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (weights.length === 0) return [];
  if (sum <= 0)
    return distribute(
      total,
      weights.map(() => 1),
    );
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, p) => a + p, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** Each farm's share at `atMs`: a fixed size (0.5–1.5) with ±15% jitter that moves with the noise buckets. */
function farmWeights(input: ProfileInput): number[] {
  const seed = input.seed ?? 1;
  const bucket = bucketOf(input);
  return Array.from(
    { length: input.farms },
    (_, i) => (0.5 + unitHash(seed, 0x53495a45, i)) * (1 + 0.15 * noise(seed, 0x4a4954, i, bucket)),
  );
}

/** Every farm's current users at `atMs`; they add up to keyUsers(input). */
export function allFarmUsers(input: ProfileInput): number[] {
  return distribute(keyUsers(input), farmWeights(input));
}

export type CurveSpec = Omit<ProfileInput, "atMs">;

/**
 * A profile for one run, evaluated per noise bucket (a quarter of the interval) and
 * memoized: each farm reports at its own moment, and splitting the key's total among
 * N farms for each of them would cost O(N²) per round. Quantizing time to the bucket
 * keeps the curve the same for every farm within a bucket, so the farms still add up.
 */
export function createUsageCurve(spec: CurveSpec) {
  const step = Math.max(1, spec.intervalMs / 4);
  const cache = new Map<number, number[]>();
  const split = (atMs: number): number[] => {
    const bucketStart = Math.floor(atMs / step) * step;
    let users = cache.get(bucketStart);
    if (!users) {
      users = allFarmUsers({ ...spec, atMs: bucketStart });
      if (cache.size >= 32) cache.delete(cache.keys().next().value as number);
      cache.set(bucketStart, users);
    }
    return users;
  };
  const farmUsers = (atMs: number, farmIndex: number) => split(atMs)[farmIndex] ?? 0;
  return {
    keyUsers: (atMs: number) => split(atMs).reduce((a, u) => a + u, 0),
    farmUsers,
    /**
     * The most users the farm had since its previous report at `fromMs`: the curve at each
     * bucket in between, and never below its current users (the API refuses a peak under
     * the current count). At most 8 buckets back: a farm silent for hours costs no more.
     */
    peakUsers(farmIndex: number, fromMs: number, atMs: number): number {
      let peak = farmUsers(atMs, farmIndex);
      for (let at = Math.max(fromMs, atMs - 8 * step); at < atMs; at += step) peak = Math.max(peak, farmUsers(at, farmIndex));
      return peak;
    },
  };
}

export type UsageCurve = ReturnType<typeof createUsageCurve>;
