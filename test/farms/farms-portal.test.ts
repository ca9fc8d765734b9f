import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, join, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { actionsUrl, grant, newKey, send, subUrl } from "../licensing/licensing-kit.ts";
import { activated, type Farm, farmCall, farmsUrl, farmUrl, keyUsageUrl, portal, primaryKeyId, report } from "./farm-kit.ts";

/** Issue 5, Manage Farms in the portal: the list, edits, bulk deactivation, CSV, usage charts, In Use Now. */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date("2032-05-03T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const clock = manualClock(T0);
let t: TestApp;
let op: Person;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  op = await operator(t);
});
afterAll(async () => t?.close());

/** A fresh account with its own administrator, so each test's list holds only its own farms. */
async function account(licenses = 50, when = T0) {
  clock.set(when);
  const admin = await person(t, "farms-admin");
  const A = await businessAccount(t, admin);
  const s = await issue(t, op, { accountId: A, licenses });
  return { admin, A, s };
}
const farmOn = (admin: Person, key: string, name: string, extra: Record<string, unknown> = {}) =>
  activated(t, admin, key, { farmName: name, ...extra });
type Item = { id: string; name: string; currentUsers: number; status: string; notes: string };
async function list(who: Person, A: string, query = "") {
  const response = await portal(t, who, "GET", `${farmsUrl(A)}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Item[]; nextCursor: string | null };
}
const names = async (who: Person, A: string, query: string) => (await list(who, A, query)).items.map((f) => f.name);

describe(`Manage Farms (${TEST_ENGINE})`, () => {
  it("filters by status, subscription, key and text (name, farm id or server id, any case)", async () => {
    const { admin, A, s } = await account();
    const s2 = await issue(t, op, { accountId: A, licenses: 10 });
    const k = await newKey(t, admin, A, s.id, { name: "Branch", licenses: 5 });
    await farmOn(admin, s.primaryKey, "Alpha north");
    await farmOn(admin, k.key, "Beta");
    await farmOn(admin, s2.primaryKey, "Gamma", { serverId: "SRV-Special-42" });
    const gone = await farmOn(admin, s2.primaryKey, "alpha south");
    expect((await farmCall(t, "deactivate", undefined, gone.credential)).statusCode).toBe(200);

    expect(await names(admin, A, "")).toEqual(["Alpha north", "alpha south", "Beta", "Gamma"]);
    expect(await names(admin, A, "status=active")).toEqual(["Alpha north", "Beta", "Gamma"]);
    expect(await names(admin, A, "status=deactivated")).toEqual(["alpha south"]);
    expect(await names(admin, A, `subscriptionId=${s2.id}`)).toEqual(["alpha south", "Gamma"]);
    expect(await names(admin, A, `keyId=${k.id}`)).toEqual(["Beta"]);
    expect(await names(admin, A, "q=ALPHA")).toEqual(["Alpha north", "alpha south"]);
    expect(await names(admin, A, "q=special-4")).toEqual(["Gamma"]);
    expect(await names(admin, A, "q=alpha&status=active")).toEqual(["Alpha north"]);
    expect(await names(admin, A, "q=nothing-like-this")).toEqual([]);
  });

  it("walks every farm exactly once with keyset paging, ties on the name broken by id", async () => {
    const { admin, A, s } = await account();
    // Names that sort the same in JavaScript and in any database collation; "Node b" and "Node B" tie.
    const wanted = ["Node b", "Node B", "Node a", "Node c", "Node B", "Node d", "Node a", "Node e", "Node f", "Node b", "Node c"];
    const ids: Array<{ id: string; key: string }> = [];
    for (const name of wanted) ids.push({ id: (await farmOn(admin, s.primaryKey, name)).farmId, key: name.toLowerCase() });
    const order = ids.sort((x, y) => (x.key === y.key ? (x.id < y.id ? -1 : 1) : x.key < y.key ? -1 : 1)).map((x) => x.id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(admin, A, `limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      sizes.push(page.items.length);
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 3]);
    expect(seen).toEqual(order);

    const bad = await portal(t, admin, "GET", `${farmsUrl(A)}?cursor=not-a-cursor`);
    expect([bad.statusCode, bad.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("renames a farm and edits its Notes, with an audit record; invalid edits are 400 and change nothing", async () => {
    const { admin, A, s } = await account();
    const f = await farmOn(admin, s.primaryKey, "Render node");
    const edited = await portal(t, admin, "PATCH", farmUrl(A, f.farmId), { name: "  Render node 7  ", notes: "Rack 4" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: f.farmId, name: "Render node 7", notes: "Rack 4" });
    expect(await names(admin, A, "q=node 7")).toEqual(["Render node 7"]);

    const events = await t.database.db
      .selectFrom("auditEvents")
      .select(["actorUserId", "accountId", "metadataJson"])
      .where("action", "=", "farm.updated")
      .where("targetId", "=", f.farmId)
      .execute();
    expect(events).toHaveLength(1);
    const metadata = events[0]?.metadataJson;
    expect(typeof metadata === "string" ? JSON.parse(metadata) : metadata).toEqual({
      farmName: "Render node 7",
      renamedFrom: "Render node",
      notesChanged: true,
    });
    expect(events[0]?.accountId).toBe(A);

    for (const body of [{ name: "   " }, { name: "x".repeat(121) }, { notes: "n".repeat(2001) }, { colour: "red" }]) {
      const bad = await portal(t, admin, "PATCH", farmUrl(A, f.farmId), body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(bad.json().code).toBe("VALIDATION_FAILED");
    }
    expect((await portal(t, admin, "GET", farmUrl(A, f.farmId))).json()).toMatchObject({
      name: "Render node 7",
      notes: "Rack 4",
    });
  });

  it("bulk-deactivates what the caller may see; one farm they cannot see refuses the whole list", async () => {
    const { admin, A, s } = await account();
    const k = await newKey(t, admin, A, s.id, { name: "Branch", licenses: 5 });
    const la = await person(t, "farms-la");
    await grant(t, admin, A, s.id, k.id, [await join(t, admin, A, la)]);
    const f1 = await farmOn(admin, k.key, "On K one");
    const f2 = await farmOn(admin, k.key, "On K two");
    const hidden = await farmOn(admin, s.primaryKey, "On Primary");
    const url = `${farmsUrl(A)}/deactivate`;

    const mixed = await portal(t, la, "POST", url, { farmIds: [f1.farmId, hidden.farmId] });
    expect([mixed.statusCode, mixed.json().code]).toEqual([404, "FARM_NOT_FOUND"]);
    expect((await list(admin, A, "status=active")).items).toHaveLength(3);

    const one = await portal(t, la, "POST", url, { farmIds: [f1.farmId] });
    expect(one.json()).toEqual({ deactivated: [f1.farmId], alreadyDeactivated: [] });
    const again = await portal(t, admin, "POST", url, { farmIds: [f1.farmId, f2.farmId, f2.farmId] });
    expect(again.json()).toEqual({ deactivated: [f2.farmId], alreadyDeactivated: [f1.farmId] });
    expect(await names(admin, A, "status=active")).toEqual(["On Primary"]);
    expect((await report(t, f2, 1)).json().license.state).toBe("deactivated");
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select("targetId")
      .where("action", "=", "farm.deactivated")
      .where("accountId", "=", A)
      .execute();
    expect(audit.map((e) => e.targetId).sort()).toEqual([f1.farmId, f2.farmId].sort());
  });

  it("saves the list as CSV: BOM, header, formulas neutralised, commas and quotes escaped, same filters", async () => {
    const { admin, A, s } = await account();
    const f = await farmOn(admin, s.primaryKey, "=cmd()");
    await portal(t, admin, "PATCH", farmUrl(A, f.farmId), { notes: "@SUM(A1)" });
    await farmOn(admin, s.primaryKey, 'Smith, "Bob"');
    const response = await portal(t, admin, "GET", `${farmsUrl(A)}.csv?status=active`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="farms\.csv"/);
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "Farm name,Current Status,License state,Farm ID,Server ID,App Version,Activation Date,Last Report Date,Peak Usage,Activation Key,Key name,Subscription,Notes",
    );
    expect(lines).toHaveLength(4); // header, two farms, and the empty string after the last CRLF
    expect(lines[1]?.startsWith("'=cmd(),Active,active,")).toBe(true);
    expect(lines[1]?.endsWith(",'@SUM(A1)")).toBe(true);
    expect(lines[2]?.startsWith('"Smith, ""Bob""",Active,')).toBe(true);
    expect(lines[3]).toBe("");
    const none = await portal(t, admin, "GET", `${farmsUrl(A)}.csv?status=deactivated`);
    expect(none.body.replace(/^\uFEFF/, "").split("\r\n")).toHaveLength(2);
  });

  it("a farm silent for over an hour shows 0 users; In Use Now is the sum over the keys the person sees", async () => {
    const { admin, A, s } = await account(30);
    const k1 = await newKey(t, admin, A, s.id, { name: "K1", licenses: 10 });
    const k2 = await newKey(t, admin, A, s.id, { name: "K2", licenses: 5 });
    const la = await person(t, "farms-la");
    await grant(t, admin, A, s.id, k1.id, [await join(t, admin, A, la)]);
    const p = await farmOn(admin, s.primaryKey, "P");
    const a = await farmOn(admin, k1.key, "K1 a");
    const b = await farmOn(admin, k1.key, "K1 b");
    const c = await farmOn(admin, k2.key, "K2");
    const reports: Array<[Farm, number]> = [
      [p, 4],
      [a, 3],
      [b, 2],
      [c, 4],
    ];
    for (const [farm, users] of reports) expect((await report(t, farm, users)).statusCode).toBe(200);
    const inUseNow = async (who: Person) => (await send(t, who, "GET", subUrl(A, s.id))).json().licenses.inUseNow as number;
    const listed = async (who: Person) =>
      (await list(who, A, `subscriptionId=${s.id}`)).items.reduce((n, f) => n + f.currentUsers, 0);
    expect([await inUseNow(admin), await listed(admin)]).toEqual([13, 13]);
    expect([await inUseNow(la), await listed(la)]).toEqual([5, 5]);

    // 30 minutes on, only the Primary Key's farm reports; 31 minutes later the others have been silent for 61.
    clock.set(at(30 * MINUTE));
    expect((await report(t, p, 6)).statusCode).toBe(200);
    const farmA = async () => (await portal(t, admin, "GET", farmUrl(A, a.farmId))).json();
    expect((await farmA()).currentUsers).toBe(3);
    clock.set(at(61 * MINUTE));
    expect(await farmA()).toMatchObject({ status: "active", currentUsers: 0, lastReportAt: T0.toISOString() });
    expect([await inUseNow(admin), await listed(admin)]).toEqual([6, 6]);
    expect([await inUseNow(la), await listed(la)]).toEqual([0, 0]);
  });
});

