import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, type Person, person, userIdOf } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { actionsUrl, keyUrl, newKey, send, subsUrl, subUrl } from "./licensing-kit.ts";

/** Issue 4, point 9 (the clock) and point 2: statuses, Dashboard, renewals and the operator's audited actions. */

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2031-03-10T09:00:00.000Z");
const at = (days: number, from = T0) => new Date(from.getTime() + days * DAY);
const iso = (d: Date) => d.toISOString();
const plusMonths = (d: Date, months: number) => new Date(new Date(d).setUTCMonth(d.getUTCMonth() + months));

const clock = manualClock(T0);
let t: TestApp;
let op: Person;
let admin: Person;
let A: string;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  op = await operator(t);
  admin = await person(t, "life-admin");
  A = await businessAccount(t, admin);
});
afterAll(async () => t?.close());

async function issueAt(when: Date, body: Record<string, unknown>, accountId = A) {
  clock.set(when);
  return (await issue(t, op, { accountId, ...body })).id;
}
const act = async (id: string, body: Record<string, unknown>) => send(t, op, "POST", actionsUrl(id), body);
const details = async (id: string) => (await send(t, admin, "GET", subUrl(A, id))).json();

/** The status as the Details, the list and the operator console each show it: they must agree. */
async function status(id: string) {
  const d = await details(id);
  const item = (await send(t, admin, "GET", subsUrl(A))).json().items.find((s: { id: string }) => s.id === id);
  const view = (await send(t, op, "GET", `/api/operator/subscriptions/${id}`)).json();
  expect([item.status, view.status]).toEqual([d.status, d.status]);
  return { status: d.status as string, daysLeft: d.daysLeft as number | null };
}

