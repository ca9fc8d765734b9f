import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, member, type Person, person } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { grant, newKey } from "../licensing/licensing-kit.ts";
import { activated, keepReporting, stateAfter } from "./farm-kit.ts";

/**
 * Issue 5, point 4: who hears about overuse, and when. Account Administrators and the
 * key's License Administrators get an email when overuse starts, one day before the
 * grace ends (from the periodic job), on deactivation, and when usage is back under the
 * limit; each once per episode, however often the job runs.
 */

const DAY = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date("2033-02-01T09:00:00.000Z"));
let t: TestApp;
let admin: Person;
let A: string;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
  admin = await person(t, "notice-admin");
  A = await businessAccount(t, admin);
});
afterAll(async () => t?.close());

async function overuseMails(email: string) {
  const rows = await t.database.db
    .selectFrom("outbox")
    .select(["template", "payloadJson"])
    .where("recipient", "=", email)
    .where("template", "like", "overuse-%")
    .orderBy("createdAt")
    .execute();
  return rows;
}

describe("overuse emails", () => {
  it("go to the Account Administrators and the key's License Administrator, once each per episode", async () => {
    const op = await operator(t);
    const s = await issue(t, op, { accountId: A, licenses: 20 });
    const keyAdmin = await member(t, admin, A, "notice-key-admin");
    const bystander = await member(t, admin, A, "notice-bystander");
    const key = await newKey(t, admin, A, s.id, { name: "Branch office", licenses: 5 });
    await grant(t, admin, A, s.id, key.id, [keyAdmin.userId]);

    const farm = await activated(t, keyAdmin, key.key);
    expect((await stateAfter(t, farm, 7)).state).toBe("overuse_grace");
    await keepReporting(t, clock, [[farm, 7]], 6.2 * DAY);
    await t.app.usageJobs.runOnce();
    await t.app.usageJobs.runOnce();
    await keepReporting(t, clock, [[farm, 7]], DAY);
    expect((await stateAfter(t, farm, 7)).state).toBe("overuse_deactivated");
    expect((await stateAfter(t, farm, 4)).state).toBe("active");

    const expected = ["overuse-started", "overuse-grace-ending", "overuse-deactivated", "overuse-resolved"];
    for (const who of [admin, keyAdmin]) {
      const mails = await overuseMails(who.email);
      expect(mails.map((m) => m.template)).toEqual(expected);
      expect(mails[0]?.payloadJson).toMatchObject({ keyName: "Branch office", limit: "5", inUse: "7" });
    }
    expect(await overuseMails(bystander.email)).toEqual([]);
  });
});
