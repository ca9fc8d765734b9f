import { describe, expect, it } from "vitest";
import { type Evaluation, evaluate, type KeyTerms, NO_GRACE } from "../../src/modules/farms/license-state.ts";

/**
 * The licensing guide's scenarios, one at a time. Days are counted from a fixed Monday
 * morning; `key()` plays the check-in service: it remembers each farm's latest users,
 * pools them, and carries the grace record from one report to the next.
 */

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 2, 3, 8, 0, 0);
const day = (n: number) => new Date(T0 + n * DAY);

function key(initial: Partial<KeyTerms> = {}) {
  let terms: KeyTerms = {
    kind: "primary",
    licenseType: "subscription",
    limit: 10,
    maxUsersPerFarm: null,
    expiresAt: null,
    suspended: false,
    canceled: false,
    ...initial,
  };
  const users = new Map<string, number>();
  let grace = NO_GRACE;
  return {
    change(changes: Partial<KeyTerms>) {
      terms = { ...terms, ...changes };
    },
    get grace() {
      return grace;
    },
    report(farm: string, farmUsers: number, onDay: number, farmDeactivated = false): Evaluation {
      users.set(farm, farmUsers);
      const all = [...users.values()];
      const cap = terms.maxUsersPerFarm;
      const usage = {
        pooledUsers: all.reduce((a, b) => a + b, 0),
        farmUsers,
        anyFarmOverCap: cap !== null && all.some((u) => u > cap),
      };
      const result = evaluate({ now: day(onDay), farmDeactivated, terms, usage, grace });
      grace = result.grace;
      return result;
    },
  };
}

/** State and days left, the two things a farm acts on. */
const seen = (r: Evaluation) => [r.state, r.daysLeft];

describe("overuse grace", () => {
  it("starts a 7-day grace at the first report over the limit, pooled across farms", () => {
    const k = key({ limit: 10 });
    expect(seen(k.report("a", 6, 0))).toEqual(["active", null]);
    // Farm b alone is within 10, but the key's pool (11) is not.
    expect(seen(k.report("b", 5, 0))).toEqual(["overuse_grace", 7]);
    // Days left are rounded up: 4.5 days show as 5, half a day as 1.
    expect(seen(k.report("a", 6, 2.5))).toEqual(["overuse_grace", 5]);
    expect(seen(k.report("a", 6, 6.5))).toEqual(["overuse_grace", 1]);
  });

  it("does not restart the clock when usage dips under the limit and goes over again", () => {
    const k = key({ limit: 10 });
    k.report("a", 11, 0);
    expect(seen(k.report("a", 9, 2))).toEqual(["active", null]);
    expect(seen(k.report("a", 11, 5))).toEqual(["overuse_grace", 2]);
  });

  it("deactivates over reports once the grace has run out, until a report is at or under the limit", () => {
    const k = key({ limit: 10 });
    k.report("a", 11, 0);
    expect(seen(k.report("a", 11, 7))).toEqual(["overuse_deactivated", null]);
    expect(seen(k.report("a", 10, 8))).toEqual(["active", null]);
    // No licenses bought: the grace has been used, so the next overuse is deactivated at once.
    expect(seen(k.report("a", 12, 20))).toEqual(["overuse_deactivated", null]);
  });

  it("gives a new grace after licenses are bought, once the old grace has ended", () => {
    const k = key({ limit: 10 });
    k.report("a", 13, 0);
    k.change({ limit: 12 });
    // Bought during the grace but still over: the running grace goes on, it does not restart.
    expect(seen(k.report("a", 13, 3))).toEqual(["overuse_grace", 4]);
    // The old grace has ended and the limit is above the one it started with: a fresh 7 days.
    expect(seen(k.report("a", 13, 7))).toEqual(["overuse_grace", 7]);
    expect(k.grace).toEqual({ startedAt: day(7), endsAt: day(14), limit: 12 });
  });

  it("clears the grace record when licenses are bought while under the limit", () => {
    const k = key({ limit: 10 });
    k.report("a", 11, 0);
    k.change({ limit: 15 });
    expect(seen(k.report("a", 9, 9))).toEqual(["active", null]);
    expect(k.grace).toEqual(NO_GRACE);
    expect(seen(k.report("a", 16, 30))).toEqual(["overuse_grace", 7]);
  });

  it("gives no new grace when licenses are only taken away (an additional key created)", () => {
    const k = key({ limit: 10 });
    k.report("a", 11, 0);
    k.change({ limit: 8 });
    expect(seen(k.report("a", 9, 8))).toEqual(["overuse_deactivated", null]);
  });
});

