import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FarmLicenseResponse } from "../../contracts/farms.ts";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { newKey, send, subUrl } from "../licensing/licensing-kit.ts";
import { activate, activated, farmCall, keepReporting, report, stateAfter } from "./farm-kit.ts";

/** Issue 5, points 1, 3 and 4 through the farm API: activation, check-ins, repeats, overuse, trials. */

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2032-05-03T08:00:00.000Z");
const clock = manualClock(T0);
let t: TestApp;
let op: Person;
let admin: Person;
let A: string;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  op = await operator(t);
  admin = await person(t, "farm-admin");
  A = await businessAccount(t, admin);
});
afterAll(async () => t?.close());

async function subscription(licenses: number) {
  clock.set(T0);
  return issue(t, op, { accountId: A, licenses });
}
const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

describe("activation", () => {
  it("returns a farm credential, the license and a certificate; wrong passwords get the RAS-style error", async () => {
    const s = await subscription(10);
    const response = await activate(t, admin, s.primaryKey);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.farmCredential).toMatch(/^lpf_/);
    expect(body.license).toMatchObject({
      state: "active",
      concurrentUsers: { limit: 10, inUse: 0 },
      licenseType: "subscription",
    });
    expect(body.license.maskedKey.endsWith(s.primaryKey.slice(-6))).toBe(true);
    expect(body.certificate.alg).toBe("EdDSA");
    expect(body.sequence).toBe(0);

    const wrong = await activate(t, { email: admin.email, password: "not the password at all" }, s.primaryKey);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: "INVALID_LOGIN_OR_PASSWORD", detail: "Invalid login or password." });
    const nobody = await activate(t, { email: "nobody@example.com", password: "whatever-password" }, s.primaryKey);
    expect(nobody.json().code).toBe("INVALID_LOGIN_OR_PASSWORD");
  });

  it("ignores cookies: a farm call that carries one is not taken for a cross-site request", async () => {
    const s = await subscription(2);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/farm/v1/activate",
      headers: { "content-type": "application/json", cookie: admin.cookie },
      payload: JSON.stringify({
        email: admin.email,
        password: admin.password,
        key: s.primaryKey,
        farmId: "cookie-farm",
        serverId: "srv",
        appVersion: "19.4",
        farmName: "Cookie farm",
      }),
    });
    expect(response.statusCode).toBe(201);
  });

  it("refuses a mistyped key, an unknown key and a key of an account the person is not in", async () => {
    const s = await subscription(5);
    const typo = await activate(t, admin, `${s.primaryKey.slice(0, -1)}${s.primaryKey.endsWith("2") ? "3" : "2"}`);
    expect(typo.json().code).toBe("LICENSE_KEY_INVALID");
    const outsider = await person(t, "farm-outsider");
    const other = await activate(t, outsider, s.primaryKey);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe("LICENSE_KEY_NOT_FOUND");
  });

  it("activating the same farm again keeps its row and retires the old credential", async () => {
    const s = await subscription(5);
    const first = await activated(t, admin, s.primaryKey, { farmId: "reinstalled-farm" });
    const second = await activated(t, admin, s.primaryKey, { farmId: "reinstalled-farm" });
    expect(second.farmId).toBe(first.farmId);
    expect((await report(t, first, 1)).statusCode).toBe(401);
    expect((await report(t, second, 1)).statusCode).toBe(200);
  });
});

describe("check-ins", () => {
  it("pools users across a key's farms, answers a repeated report without counting it twice, refuses an older one", async () => {
    const s = await subscription(10);
    const f1 = await activated(t, admin, s.primaryKey);
    const f2 = await activated(t, admin, s.primaryKey);
    expect((await stateAfter(t, f1, 4)).concurrentUsers.inUse).toBe(4);
    expect((await stateAfter(t, f2, 3)).concurrentUsers.inUse).toBe(7);

    const again = await farmCall(t, "check-in", { sequence: f2.sequence, currentUsers: 3, peakUsers: 3 }, f2.credential);
    expect(again.statusCode).toBe(200);
    // A repeat is answered like a report: the documented shape.
    expect(() => FarmLicenseResponse.parse(again.json())).not.toThrow();
    expect(again.json()).toMatchObject({ replayed: true, license: { concurrentUsers: { inUse: 7 } } });
    const reused = await farmCall(t, "check-in", { sequence: f2.sequence, currentUsers: 9, peakUsers: 9 }, f2.credential);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe("REPORT_OUT_OF_ORDER");
    const older = await farmCall(t, "check-in", { sequence: 0, currentUsers: 1, peakUsers: 1 }, f2.credential);
    expect(older.statusCode).toBe(400);

    const reports = await t.database.db.selectFrom("farmReports").select("sequence").where("farmId", "=", f2.farmId).execute();
    expect(reports).toHaveLength(1);
  });

  it("refuses a missing or unknown credential and a peak below the current users", async () => {
    const s = await subscription(3);
    const f = await activated(t, admin, s.primaryKey);
    expect((await farmCall(t, "check-in", { sequence: 1, currentUsers: 1, peakUsers: 1 })).json().code).toBe(
      "FARM_CREDENTIAL_INVALID",
    );
    expect(
      (await farmCall(t, "check-in", { sequence: 1, currentUsers: 1, peakUsers: 1 }, `lpf_${"x".repeat(43)}`)).statusCode,
    ).toBe(401);
    const bad = await farmCall(t, "check-in", { sequence: 1, currentUsers: 5, peakUsers: 2 }, f.credential);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
  });

  it("a farm that deactivates itself stops counting and is told so", async () => {
    const s = await subscription(10);
    const f1 = await activated(t, admin, s.primaryKey);
    const f2 = await activated(t, admin, s.primaryKey);
    await stateAfter(t, f1, 6);
    await stateAfter(t, f2, 2);
    const off = await farmCall(t, "deactivate", undefined, f1.credential);
    expect(off.statusCode).toBe(200);
    expect((await stateAfter(t, f1, 6)).state).toBe("deactivated");
    expect((await stateAfter(t, f2, 2)).concurrentUsers.inUse).toBe(2);
  });
});

