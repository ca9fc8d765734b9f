import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, join, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { grant, send, subUrl } from "../licensing/licensing-kit.ts";
import { activated, type Farm, farmCall, farmRow, primaryKeyId, report } from "./farm-kit.ts";

/**
 * Issue 5, point 10: parallel check-ins from many farms of one key count correctly at
 * the grace boundary. Check-ins of one key take turns on its key_usage row (a row lock
 * on PostgreSQL, serialized transactions on SQLite), so each report sees every report
 * committed before it: the answers' pooled counts form one serial history.
 */

const T0 = new Date("2032-05-03T08:00:00.000Z");
const clock = manualClock(T0);
const LIMIT = 100;
const FARMS = 20;
let t: TestApp;
let op: Person;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  op = await operator(t);
});
afterAll(async () => t?.close());

/** An account with a key of `licenses`, its administrator, a License Administrator of the key, and `count` farms on it. */
async function keyWithFarms(licenses: number, count: number) {
  clock.set(T0);
  const admin = await person(t, "race-admin");
  const la = await person(t, "race-la");
  const A = await businessAccount(t, admin);
  const s = await issue(t, op, { accountId: A, licenses });
  const keyId = await primaryKeyId(t, admin, A, s.id);
  await grant(t, admin, A, s.id, keyId, [await join(t, admin, A, la)]);
  const farms: Farm[] = [];
  for (let i = 0; i < count; i++) farms.push(await activated(t, admin, s.primaryKey));
  const inUseNow = async () => (await send(t, admin, "GET", subUrl(A, s.id))).json().licenses.inUseNow as number;
  return { admin, la, A, s, keyId, farms, inUseNow };
}

type Answer = { statusCode: number; license: { state: string; concurrentUsers: { inUse: number } }; replayed: boolean };
const answerOf = (response: Awaited<ReturnType<typeof report>>): Answer => ({
  ...response.json(),
  statusCode: response.statusCode,
});

describe(`parallel check-ins of one key (${TEST_ENGINE})`, () => {
  // From exactly at the limit (every report goes over), and from below it (the pool crosses the limit mid-burst).
  it.each([
    { from: 5, to: 6 },
    { from: 4, to: 6 },
  ])(
    `${FARMS} farms go from $from to $to users at once: one overuse episode, one grace, one email each`,
    async ({ from, to }) => {
      const k = await keyWithFarms(LIMIT, FARMS);
      for (const farm of k.farms) expect((await report(t, farm, from)).statusCode).toBe(200);
      expect(await k.inUseNow()).toBe(FARMS * from);

      clock.set(new Date(T0.getTime() + 20 * 60 * 1000));
      const answers = (await Promise.all(k.farms.map((farm) => report(t, farm, to)))).map(answerOf);
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));

      // One serial history: the i-th report to commit saw the pool grown by i steps, no count seen twice.
      // (Soft, so that a lost update still shows what it did to the states, grace, episodes and emails below.)
      const step = to - from;
      const seen = answers.map((a) => a.license.concurrentUsers.inUse).sort((x, y) => x - y);
      expect.soft(seen).toEqual(k.farms.map((_, i) => FARMS * from + (i + 1) * step));
      // Over the limit means grace, at or under it means active, whatever the order.
      for (const a of answers)
        expect.soft(a.license.state).toBe(a.license.concurrentUsers.inUse > LIMIT ? "overuse_grace" : "active");
      const active = answers.filter((a) => a.license.state === "active").length;
      expect.soft(active).toBe(Math.max(0, Math.floor((LIMIT - FARMS * from) / step)));
      expect(await k.inUseNow()).toBe(FARMS * to);

      const { db } = t.database;
      const episodes = await db
        .selectFrom("overuseEpisodes")
        .select(["id", "startedAt", "limitAtStart", "peakUsers"])
        .where("keyId", "=", k.keyId)
        .execute();
      expect(episodes).toHaveLength(1);
      expect(episodes[0]).toMatchObject({ startedAt: clock.now(), limitAtStart: LIMIT, peakUsers: FARMS * to });
      const usage = await db
        .selectFrom("keyUsage")
        .select(["graceStartedAt", "graceLimit", "episodeId"])
        .where("keyId", "=", k.keyId)
        .executeTakeFirst();
      expect(usage).toEqual({ graceStartedAt: clock.now(), graceLimit: LIMIT, episodeId: episodes[0]?.id });
      const claims = await db
        .selectFrom("overuseNotices")
        .select("kind")
        .where("episodeId", "=", episodes[0]?.id ?? "")
        .execute();
      expect(claims).toEqual([{ kind: "started" }]);
      const mails = await db
        .selectFrom("outbox")
        .select("recipient")
        .where("template", "=", "overuse-started")
        .where("recipient", "in", [k.admin.email, k.la.email])
        .execute();
      expect(mails.map((m) => m.recipient).sort()).toEqual([k.admin.email, k.la.email].sort());
      const reports = await db
        .selectFrom("farmReports")
        .select("farmId")
        .where("keyId", "=", k.keyId)
        .where("sequence", "=", 2)
        .execute();
      expect(reports).toHaveLength(FARMS);
    },
  );

  it("the same report sent 10 times at once is counted once", async () => {
    const k = await keyWithFarms(50, 3);
    const [f1, f2, f3] = k.farms as [Farm, Farm, Farm];
    for (const [farm, users] of [
      [f1, 5],
      [f2, 6],
      [f3, 7],
    ] as const)
      expect((await report(t, farm, users)).statusCode).toBe(200);

    // Sequence 2 with 9 users, ten times, as a farm retrying on a flaky network might.
    const body = { sequence: 2, currentUsers: 9, peakUsers: 9 };
    const answers = (await Promise.all(Array.from({ length: 10 }, () => farmCall(t, "check-in", body, f1.credential)))).map(
      answerOf,
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.license.concurrentUsers.inUse))).toEqual(new Set([9 + 6 + 7]));

    expect(await farmRow(t, f1.farmId)).toMatchObject({ currentUsers: 9, lastSequence: 2 });
    const rows = await t.database.db.selectFrom("farmReports").select("sequence").where("farmId", "=", f1.farmId).execute();
    expect(rows.map((r) => r.sequence).sort()).toEqual([1, 2]);
    expect(await k.inUseNow()).toBe(9 + 6 + 7);
  });
});