describe(`usage charts after the roll-up job (${TEST_ENGINE})`, () => {
  it("key: hourly points for 24h, daily for 30d and 12m, the limit then and now, and overuse periods", async () => {
    const { admin, A, s } = await account(10, at(-40 * DAY));
    const f1 = await farmOn(admin, s.primaryKey, "One");
    const f2 = await farmOn(admin, s.primaryKey, "Two");
    const keyId = await primaryKeyId(t, admin, A, s.id);
    const usage = async (range: string) => (await portal(t, admin, "GET", `${keyUsageUrl(A, keyId)}?range=${range}`)).json();
    /** Both farms report at `when` (f1 first); the job runs, as it does every few minutes. */
    const step = async (when: number, u1: number, u2: number, peak1 = u1) => {
      clock.set(at(when));
      expect((await report(t, f1, u1, peak1)).statusCode).toBe(200);
      expect((await report(t, f2, u2)).statusCode).toBe(200);
      await t.app.usageJobs.runOnce();
    };
    await step(-40 * DAY, 2, 1); // pooled 3
    await step(-10 * DAY, 3, 3); // pooled 6
    await step(-5 * HOUR + 10 * MINUTE, 4, 4); // 07:10: f1 alone 4 (f2 silent for days), then 8
    await step(-4 * HOUR, 5, 7); // 08:00: 9, then 12 — over the limit of 10
    expect((await usage("24h")).overuse).toEqual([
      { startedAt: at(-4 * HOUR).toISOString(), endedAt: null, peakUsers: 12, limit: 10 },
    ]);
    await step(-3.5 * HOUR, 5, 3); // 08:30: 12, then 8 — back under
    await step(-2 * HOUR - 40 * MINUTE, 1, 1, 6); // 09:20: 4, then 2; f1 peaked at 6 in between
    clock.set(T0);
    await t.app.usageJobs.runOnce();

    const day = await usage("24h");
    expect(day).toMatchObject({ range: "24h", bucket: "hour", from: at(-DAY).toISOString(), to: T0.toISOString(), limit: 10 });
    expect(day.points).toEqual([
      { at: at(-5 * HOUR).toISOString(), maxUsers: 8, limit: 10 },
      { at: at(-4 * HOUR).toISOString(), maxUsers: 12, limit: 10 },
      { at: at(-3 * HOUR).toISOString(), maxUsers: 4, limit: 10 },
    ]);
    // When exactly the period ended is pinned down by the next test.
    const period = { startedAt: at(-4 * HOUR).toISOString(), endedAt: expect.any(String), peakUsers: 12, limit: 10 };
    expect(day.overuse).toEqual([period]);
    const dayOf = (ms: number) => new Date(Math.floor(at(ms).getTime() / DAY) * DAY).toISOString();
    const month = await usage("30d");
    expect(month).toMatchObject({ bucket: "day", overuse: [period] });
    expect(month.points).toEqual([
      { at: dayOf(-10 * DAY), maxUsers: 6, limit: 10 },
      { at: dayOf(0), maxUsers: 12, limit: 10 },
    ]);
    expect((await usage("12m")).points.map((p: { maxUsers: number }) => p.maxUsers)).toEqual([3, 6, 12]);

    // More licenses: the chart's limit is today's; each point keeps the limit of its time.
    expect((await send(t, op, "POST", actionsUrl(s.id), { action: "set_licenses", licenses: 15 })).statusCode).toBe(200);
    const after = await usage("30d");
    expect([after.limit, after.points.at(-1)?.limit]).toEqual([15, 10]);

    // A farm's chart: its daily peaks (what it reported as peak, not its current users).
    const farmUsage = async (range: string) =>
      (await portal(t, admin, "GET", `${farmUrl(A, f1.farmId)}/usage?range=${range}`)).json();
    const f1Month = await farmUsage("30d");
    expect(f1Month).toMatchObject({ bucket: "day", limit: 10, overuse: [] });
    expect(f1Month.points).toEqual([
      { at: dayOf(-10 * DAY), maxUsers: 3, limit: 10 },
      { at: dayOf(0), maxUsers: 6, limit: 10 },
    ]);
    expect((await farmUsage("12m")).points.map((p: { maxUsers: number }) => p.maxUsers)).toEqual([2, 3, 6]);
    expect((await farmUsage("24h")).bucket).toBe("day");
  });

  it("an overuse period ends at the first report back under the limit, stays ended, and a new one opens when over again", async () => {
    const { admin, A, s } = await account(10);
    const f1 = await farmOn(admin, s.primaryKey, "One");
    const f2 = await farmOn(admin, s.primaryKey, "Two");
    const keyId = await primaryKeyId(t, admin, A, s.id);
    const periods = async () => (await portal(t, admin, "GET", keyUsageUrl(A, keyId))).json().overuse;
    const reportAt = async (when: number, farm: Farm, users: number) => {
      clock.set(at(when));
      expect((await report(t, farm, users)).statusCode).toBe(200);
    };
    await reportAt(0, f1, 8);
    await reportAt(0, f2, 4); // 12 > 10: over
    await reportAt(30 * MINUTE, f2, 1); // 9: back under
    const ended = { startedAt: T0.toISOString(), endedAt: at(30 * MINUTE).toISOString(), peakUsers: 12, limit: 10 };
    expect(await periods()).toEqual([ended]);
    // The key's usage row lets go of the ended period (check-in.service.ts saves `episodeId: null` when not over).
    const usageRow = t.database.db.selectFrom("keyUsage").select("episodeId").where("keyId", "=", keyId);
    expect.soft(await usageRow.executeTakeFirst()).toEqual({ episodeId: null });
    // Soft from here on: each symptom is reported, not only the first.
    await reportAt(40 * MINUTE, f1, 8); // still 9: nothing about the ended period changes
    expect.soft(await periods()).toEqual([ended]);
    await reportAt(50 * MINUTE, f2, 5); // 13: over again, still inside the 7-day grace
    const reopened = { startedAt: at(50 * MINUTE).toISOString(), endedAt: null, peakUsers: 13, limit: 10 };
    expect.soft(await periods()).toEqual([ended, reopened]);
  });

  it("the current hour is live: the users in use now show before the roll-up job has run", async () => {
    const { admin, A, s } = await account(10);
    const f1 = await farmOn(admin, s.primaryKey, "One");
    const f2 = await farmOn(admin, s.primaryKey, "Two");
    const keyId = await primaryKeyId(t, admin, A, s.id);
    clock.set(at(5 * MINUTE));
    expect((await report(t, f1, 3)).statusCode).toBe(200);
    expect((await report(t, f2, 4)).statusCode).toBe(200);
    const hour = new Date(Math.floor(at(5 * MINUTE).getTime() / HOUR) * HOUR).toISOString();
    const live = (await portal(t, admin, "GET", `${keyUsageUrl(A, keyId)}?range=24h`)).json();
    expect(live.points).toEqual([{ at: hour, maxUsers: 7, limit: 10 }]);
  });
});