describe(`statuses on the clock (${TEST_ENGINE})`, () => {
  it("active → expiring soon (30 days or less) → grace (30 days) → expired", async () => {
    const id = await issueAt(T0, { term: "1y" });
    const expiry = plusMonths(T0, 12);
    expect((await details(id)).expiresAt).toBe(iso(expiry));
    const steps: Array<[number, string, number]> = [
      [-31, "active", 31],
      [-30, "expiring_soon", 30],
      [-1, "expiring_soon", 1],
      [0, "grace", 0],
      [29, "grace", -29],
      [30, "expired", -30],
      [400, "expired", -400],
    ];
    for (const [days, want, left] of steps) {
      clock.set(at(days, expiry));
      expect(await status(id), `${days} days from expiry`).toEqual({ status: want, daysLeft: left });
    }
    clock.set(new Date(at(30, expiry).getTime() - 1));
    expect((await status(id)).status).toBe("grace");
  });

  it("suspended overrides every date; reinstating shows the date's status again; a cancel shows expired", async () => {
    const id = await issueAt(T0, { term: "1y" });
    expect((await act(id, { action: "suspend", reason: "unpaid" })).json().status).toBe("suspended");
    expect((await status(id)).status).toBe("suspended");
    clock.set(at(10, plusMonths(T0, 12)));
    expect((await status(id)).status).toBe("suspended");
    expect((await act(id, { action: "reinstate" })).json().status).toBe("grace");
    clock.set(at(1));
    expect((await act(id, { action: "cancel" })).json()).toMatchObject({ status: "expired", canceled: true });
    expect(await status(id)).toEqual({ status: "expired", daysLeft: expect.any(Number) });
    expect((await details(id)).renewalEnabled).toBe(false);
    expect((await act(id, { action: "renew", term: "1y" })).json()).toMatchObject({ status: "active", canceled: false });
  });

  it("the Dashboard counts, the Display filter and Arrange by follow the clock", async () => {
    const B = await businessAccount(t, admin);
    const specs: Array<[string, Date, Record<string, unknown>]> = [
      ["Alpha", T0, { term: "1y", licenses: 10 }],
      ["Bravo", T0, { licenseType: "permanent", term: null, licenses: 40 }],
      ["Charlie", at(-10), { term: "1m", salesChannel: "online", licenses: 20 }],
      ["Delta", at(-45), { term: "1m", salesChannel: "online", licenses: 15 }],
      ["Echo", at(-100), { term: "1m", salesChannel: "online", licenses: 5 }],
      ["Foxtrot", new Date(T0.getTime() + 3600_000), { term: "1y", licenses: 30 }],
    ];
    const byName = new Map<string, string>();
    for (const [name, when, body] of specs.toReversed()) {
      const id = await issueAt(when, body, B);
      byName.set(id, name);
      expect((await send(t, admin, "PUT", subUrl(B, id), { displayName: name })).statusCode).toBe(200);
    }
    const foxtrot = [...byName].find(([, n]) => n === "Foxtrot")?.[0] as string;
    await act(foxtrot, { action: "suspend" });
    clock.set(T0);
    const names = async (query: string) =>
      (await send(t, admin, "GET", `${subsUrl(B)}?${query}`)).json().items.map((s: { id: string }) => byName.get(s.id));
    const card = async () => (await send(t, admin, "GET", `/api/accounts/${B}/dashboard`)).json().cards;

    expect(await card()).toEqual([
      expect.objectContaining({ active: 2, expiringSoon: 1, grace: 1, expired: 1, suspended: 1, totalLicenses: 115 }),
    ]);
    expect(await names("display=all")).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]);
    expect(await names("display=active")).toEqual(["Alpha", "Bravo"]);
    expect(await names("display=expiring_soon")).toEqual(["Charlie"]);
    expect(await names("display=grace")).toEqual(["Delta"]);
    expect(await names("display=expired")).toEqual(["Echo"]);
    expect(await names("sort=-name")).toEqual(["Foxtrot", "Echo", "Delta", "Charlie", "Bravo", "Alpha"]);
    expect(await names("sort=licenses")).toEqual(["Echo", "Alpha", "Delta", "Charlie", "Foxtrot", "Bravo"]);
    expect(await names("sort=-licenses")).toEqual(["Bravo", "Foxtrot", "Charlie", "Delta", "Alpha", "Echo"]);
    // A permanent license never expires: last when the soonest expiry comes first.
    expect(await names("sort=expires")).toEqual(["Echo", "Delta", "Charlie", "Alpha", "Foxtrot", "Bravo"]);
    expect(await names("sort=-expires")).toEqual(["Bravo", "Foxtrot", "Alpha", "Charlie", "Delta", "Echo"]);
    expect(await names("display=active&sort=-licenses")).toEqual(["Bravo", "Alpha"]);

    clock.set(at(20));
    expect(await card()).toEqual([
      expect.objectContaining({ active: 2, expiringSoon: 0, grace: 1, expired: 2, suspended: 1, totalLicenses: 100 }),
    ]);
    expect(await names("display=grace")).toEqual(["Charlie"]);
    expect(await names("display=expired&sort=-name")).toEqual(["Echo", "Delta"]);
  });
});

