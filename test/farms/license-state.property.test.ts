import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LicenseState } from "../../contracts/farms.ts";
import { type Evaluation, evaluate, type GraceRecord, type KeyTerms, NO_GRACE } from "../../src/modules/farms/license-state.ts";

/**
 * Property tests for the licensing rules: random histories of one key with several farms
 * (reports, purchases, additional keys taking licenses away, clock moves) are driven through
 * `evaluate` the way the check-in service does it, and every answer is compared with a small
 * reference model written from the vendor's guide, not from the implementation.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OVERUSE_GRACE = 7 * DAY;
const EXPIRY_GRACE = 30 * DAY;
const START = Date.UTC(2025, 0, 6, 9, 0, 0);

const SEVERITY: LicenseState[] = [
  "deactivated",
  "suspended",
  "expired",
  "overuse_deactivated",
  "overuse_grace",
  "expired_grace",
  "active",
];

type Notice = { code: LicenseState; daysLeft: number | null };

/** "Days left" as the guide counts them: whole days, rounded up, never 0 while the grace runs. */
const daysLeftUntil = (end: number, now: number) => Math.max(1, Math.ceil((end - now) / DAY));

/**
 * The guide's overuse rules as a ledger of the key's overuse episode. It only sees reports
 * from farms that are serving (not deactivated, suspended or expired).
 */
class OveruseReference {
  /** The grace the key has used: when it started and the key's limit then. Null: a grace is available. */
  episode: { start: number; limitAtStart: number } | null = null;

  /**
   * One serving report. `keyOver`: the pool is over or some farm is above the cap; `farmOver`:
   * this farm is affected (the pool is over, or this farm itself is above the cap).
   */
  report(now: number, limit: number, keyOver: boolean, farmOver: boolean): { notice: Notice | null; graceStarted: boolean } {
    const boughtSinceGrace = this.episode !== null && limit > this.episode.limitAtStart;
    if (!keyOver) {
      // Buying licenses while under the limit makes the grace available again at once.
      if (boughtSinceGrace) this.episode = null;
      return { notice: null, graceStarted: false };
    }
    let graceStarted = false;
    const graceOver = this.episode !== null && now - this.episode.start >= OVERUSE_GRACE;
    if (this.episode === null || (graceOver && boughtSinceGrace)) {
      this.episode = { start: now, limitAtStart: limit };
      graceStarted = true;
    }
    if (!farmOver) return { notice: null, graceStarted };
    const elapsed = now - this.episode.start;
    const notice: Notice =
      elapsed < OVERUSE_GRACE
        ? { code: "overuse_grace", daysLeft: daysLeftUntil(this.episode.start + OVERUSE_GRACE, now) }
        : { code: "overuse_deactivated", daysLeft: null };
    return { notice, graceStarted };
  }
}

// ---- Generators ----

/** Clock moves: minutes, hours, or whole days (whole days land exactly on the 7-day boundary). */
const clockMove = fc.oneof(
  fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE),
  fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR),
  fc.integer({ min: 1, max: 10 }).map((d) => d * DAY),
  fc.integer({ min: MINUTE, max: 10 * DAY }),
);

type Step =
  | { kind: "report"; farm: number; users: number }
  | { kind: "limit"; delta: number }
  | { kind: "clock"; ms: number }
  | { kind: "suspend"; on: boolean }
  | { kind: "cancel"; on: boolean }
  | { kind: "deactivate"; farm: number; on: boolean };

const FARMS = 4;
const report = fc.record({
  kind: fc.constant("report" as const),
  farm: fc.integer({ min: 0, max: FARMS - 1 }),
  users: fc.integer({ min: 0, max: 12 }),
});
/** Licenses bought (up) or taken away, e.g. by creating an additional key (down). */
const limitChange = fc.record({
  kind: fc.constant("limit" as const),
  delta: fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0),
});
const clock = fc.record({ kind: fc.constant("clock" as const), ms: clockMove });

const overuseSteps = fc.array(
  fc.oneof({ arbitrary: report, weight: 5 }, { arbitrary: limitChange, weight: 1 }, { arbitrary: clock, weight: 3 }),
  {
    minLength: 1,
    maxLength: 50,
    // Without this fast-check keeps arrays to about ten steps: too short to see a grace end and a purchase.
    size: "max",
  },
);