describe("max users per farm", () => {
  it("puts only the farm above the cap in overuse, on the key's shared grace clock", () => {
    const k = key({ limit: 20, maxUsersPerFarm: 10 });
    expect(seen(k.report("a", 12, 0))).toEqual(["overuse_grace", 7]);
    // Farm b is within the cap and the pool (15) within the limit: it keeps working...
    const b = k.report("b", 3, 1);
    expect(seen(b)).toEqual(["active", null]);
    // ...but the key is over, and the grace farm a started is the key's.
    expect(b.keyOver).toBe(true);
    expect(k.grace.startedAt).toEqual(day(0));
    expect(seen(k.report("a", 12, 7))).toEqual(["overuse_deactivated", null]);
    expect(seen(k.report("b", 3, 7))).toEqual(["active", null]);
    // When the pool goes over (12 + 9 > 20), farm b has no grace of its own left either.
    expect(seen(k.report("b", 9, 8))).toEqual(["overuse_deactivated", null]);
  });

  it("lets a farm within the cap start the key's new grace without being in overuse itself", () => {
    const k = key({ limit: 20, maxUsersPerFarm: 10 });
    k.report("a", 12, 0);
    expect(seen(k.report("a", 12, 8))).toEqual(["overuse_deactivated", null]);
    // Licenses bought; farm a is still above the cap, so the key is still over.
    k.change({ limit: 25 });
    const b = k.report("b", 3, 9);
    expect(b.graceStarted).toBe(true);
    expect(seen(b)).toEqual(["active", null]);
    // Farm a's next report runs on the grace farm b's report started a day earlier.
    expect(seen(k.report("a", 12, 10))).toEqual(["overuse_grace", 6]);
  });
});

describe("expiry", () => {
  it("keeps a Primary Key working for 30 days after its subscription expires", () => {
    const k = key({ kind: "primary", expiresAt: day(10) });
    expect(seen(k.report("a", 5, 9))).toEqual(["active", null]);
    expect(seen(k.report("a", 5, 10))).toEqual(["expired_grace", 30]);
    expect(seen(k.report("a", 5, 39.5))).toEqual(["expired_grace", 1]);
    expect(seen(k.report("a", 5, 40))).toEqual(["expired", null]);
  });

  it("expires an additional key at once", () => {
    const k = key({ kind: "additional", expiresAt: day(10) });
    expect(seen(k.report("a", 5, 10))).toEqual(["expired", null]);
  });

  it("gives a trial no expiry grace, even on its Primary Key", () => {
    const k = key({ kind: "primary", licenseType: "trial", expiresAt: day(30) });
    expect(seen(k.report("a", 5, 30))).toEqual(["expired", null]);
  });

  it("treats a canceled subscription as expired, before its end date", () => {
    const k = key({ expiresAt: day(100), canceled: true });
    expect(seen(k.report("a", 5, 1))).toEqual(["expired", null]);
  });
});

describe("severity", () => {
  it("answers with the most severe state and lists every condition, most severe first", () => {
    const k = key({ suspended: true, canceled: true });
    const r = k.report("a", 50, 0, true);
    expect(r.state).toBe("deactivated");
    expect(r.notices.map((n) => n.code)).toEqual(["deactivated", "suspended", "expired"]);
  });

  it("puts overuse before the expiry grace", () => {
    const k = key({ limit: 10, expiresAt: day(0) });
    const r = k.report("a", 11, 1);
    expect(seen(r)).toEqual(["overuse_grace", 7]);
    expect(r.notices).toEqual([
      { code: "overuse_grace", daysLeft: 7 },
      { code: "expired_grace", daysLeft: 29 },
    ]);
  });

  it("counts no overuse while the key is suspended, and leaves its grace record as it was", () => {
    const k = key({ limit: 10 });
    k.report("a", 11, 0);
    const before = k.grace;
    k.change({ suspended: true });
    const r = k.report("a", 11, 9);
    expect(r.notices).toEqual([{ code: "suspended", daysLeft: null }]);
    expect(k.grace).toEqual(before);
    k.change({ suspended: false });
    expect(seen(k.report("a", 11, 10))).toEqual(["overuse_deactivated", null]);
  });
});