describe(`renewals and license types (${TEST_ENGINE})`, () => {
  it("renew extends from the current expiry, and maintenance & support with it; keys that renew follow", async () => {
    const id = await issueAt(T0, { term: "1y", licenses: 20 });
    const expiry = plusMonths(T0, 12);
    const follows = await newKey(t, admin, A, id, { name: "Follows", licenses: 2 });
    const own = await newKey(t, admin, A, id, {
      name: "Own",
      licenses: 2,
      renewWithSubscription: false,
      customExpiresAt: iso(at(-10, expiry)),
    });
    clock.set(at(100));
    const renewed = (await act(id, { action: "renew", term: "1y" })).json();
    expect(renewed).toMatchObject({ expiresAt: iso(plusMonths(expiry, 12)), maintenanceExpiresAt: iso(plusMonths(expiry, 12)) });
    expect(renewed.startsAt).toBe(iso(T0));
    const key = async (keyId: string) => (await send(t, admin, "GET", keyUrl(A, id, keyId))).json().expiresAt;
    expect(await key(follows.id)).toBe(iso(plusMonths(expiry, 12)));
    expect(await key(own.id)).toBe(iso(at(-10, expiry)));
  });

  it("extend needs a later date, and moves maintenance & support with it", async () => {
    const id = await issueAt(T0, { term: "1y" });
    const expiry = plusMonths(T0, 12);
    for (const date of [expiry, at(-1, expiry)]) {
      const refused = await act(id, { action: "extend", expiresAt: iso(date) });
      expect([refused.statusCode, refused.json().code]).toEqual([400, "VALIDATION_FAILED"]);
      expect(refused.json().errors).toEqual([{ field: "expiresAt", message: expect.any(String) }]);
    }
    const later = at(45, expiry);
    expect((await act(id, { action: "extend", expiresAt: iso(later) })).json()).toMatchObject({
      expiresAt: iso(later),
      maintenanceExpiresAt: iso(later),
    });
  });

  it("renewing an expired subscription starts from now", async () => {
    const id = await issueAt(T0, { term: "1y" });
    const now = at(90, plusMonths(T0, 12));
    clock.set(now);
    expect((await status(id)).status).toBe("expired");
    expect((await act(id, { action: "renew", term: "2y" })).json()).toMatchObject({
      status: "active",
      term: "2y",
      expiresAt: iso(plusMonths(now, 24)),
      maintenanceExpiresAt: iso(plusMonths(now, 24)),
    });
  });

  it("a trial lasts 30 days", async () => {
    const id = await issueAt(T0, { licenseType: "trial", term: null });
    expect(await details(id)).toMatchObject({
      licenseType: "trial",
      term: null,
      expiresAt: iso(at(30)),
      maintenanceExpiresAt: iso(at(30)),
      status: "expiring_soon",
      daysLeft: 30,
    });
    clock.set(at(30));
    expect((await status(id)).status).toBe("grace");
    clock.set(at(60));
    expect((await status(id)).status).toBe("expired");
  });

  it("a permanent license has no expiry, but maintenance & support expires; renew and extend move only that", async () => {
    const id = await issueAt(T0, { licenseType: "permanent", term: null });
    expect(await details(id)).toMatchObject({ expiresAt: null, daysLeft: null, maintenanceExpiresAt: iso(plusMonths(T0, 12)) });
    const longer = await issueAt(T0, { licenseType: "permanent", term: null, maintenanceMonths: 24 });
    expect((await details(longer)).maintenanceExpiresAt).toBe(iso(plusMonths(T0, 24)));
    clock.set(at(3650));
    expect(await status(id)).toEqual({ status: "active", daysLeft: null });
    expect((await act(id, { action: "renew", term: "1y" })).json()).toMatchObject({
      expiresAt: null,
      maintenanceExpiresAt: iso(plusMonths(at(3650), 12)),
    });
    const refused = await act(id, { action: "extend", expiresAt: iso(at(3650)) });
    expect([refused.statusCode, refused.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const extended = await act(id, { action: "extend", expiresAt: iso(at(4100)) });
    expect(extended.json()).toMatchObject({ status: "active", expiresAt: null, maintenanceExpiresAt: iso(at(4100)) });
  });
});

describe(`the operator's actions are audited (${TEST_ENGINE})`, () => {
  it("writes one audit_events row per action, with the operator as actor", async () => {
    const id = await issueAt(T0, { term: "1y", licenses: 10 });
    const actions = [
      { action: "renew", term: "1y" },
      { action: "extend", expiresAt: iso(at(1000)) },
      { action: "set_licenses", licenses: 12 },
      { action: "suspend", reason: "audit" },
      { action: "reinstate" },
      { action: "cancel" },
    ];
    for (const body of actions) expect((await act(id, body)).statusCode).toBe(200);
    const operatorId = await userIdOf(t, op.email);
    const rows = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "actorUserId", "accountId", "outcome", "targetType"])
      .where("targetId", "=", id)
      .orderBy("occurredAt")
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(
      ["issued", "renew", "extend", "set_licenses", "suspend", "reinstate", "cancel"]
        .map((a) => `operator.subscription_${a}`)
        .sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ actorUserId: operatorId, accountId: A, outcome: "success", targetType: "subscription" });
    }
  });
});
