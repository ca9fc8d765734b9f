import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSealer } from "../../src/modules/notifications/sealed-fields.ts";
import { businessAccount, call, member, person } from "../helpers/account-fixtures.ts";
import { latestMail } from "../helpers/identity-fixtures.ts";
import { createKey, issue, operator, subscriptionUrl } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

describe(`licensing (${TEST_ENGINE})`, () => {
  it("an operator issues into an account; the administrator sees it on the Dashboard and in Subscription Details", async () => {
    const op = await operator(t);
    const admin = await person(t, "lic-admin");
    const accountId = await businessAccount(t, admin);
    const { id, primaryKey } = await issue(t, op, { accountId, licenses: 40 });
    expect(primaryKey).toMatch(/^([A-Z0-9]{6}-){4}[A-Z0-9]{6}$/);

    const dashboard = await call(t, admin, "GET", `/api/accounts/${accountId}/dashboard`);
    expect(dashboard.json().cards).toEqual([
      expect.objectContaining({
        product: expect.objectContaining({ name: "Remote Application Server" }),
        active: 1,
        totalLicenses: 40,
      }),
    ]);
    const details = await call(t, admin, "GET", subscriptionUrl(accountId, id));
    expect(details.statusCode).toBe(200);
    expect(details.json()).toMatchObject({
      status: "active",
      licenses: { total: 40, reservedInAdditionalKeys: 0, availableInMainPool: 40 },
      keys: [{ kind: "primary", isMasked: true, licenses: 40 }],
    });
    const stored = await t.database.db.selectFrom("licenseKeys").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(primaryKey);
  });

  it("registers a key emailed to the purchaser, once, to one account", async () => {
    const op = await operator(t);
    await issue(t, op, { purchaserEmail: "buyer@example.com" });
    const mail = await latestMail(t, "buyer@example.com", "registration-key");
    // Regression: the outbox row held the key in clear until sent; it is sealed now.
    expect(String(mail.payloadJson.key)).toMatch(/^sealed:v1:/);
    const key = String(createSealer(t.config.licenseKeySecret).open(mail.payloadJson).key);
    expect(key).toMatch(/^([2-9A-Z]{6}-){4}[2-9A-Z]{6}$/);
    const outboxRow = await t.database.db.selectFrom("outbox").selectAll().where("recipient", "=", "buyer@example.com").execute();
    expect(JSON.stringify(outboxRow)).not.toContain(key);
    const mailbox = await t.app.inject({ url: "/api/dev/mailbox" });
    expect(mailbox.body).toContain(key); // the worker and the dev mailbox open it to render
    const admin = await person(t, "registrar");
    const accountId = await businessAccount(t, admin);
    const typo = `${key.slice(0, -1)}${key.endsWith("2") ? "3" : "2"}`;
    const bad = await call(t, admin, "POST", `/api/accounts/${accountId}/subscriptions/register`, { key: typo });
    expect(bad.json().code).toBe("KEY_FORMAT_INVALID");
    const ok = await call(t, admin, "POST", `/api/accounts/${accountId}/subscriptions/register`, { key: key.toLowerCase() });
    expect(ok.statusCode).toBe(201);
    const other = await person(t, "late");
    const otherAccount = await businessAccount(t, other);
    const again = await call(t, other, "POST", `/api/accounts/${otherAccount}/subscriptions/register`, { key });
    expect(again.json().code).toBe("KEY_ALREADY_REGISTERED");
  });

  it("keeps the seat pool: additional keys never reserve more than the total, even in parallel", async () => {
    const op = await operator(t);
    const admin = await person(t, "pool");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 30 });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => createKey(t, admin, accountId, id, 10, `K${i}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === "POOL_EXHAUSTED")).toBe(true);
    const details = (await call(t, admin, "GET", subscriptionUrl(accountId, id))).json();
    expect(details.licenses).toMatchObject({ total: 30, reservedInAdditionalKeys: 30, availableInMainPool: 0 });
    const lower = await call(t, op, "POST", `/api/operator/subscriptions/${id}/actions`, {
      action: "set_licenses",
      licenses: 20,
    });
    expect(lower.json().code).toBe("LICENSES_BELOW_RESERVED");
  });

  it("a License Administrator sees only their key; a Regular Member sees nothing", async () => {
    const op = await operator(t);
    const admin = await person(t, "grantor");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 30 });
    const keyA = (await createKey(t, admin, accountId, id, 10, "A")).json();
    await createKey(t, admin, accountId, id, 5, "B");
    const licenseAdmin = await member(t, admin, accountId, "la");
    const regular = await member(t, admin, accountId, "plain");
    const grant = await call(t, admin, "PUT", `${subscriptionUrl(accountId, id)}/keys/${keyA.id}/administrators`, {
      userIds: [licenseAdmin.userId],
    });
    expect(grant.statusCode).toBe(200);
    const seen = (await call(t, licenseAdmin, "GET", subscriptionUrl(accountId, id))).json();
    expect(seen.keys.map((k: { name: string }) => k.name)).toEqual(["A"]);
    const full = await call(t, licenseAdmin, "GET", `${subscriptionUrl(accountId, id)}/keys/${keyA.id}`);
    expect(full.json().isMasked).toBe(false);
    expect((await call(t, regular, "GET", subscriptionUrl(accountId, id))).statusCode).toBe(404);
    expect((await call(t, regular, "GET", `/api/accounts/${accountId}/dashboard`)).json().cards).toEqual([]);
    const users = (await call(t, admin, "GET", `/api/accounts/${accountId}/users`)).json();
    expect(users.items.find((u: { id: string }) => u.id === licenseAdmin.userId).licenseKeys).toEqual(["A"]);
  });
});

describe(`License Administrators and blocking (${TEST_ENGINE})`, () => {
  // Regression: a key whose administrator was blocked could not be edited at all (400 NOT_A_REGULAR_MEMBER).
  it("keeps a blocked administrator's frozen grant while other administrators are added", async () => {
    const op = await operator(t);
    const admin = await person(t, "freezer");
    const accountId = await businessAccount(t, admin);
    const { id } = await issue(t, op, { accountId, licenses: 10 });
    const key = (await createKey(t, admin, accountId, id, 5)).json();
    const first = await member(t, admin, accountId, "first");
    const second = await member(t, admin, accountId, "second");
    const url = `${subscriptionUrl(accountId, id)}/keys/${key.id}/administrators`;
    expect((await call(t, admin, "PUT", url, { userIds: [first.userId] })).statusCode).toBe(200);
    await call(t, admin, "PUT", `/api/accounts/${accountId}/users/${first.userId}`, { role: "member", status: "blocked" });
    const both = await call(t, admin, "PUT", url, { userIds: [first.userId, second.userId] });
    expect(both.statusCode).toBe(200);
    expect(
      both
        .json()
        .administrators.map((a: { userId: string }) => a.userId)
        .sort(),
    ).toEqual([first.userId, second.userId].sort());
    // A blocked person cannot be newly granted a key.
    const other = (await createKey(t, admin, accountId, id, 1, "Other")).json();
    const refused = await call(t, admin, "PUT", `${subscriptionUrl(accountId, id)}/keys/${other.id}/administrators`, {
      userIds: [first.userId],
    });
    expect(refused.json().code).toBe("NOT_A_REGULAR_MEMBER");
  });
});

describe(`the catalogue (${TEST_ENGINE})`, () => {
  it("operators add and rename products; codes are unique; subscriptions can be issued for a new product", async () => {
    const op = await operator(t);
    const created = await call(t, op, "POST", "/api/operator/products", { code: "ras-vdi", name: "RAS VDI add-on" });
    expect(created.statusCode).toBe(201);
    expect((await call(t, op, "POST", "/api/operator/products", { code: "ras-vdi", name: "Again" })).json().code).toBe(
      "CONFLICT",
    );
    expect((await call(t, op, "PUT", "/api/operator/products/ras-vdi", { name: "RAS VDI" })).json().name).toBe("RAS VDI");
    const products = (await call(t, op, "GET", "/api/operator/products")).json().products;
    expect(products.map((p: { code: string }) => p.code).sort()).toEqual(["ras", "ras-vdi"]);
    const admin = await person(t, "catalogue");
    const accountId = await businessAccount(t, admin);
    await issue(t, op, { accountId, productId: "ras-vdi", licenses: 3 });
    const cards = (await call(t, admin, "GET", `/api/accounts/${accountId}/dashboard`)).json().cards;
    expect(cards.map((c: { product: { name: string } }) => c.product.name)).toEqual(["RAS VDI"]);
  });
});

describe(`operator search (${TEST_ENGINE})`, () => {
  // Regression: on SQLite the search's escaped % and _ were not honoured (no ESCAPE clause), so "%" matched everything.
  it("takes % and _ literally", async () => {
    const op = await operator(t);
    const admin = await person(t, "percent");
    await businessAccount(t, admin, {
      companyName: "Uptime 100% Ltd",
      country: "GB",
      postcode: "N1 9GU",
      businessPhone: "+44 20 7946 0001",
    });
    const hit = (await call(t, op, "GET", `/api/operator/search?q=${encodeURIComponent("100%")}`)).json();
    expect(hit.accounts.map((a: { name: string }) => a.name)).toEqual(["Uptime 100% Ltd"]);
    const none = (await call(t, op, "GET", `/api/operator/search?q=${encodeURIComponent("e%L")}`)).json();
    expect(none.accounts).toEqual([]);
  });
});
