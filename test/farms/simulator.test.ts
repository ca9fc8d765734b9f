import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimulation } from "../../src/modules/farms/simulator/simulate.ts";
import { businessAccount, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

/**
 * The farm simulator against the real app over real HTTP (a free port on 127.0.0.1):
 * it may use nothing but the public farm API, so this is also a check that a farm
 * written from the API alone works. Time is compressed (a 20-minute interval becomes
 * 250–400 ms), so a run of a few rounds takes one to two seconds.
 */

let t: TestApp;
let url: string;
let admin: Person;
let op: Person;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  op = await operator(t);
  admin = await person(t, "sim-admin");
  accountId = await businessAccount(t, admin);
});
afterAll(async () => t?.close());

const primaryKeyId = async (subscriptionId: string) =>
  (
    await t.database.db
      .selectFrom("licenseKeys")
      .select("id")
      .where("subscriptionId", "=", subscriptionId)
      .where("kind", "=", "primary")
      .executeTakeFirstOrThrow()
  ).id;
const farmRows = (keyId: string) =>
  t.database.db
    .selectFrom("farms")
    .select(["id", "farmUid", "status", "licenseState", "lastSequence", "currentUsers"])
    .where("keyId", "=", keyId)
    .orderBy("farmUid")
    .execute();
const reportCount = async (farmIds: string[]) =>
  Number(
    (
      await t.database.db
        .selectFrom("farmReports")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("farmId", "in", farmIds)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("farm simulate", () => {
  it("activates the farms, reports on schedule, and the overuse profile drives the key into its overuse grace", async () => {
    const s = await issue(t, op, { accountId, licenses: 10 });
    const lines: string[] = [];
    const result = await runSimulation(
      {
        url,
        email: admin.email,
        password: admin.password,
        key: s.primaryKey,
        farms: 3,
        profile: "overuse",
        intervalSeconds: 1200,
        // 1 s a round: a round more than an interval late is skipped (as a real farm would), and a
        // loaded CI machine can stall 250 ms; the counts below must not depend on the machine.
        timeScale: 1200,
        rounds: 6,
        prefix: "sim-over",
      },
      { log: (line) => lines.push(line) },
    );

    expect(result.limit).toBe(10);
    expect(result.totals).toMatchObject({ reports: 18, replayed: 0, failed: 0, reactivations: 0 });
    expect(result.rounds.map((r) => r.farms)).toEqual([3, 3, 3, 3, 3, 3]);
    // 60% of the limit at the start, 130% (13 users) from the third interval on.
    expect(result.rounds[0]?.users).toBe(6);
    expect(result.rounds.at(-1)).toMatchObject({ users: 13, inUse: 13, limit: 10 });
    expect(result.rounds[0]?.states).toEqual({ active: 3 });
    expect(result.rounds.at(-1)?.states).toEqual({ overuse_grace: 3 });
    expect(result.farms.map((f) => f.state)).toEqual(["overuse_grace", "overuse_grace", "overuse_grace"]);
    expect(lines[0]).toMatch(/^activated 3 farms .* limit 10 users/);
    expect(lines.filter((l) => l.startsWith("round"))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/users 13\/10 .*overuse_grace 3/);

    // What the portal recorded.
    const keyId = await primaryKeyId(s.id);
    const farms = await farmRows(keyId);
    expect(farms.map((f) => f.farmUid)).toEqual(["sim-over-1", "sim-over-2", "sim-over-3"]);
    expect(farms.every((f) => f.status === "active" && f.lastSequence === 6)).toBe(true);
    expect(farms.every((f) => f.licenseState === "overuse_grace")).toBe(true);
    expect(farms.reduce((a, f) => a + f.currentUsers, 0)).toBe(13);
    expect(await reportCount(farms.map((f) => f.id))).toBe(18);
    const grace = await t.database.db.selectFrom("keyUsage").selectAll().where("keyId", "=", keyId).executeTakeFirstOrThrow();
    expect(grace.graceStartedAt).not.toBeNull();
    expect(grace.episodeId).not.toBeNull();
  });

  it("retries a report whose answer was lost with the same sequence, so the portal counts it once", async () => {
    const s = await issue(t, op, { accountId, licenses: 20 });
    // Each report's first attempt reaches the portal but its answer is lost; the retry meets a 503; the third gets through.
    const attempts = new Map<string, number>();
    const flaky: typeof fetch = async (input, init) => {
      if (!String(input).endsWith("/check-in")) return fetch(input, init);
      const id = `${new Headers(init?.headers).get("authorization")} ${String(init?.body)}`;
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n === 1) {
        await (await fetch(input, init)).text();
        throw new TypeError("fetch failed: the connection was reset");
      }
      if (n === 2) return Response.json({ code: "UNAVAILABLE", detail: "Try again." }, { status: 503 });
      return fetch(input, init);
    };
    const result = await runSimulation(
      {
        url,
        email: admin.email,
        password: admin.password,
        key: s.primaryKey,
        farms: 2,
        profile: "steady",
        timeScale: 1200, // 1 s a round (see above)
        rounds: 4,
        prefix: "sim-flaky",
        deactivateOnExit: true,
      },
      { log: () => {}, fetch: flaky },
    );

    expect(result.totals).toMatchObject({ reports: 8, replayed: 8, retries: 16, failed: 0 });
    expect(result.deactivated).toBe(2);
    const farms = await farmRows(await primaryKeyId(s.id));
    expect(farms.map((f) => [f.farmUid, f.lastSequence, f.status])).toEqual([
      ["sim-flaky-1", 4, "deactivated"],
      ["sim-flaky-2", 4, "deactivated"],
    ]);
    expect(await reportCount(farms.map((f) => f.id))).toBe(8);
  });

  it("re-activates a farm whose credential was replaced, and starts its sequence again", async () => {
    const s = await issue(t, op, { accountId, licenses: 20 });
    let stolen = false;
    // After the first report, someone activates the same farm elsewhere: the simulator's credential stops working.
    const hijack: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith("/check-in") && !stolen) {
        stolen = true;
        const body = { email: admin.email, password: admin.password, key: s.primaryKey, farmId: "sim-moved-1" };
        const again = { ...body, serverId: "elsewhere", appVersion: "19.4.1", farmName: "sim-moved-1" };
        const r = await fetch(`${url}/api/farm/v1/activate`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(again),
        });
        expect(r.status).toBe(201);
      }
      return response;
    };
    const result = await runSimulation(
      {
        ...{ url, email: admin.email, password: admin.password, key: s.primaryKey },
        ...{ farms: 1, profile: "waves", timeScale: 2400, rounds: 3, prefix: "sim-moved" },
      },
      { log: () => {}, fetch: hijack },
    );
    expect(result.totals).toMatchObject({ reports: 3, reactivations: 1, failed: 0 });
    const [farm] = await farmRows(await primaryKeyId(s.id));
    expect(farm).toMatchObject({ farmUid: "sim-moved-1", status: "active", lastSequence: 2 });
  });
});