const statusSteps = fc.array(
  fc.oneof(
    { arbitrary: report, weight: 5 },
    { arbitrary: limitChange, weight: 1 },
    { arbitrary: clock, weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("suspend" as const), on: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("cancel" as const), on: fc.boolean() }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant("deactivate" as const),
        farm: fc.integer({ min: 0, max: FARMS - 1 }),
        on: fc.boolean(),
      }),
      weight: 1,
    },
  ),
  { minLength: 1, maxLength: 50, size: "max" },
);

const baseTerms = fc.record({
  limit: fc.integer({ min: 1, max: 20 }),
  maxUsersPerFarm: fc.option(fc.integer({ min: 2, max: 10 }), { nil: null }),
});

// ---- The service, as far as evaluate is concerned ----

type Observed = {
  now: number;
  farm: number;
  limit: number;
  pooledUsers: number;
  farmUsers: number;
  anyFarmOverCap: boolean;
  farmDeactivated: boolean;
  terms: KeyTerms;
  graceIn: GraceRecord;
  result: Evaluation;
};

/**
 * Plays the steps like the check-in service: remembers each farm's latest users, pools them
 * (all farms report recently), and feeds each answer's grace record into the next report.
 */
function play(initial: KeyTerms, steps: Step[], onReport: (o: Observed) => void) {
  const users = new Array<number>(FARMS).fill(0);
  const deactivated = new Array<boolean>(FARMS).fill(false);
  let terms = { ...initial };
  let now = START;
  let grace = NO_GRACE;
  for (const step of steps) {
    switch (step.kind) {
      case "clock":
        now += step.ms;
        break;
      case "limit":
        terms = { ...terms, limit: Math.max(0, terms.limit + step.delta) };
        break;
      case "suspend":
        terms = { ...terms, suspended: step.on };
        break;
      case "cancel":
        terms = { ...terms, canceled: step.on };
        break;
      case "deactivate":
        deactivated[step.farm] = step.on;
        break;
      case "report": {
        users[step.farm] = step.users;
        const cap = terms.maxUsersPerFarm;
        const usage = {
          pooledUsers: users.reduce((a, b) => a + b, 0),
          farmUsers: step.users,
          anyFarmOverCap: cap !== null && users.some((u) => u > cap),
        };
        const farmDeactivated = deactivated[step.farm] ?? false;
        const graceIn = grace;
        const result = evaluate({ now: new Date(now), farmDeactivated, terms, usage, grace: graceIn });
        onReport({ now, farm: step.farm, limit: terms.limit, ...usage, farmDeactivated, terms, graceIn, result });
        grace = result.grace;
        break;
      }
    }
  }
}

const overIn = (o: Observed) => ({
  keyOver: o.pooledUsers > o.limit || o.anyFarmOverCap,
  farmOver: o.pooledUsers > o.limit || (o.terms.maxUsersPerFarm !== null && o.farmUsers > o.terms.maxUsersPerFarm),
});

const serving: Omit<KeyTerms, "limit" | "maxUsersPerFarm"> = {
  kind: "primary",
  licenseType: "subscription",
  expiresAt: null,
  suspended: false,
  canceled: false,
};

describe("license state: overuse over random histories", () => {
  it("follows the guide's overuse rules on every report", () => {
    fc.assert(
      fc.property(baseTerms, overuseSteps, (base, steps) => {
        const reference = new OveruseReference();
        let everOver = false;
        let lastGrace: { start: number; daysLeft: number } | null = null;
        play({ ...serving, ...base }, steps, (o) => {
          const { keyOver, farmOver } = overIn(o);
          const episodeBefore = reference.episode;
          const expected = reference.report(o.now, o.limit, keyOver, farmOver);
          const { state, daysLeft } = o.result;

          // The reference model, in full, including the grace record handed back for the next report.
          const episode = reference.episode;
          expect(o.result).toEqual({
            state: expected.notice?.code ?? "active",
            daysLeft: expected.notice?.daysLeft ?? null,
            notices: expected.notice ? [expected.notice] : [],
            keyOver,
            graceStarted: expected.graceStarted,
            grace: episode
              ? {
                  startedAt: new Date(episode.start),
                  endsAt: new Date(episode.start + OVERUSE_GRACE),
                  limit: episode.limitAtStart,
                }
              : NO_GRACE,
          });

          // The guide's sentences, one by one.
          if (!farmOver) {
            // At or under the limit (and this farm within the cap): never overuse.
            expect(state).toBe("active");
          }
          if (farmOver && !everOver) {
            // The first report over the limit starts a full 7-day grace.
            expect(state).toBe("overuse_grace");
            expect(daysLeft).toBe(7);
          }
          if (state === "overuse_deactivated") {
            // Only over, only after 7 days of grace, and only if no licenses were bought since.
            expect(farmOver).toBe(true);
            expect(episodeBefore).not.toBeNull();
            if (episodeBefore) {
              expect(o.now - episodeBefore.start).toBeGreaterThanOrEqual(OVERUSE_GRACE);
              expect(o.limit).toBeLessThanOrEqual(episodeBefore.limitAtStart);
            }
          }
          if (keyOver && episodeBefore && o.now - episodeBefore.start >= OVERUSE_GRACE && o.limit > episodeBefore.limitAtStart) {
            // Licenses bought and the old grace over: the next over report gets a fresh 7 days.
            expect(o.result.graceStarted).toBe(true);
            if (farmOver) expect([state, daysLeft]).toEqual(["overuse_grace", 7]);
          }
          if (state === "overuse_grace" && daysLeft !== null && reference.episode) {
            // The clock never restarts inside a running grace (dips under included): days left only go down.
            expect(daysLeft).toBeGreaterThanOrEqual(1);
            if (lastGrace?.start === reference.episode.start) expect(daysLeft).toBeLessThanOrEqual(lastGrace.daysLeft);
            lastGrace = { start: reference.episode.start, daysLeft };
          }
          if (keyOver) everOver = true;
        });
      }),
      { numRuns: 250 },
    );
  });
});