describe("overuse", () => {
  it("7-day grace, then deactivation while over, reactivation at the limit, and a new grace after licenses are added", async () => {
    const s = await subscription(10);
    const f1 = await activated(t, admin, s.primaryKey);
    const f2 = await activated(t, admin, s.primaryKey);
    expect((await stateAfter(t, f1, 6)).state).toBe("active");
    const over = await stateAfter(t, f2, 5);
    expect(over).toMatchObject({ state: "overuse_grace", daysLeft: 7, concurrentUsers: { inUse: 11, limit: 10 } });
    // Manage Farms shows what each farm was told, with the days left counted from now.
    const listed: Array<{ id: string; licenseState: string; licenseDaysLeft: number | null }> = (
      await send(t, admin, "GET", `/api/accounts/${A}/farms?subscriptionId=${s.id}`)
    ).json().items;
    const shown = (id: string) => listed.find((f) => f.id === id);
    expect(shown(f1.farmId)).toMatchObject({ licenseState: "active", licenseDaysLeft: null });
    expect(shown(f2.farmId)).toMatchObject({ licenseState: "overuse_grace", licenseDaysLeft: 7 });

    await keepReporting(
      t,
      clock,
      [
        [f2, 5],
        [f1, 6],
      ],
      6.5 * DAY,
    );
    expect(await stateAfter(t, f1, 6)).toMatchObject({ state: "overuse_grace", daysLeft: 1 });
    await keepReporting(t, clock, [[f2, 5]], DAY);
    expect((await stateAfter(t, f1, 6)).state).toBe("overuse_deactivated");
    expect((await stateAfter(t, f2, 4)).state).toBe("active");
    expect((await stateAfter(t, f2, 5)).state).toBe("overuse_deactivated");

    // The operator adds licenses (a purchase): the grace is available again.
    const added = await send(t, op, "POST", `/api/operator/subscriptions/${s.id}/actions`, {
      action: "set_licenses",
      licenses: 11,
    });
    expect(added.statusCode).toBe(200);
    expect((await stateAfter(t, f2, 6)).state).toBe("overuse_grace");

    const mails = await t.database.db
      .selectFrom("outbox")
      .select("template")
      .where("recipient", "=", admin.email)
      .where("template", "like", "overuse-%")
      .execute();
    expect(mails.map((m) => m.template)).toEqual(
      expect.arrayContaining(["overuse-started", "overuse-deactivated", "overuse-resolved"]),
    );
  });

  it("an additional key has its own pool and its Max Users Per Farm caps each farm", async () => {
    const s = await subscription(20);
    const extra = await newKey(t, admin, A, s.id, { name: "Branch", licenses: 8, maxUsersPerFarm: 5 });
    const f1 = await activated(t, admin, extra.key);
    const f2 = await activated(t, admin, extra.key);
    expect((await stateAfter(t, f1, 6)).state).toBe("overuse_grace");
    expect((await stateAfter(t, f2, 2)).state).toBe("active");
    const details = (await send(t, admin, "GET", subUrl(A, s.id))).json();
    expect(details.licenses.inUseNow).toBe(8);
  });
});

describe("trial", () => {
  it("activates without a key for 30 days, once per account", async () => {
    const who = await person(t, "trial");
    clock.set(T0);
    const first = await activated(t, who, undefined);
    expect(first.body.license).toMatchObject({ state: "active", licenseType: "trial" });
    const second = await activated(t, who, undefined);
    expect(second.body.license.licenseType).toBe("trial");
    advance(31 * DAY);
    const late = await activate(t, who, undefined);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("TRIAL_ALREADY_USED");
    expect((await stateAfter(t, first, 1)).state).toBe("expired");
  });
});
