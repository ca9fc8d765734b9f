import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReminderJob } from "../../src/modules/licensing/reminders.ts";
import { manualClock } from "../../src/server/clock.ts";
import { businessAccount, call, member, person } from "../helpers/account-fixtures.ts";
import { createKey, issue, operator, subscriptionUrl } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

const clock = manualClock(new Date("2027-01-10T09:00:00Z"));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" }, { clock });
});
afterAll(async () => t?.close());

async function remindersTo(email: string) {
  const rows = await t.database.db
    .selectFrom("outbox")
    .select(["template", "payloadJson", "locale"])
    .where("recipient", "=", email)
    .where("template", "in", ["subscription-expiring", "subscription-expired"])
    .orderBy("createdAt")
    .execute();
  return rows.map((r) => `${r.template}:${r.payloadJson.daysLeft ?? "-"}`);
}

/** Online subscriptions renew automatically unless renewal is off; reminders are for the ones that will not. */
const renewalOff = (subscriptionId: string) =>
  t.database.db.updateTable("subscriptions").set({ renewalEnabled: false }).where("id", "=", subscriptionId).execute();

describe(`expiry reminders (${TEST_ENGINE})`, () => {
  it("reach the administrators and the key's License Administrators 30, 7 and 1 days before and on expiry, each exactly once", async () => {
    clock.set(new Date("2027-01-10T09:00:00Z"));
    const op = await operator(t);
    const admin = await person(t, "remind-admin");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 20, term: "1m", salesChannel: "online" }); // expires 2027-02-10
    await renewalOff(id);
    const key = (await createKey(t, admin, accountId, id, 5)).json();
    const keeper = await member(t, admin, accountId, "keeper");
    await call(t, admin, "PUT", `${subscriptionUrl(accountId, id)}/keys/${key.id}/administrators`, { userIds: [keeper.userId] });
    const bystander = await member(t, admin, accountId, "bystander");

    // A second "process": another job on the same database, racing the app's own.
    const other = createReminderJob({ database: t.database, clock, publicUrl: "http://localhost:3000" });
    const runBoth = () => Promise.all([t.app.reminders.runOnce(), other.runOnce()]);

    await runBoth();
    expect(await remindersTo(admin.email)).toEqual([]); // 31 days left: nothing yet

    clock.set(new Date("2027-01-12T09:00:00Z")); // 29 days left
    await runBoth();
    await runBoth();
    expect(await remindersTo(admin.email)).toEqual(["subscription-expiring:29"]);
    expect(await remindersTo(keeper.email)).toEqual(["subscription-expiring:29"]);
    expect(await remindersTo(bystander.email)).toEqual([]);

    clock.set(new Date("2027-02-04T09:00:00Z")); // 6 days left
    await runBoth();
    clock.set(new Date("2027-02-09T10:00:00Z")); // within the last day
    await runBoth();
    clock.set(new Date("2027-02-10T10:00:00Z")); // expired, in grace
    await runBoth();
    await runBoth();
    expect(await remindersTo(admin.email)).toEqual([
      "subscription-expiring:29",
      "subscription-expiring:6",
      "subscription-expiring:1",
      "subscription-expired:-",
    ]);

    // Renewing moves the expiry, which arms the reminders again for the new date.
    await call(t, op, "POST", `/api/operator/subscriptions/${id}/actions`, { action: "renew", term: "1m" });
    clock.set(new Date("2027-03-05T10:00:00Z"));
    await runBoth();
    expect((await remindersTo(admin.email)).length).toBe(5);
  });

  it("a job that runs late sends only the most urgent reminder", async () => {
    clock.set(new Date("2027-06-01T09:00:00Z"));
    const op = await operator(t);
    const admin = await person(t, "late-admin");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 5, term: "1m", salesChannel: "online" }); // expires 2027-07-01
    await renewalOff(id);
    clock.set(new Date("2027-06-28T09:00:00Z")); // 3 days left: 30 and 7 are both due
    await t.app.reminders.runOnce();
    expect(await remindersTo(admin.email)).toEqual(["subscription-expiring:3"]);
    clock.set(new Date("2027-06-29T09:00:00Z"));
    await t.app.reminders.runOnce();
    expect(await remindersTo(admin.email)).toEqual(["subscription-expiring:3"]);
  });

  it("skip online subscriptions that renew automatically, and resume when renewal is turned off", async () => {
    clock.set(new Date("2027-09-01T09:00:00Z"));
    const op = await operator(t);
    const admin = await person(t, "auto-admin");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 5, term: "1m", salesChannel: "online" }); // expires 2027-10-01
    clock.set(new Date("2027-09-28T09:00:00Z")); // 3 days left
    await t.app.reminders.runOnce();
    expect(await remindersTo(admin.email)).toEqual([]);
    await renewalOff(id);
    await t.app.reminders.runOnce();
    expect(await remindersTo(admin.email)).toEqual(["subscription-expiring:3"]);
  });
});