/** What the guide says about a report, apart from overuse. */
function statusNotices(o: Observed): Notice[] {
  const t = o.terms;
  const notices: Notice[] = [];
  if (o.farmDeactivated) notices.push({ code: "deactivated", daysLeft: null });
  if (t.suspended) notices.push({ code: "suspended", daysLeft: null });
  const expiredAt = t.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const keepsWorking = t.kind === "primary" && t.licenseType !== "trial";
  if (t.canceled) notices.push({ code: "expired", daysLeft: null });
  else if (o.now >= expiredAt) {
    const graceEnd = expiredAt + EXPIRY_GRACE;
    notices.push(
      keepsWorking && o.now < graceEnd
        ? { code: "expired_grace", daysLeft: daysLeftUntil(graceEnd, o.now) }
        : { code: "expired", daysLeft: null },
    );
  }
  return notices;
}

const fullTerms = fc.record({
  limit: fc.integer({ min: 1, max: 20 }),
  maxUsersPerFarm: fc.option(fc.integer({ min: 2, max: 10 }), { nil: null }),
  kind: fc.constantFrom("primary" as const, "additional" as const),
  licenseType: fc.constantFrom("subscription" as const, "trial" as const, "nfr" as const, "permanent" as const),
  // Whole days too, so that a report lands exactly on the expiry (or the end of its grace) now and then.
  expiresAt: fc.option(
    fc
      .oneof(
        fc.integer({ min: 0, max: 120 }).map((d) => d * DAY),
        fc.integer({ min: 0, max: 120 * DAY }),
      )
      .map((ms) => new Date(START + ms)),
    { nil: null },
  ),
  // Suspension and cancellation come and go through the steps.
  suspended: fc.constant(false),
  canceled: fc.constant(false),
});

describe("license state: expiry, suspension and deactivation over random histories", () => {
  it("orders every condition by severity and counts no overuse while not serving", () => {
    fc.assert(
      fc.property(fullTerms, statusSteps, (terms, steps) => {
        const reference = new OveruseReference();
        play(terms, steps, (o) => {
          const status = statusNotices(o);
          const notServing = status.some((n) => n.code !== "expired_grace");
          const { keyOver, farmOver } = overIn(o);
          const expected = [...status];
          if (notServing) {
            // Its farms are not serving: no overuse, and the key's grace is left as it was.
            expect(o.result.grace).toEqual(o.graceIn);
            expect(o.result.graceStarted).toBe(false);
          } else {
            const overuse = reference.report(o.now, o.limit, keyOver, farmOver);
            if (overuse.notice) expected.push(overuse.notice);
            expect(o.result.graceStarted).toBe(overuse.graceStarted);
          }
          expected.sort((a, b) => SEVERITY.indexOf(a.code) - SEVERITY.indexOf(b.code));

          expect(o.result.notices).toEqual(expected);
          expect(o.result.state).toBe(expected[0]?.code ?? "active");
          expect(o.result.daysLeft).toBe(expected[0]?.daysLeft ?? null);
          if (!farmOver) expect(o.result.notices.map((n) => n.code)).not.toContain("overuse_grace");
          if (!farmOver) expect(o.result.notices.map((n) => n.code)).not.toContain("overuse_deactivated");
        });
      }),
      { numRuns: 250 },
    );
  });
});
