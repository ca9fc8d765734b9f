import { createHash, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatKey, maskKey } from "../../contracts/license-key-format.ts";
import { businessAccount, join, joinAsAdmin, type Person, person, setMember, userIdOf } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { actionsUrl, grant, keysUrl, keyUrl, newKey, poolInDb, send, subsUrl, subUrl, unregistered } from "./licensing-kit.ts";

/** Issue 4, points 3, 6, 7 and 8: the seat pool, key secrecy, registration and License Administrators. */

let t: TestApp;
let op: Person;
let admin: Person;
let A: string;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  op = await operator(t);
  admin = await person(t, "inv-admin");
  A = await businessAccount(t, admin);
});
afterAll(async () => t?.close());

const issueInto = async (licenses: number) => (await issue(t, op, { accountId: A, licenses })).id;
const codes = (responses: Array<{ statusCode: number; json(): { code?: string } }>) =>
  responses.map((r) => (r.statusCode < 300 ? r.statusCode : `${r.statusCode} ${r.json().code}`));
const randomKey = () => formatKey(Array.from({ length: 29 }, () => randomInt(29)));

describe(`the seat pool (${TEST_ENGINE})`, () => {
  it("parallel creations never reserve more than the total", async () => {
    const s = await issueInto(50);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => newKeyRaw(s, `P${i}`, 7)));
    expect(codes(answers).filter((c) => c === 201)).toHaveLength(7);
    expect(codes(answers).filter((c) => c !== 201)).toEqual(Array(5).fill("409 POOL_EXHAUSTED"));
    expect(await poolInDb(t, s)).toEqual({ total: 50, reserved: 49, count: 7 });
  });

  it("parallel edits raising several keys, mixed with creations, never over-allocate", async () => {
    const s = await issueInto(40);
    const keys = await Promise.all([1, 2, 3, 4].map((i) => newKey(t, admin, A, s, { name: `E${i}`, licenses: 5 })));
    // 20 left; every request below needs 10 more, so exactly two of the eight can succeed.
    const answers = await Promise.all([
      ...keys.map((k, i) => send(t, admin, "PUT", keyUrl(A, s, k.id), { name: `E${i}`, licenses: 15 })),
      ...[1, 2, 3, 4].map((i) => newKeyRaw(s, `N${i}`, 10)),
    ]);
    expect(codes(answers).filter((c) => c === 200 || c === 201)).toHaveLength(2);
    expect(new Set(codes(answers).filter((c) => typeof c === "string"))).toEqual(new Set(["409 POOL_EXHAUSTED"]));
    const pool = await poolInDb(t, s);
    expect(pool.reserved).toBe(40);
    expect(pool.reserved).toBeLessThanOrEqual(pool.total);
  });

  it("edits racing the operator lowering the total keep reserved ≤ total", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await issueInto(60);
      const keys = await Promise.all([1, 2, 3, 4].map((i) => newKey(t, admin, A, s, { name: `R${i}`, licenses: 10 })));
      const answers = await Promise.all([
        ...keys.map((k, i) => send(t, admin, "PUT", keyUrl(A, s, k.id), { name: `R${i}`, licenses: 15 })),
        send(t, op, "POST", actionsUrl(s), { action: "set_licenses", licenses: 45 }),
      ]);
      for (const c of codes(answers)) expect([200, "409 POOL_EXHAUSTED", "409 LICENSES_BELOW_RESERVED"]).toContain(c);
      const pool = await poolInDb(t, s);
      expect(pool.reserved, `round ${round}: ${codes(answers)}`).toBeLessThanOrEqual(pool.total);
    }
  });

  it("refuses to lower the total below what additional keys reserve, and accepts exactly that", async () => {
    const s = await issueInto(30);
    await newKey(t, admin, A, s, { licenses: 12 });
    const low = await send(t, op, "POST", actionsUrl(s), { action: "set_licenses", licenses: 11 });
    expect([low.statusCode, low.json().code]).toEqual([409, "LICENSES_BELOW_RESERVED"]);
    expect(low.json().detail).toContain("12");
    expect(low.json().errors).toEqual([{ field: "licenses", message: expect.stringContaining("12") }]);
    expect((await poolInDb(t, s)).total).toBe(30);
    const exact = await send(t, op, "POST", actionsUrl(s), { action: "set_licenses", licenses: 12 });
    expect(exact.json()).toMatchObject({ totalLicenses: 12, reservedInAdditionalKeys: 12 });
  });

  it("deleting a key returns its licenses to the main pool", async () => {
    const s = await issueInto(20);
    const key = await newKey(t, admin, A, s, { licenses: 15 });
    expect((await send(t, admin, "GET", subUrl(A, s))).json().licenses).toMatchObject({ availableInMainPool: 5 });
    expect((await send(t, admin, "DELETE", keyUrl(A, s, key.id))).statusCode).toBe(204);
    const after = (await send(t, admin, "GET", subUrl(A, s))).json();
    expect(after.licenses).toMatchObject({ reservedInAdditionalKeys: 0, availableInMainPool: 20 });
    expect(after.keys.find((k: { kind: string }) => k.kind === "primary").licenses).toBe(20);
    expect((await newKeyRaw(s, "All", 20)).statusCode).toBe(201);
  });
});

async function newKeyRaw(s: string, name: string, licenses: number, extra: Record<string, unknown> = {}) {
  return send(t, admin, "POST", keysUrl(A, s), { name, licenses, ...extra });
}

describe(`license keys (${TEST_ENGINE})`, () => {
  it("a custom expiry may not be later than the subscription's", async () => {
    const s = await issueInto(20);
    const expiresAt = new Date((await send(t, admin, "GET", subUrl(A, s))).json().expiresAt as string);
    const at = (ms: number) => ({
      renewWithSubscription: false,
      customExpiresAt: new Date(expiresAt.getTime() + ms).toISOString(),
    });
    const late = await newKeyRaw(s, "Late", 1, at(1000));
    expect([late.statusCode, late.json().code]).toEqual([400, "KEY_EXPIRY_AFTER_SUBSCRIPTION"]);
    expect(late.json().errors).toEqual([{ field: "customExpiresAt", message: expect.any(String) }]);
    const missing = await newKeyRaw(s, "NoDate", 1, { renewWithSubscription: false });
    expect([missing.statusCode, missing.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    expect((await newKeyRaw(s, "Same", 1, at(0))).statusCode).toBe(201);
    const early = await newKeyRaw(s, "Early", 1, at(-86_400_000));
    expect(early.json()).toMatchObject({ renewWithSubscription: false, expiresAt: at(-86_400_000).customExpiresAt });
    const edit = await send(t, admin, "PUT", keyUrl(A, s, early.json().id), { name: "Early", licenses: 1, ...at(60_000) });
    expect([edit.statusCode, edit.json().code]).toEqual([400, "KEY_EXPIRY_AFTER_SUBSCRIPTION"]);
    expect((await poolInDb(t, s)).count).toBe(2);
  });

  it("the Primary Key cannot be deleted, not even by its License Administrator", async () => {
    const s = await issueInto(20);
    const primary = (await send(t, admin, "GET", subUrl(A, s))).json().keys[0];
    expect(primary.kind).toBe("primary");
    const la = await person(t, "prim-la");
    await grant(t, admin, A, s, primary.id, [await join(t, admin, A, la)]);
    for (const who of [admin, la]) {
      const response = await send(t, who, "DELETE", keyUrl(A, s, primary.id));
      expect([response.statusCode, response.json().code]).toEqual([409, "PRIMARY_KEY_NOT_DELETABLE"]);
    }
    expect(await t.database.db.selectFrom("licenseKeys").select("id").where("id", "=", primary.id).execute()).toHaveLength(1);
  });

  it("keys are masked in lists; the full key goes only to those who manage it", async () => {
    const { id: s, primaryKey } = await issue(t, op, { accountId: A, licenses: 30 });
    const mine = await newKey(t, admin, A, s, { name: "Mine", licenses: 5 });
    const other = await newKey(t, admin, A, s, { name: "Other", licenses: 5 });
    expect(mine.key).toMatch(/^([2-9A-Z]{6}-){4}[2-9A-Z]{6}$/);
    const primaryId = (await send(t, admin, "GET", subUrl(A, s))).json().keys[0].id as string;
    const [laMine, laPrimary, regular] = (await Promise.all(["la-mine", "la-primary", "plain"].map((p) => person(t, p)))) as [
      Person,
      Person,
      Person,
    ];
    await grant(t, admin, A, s, mine.id, [await join(t, admin, A, laMine)]);
    await grant(t, admin, A, s, primaryId, [await join(t, admin, A, laPrimary)]);
    await join(t, admin, A, regular);
    const secrets = [primaryKey, mine.key, other.key];

    const list = (await send(t, admin, "GET", subUrl(A, s))).json();
    for (const k of list.keys) expect(k).toMatchObject({ isMasked: true, key: expect.stringMatching(/^(\*{6}-){4}/) });
    expect(list.keys.find((k: { id: string }) => k.id === mine.id).key).toBe(maskKey(mine.key.slice(-6)));
    const reveal = async (who: Person, keyId: string) => (await send(t, who, "GET", keyUrl(A, s, keyId))).json();
    expect(await reveal(admin, primaryId)).toMatchObject({ key: primaryKey, isMasked: false });
    expect(await reveal(laMine, mine.id)).toMatchObject({ key: mine.key, isMasked: false });
    expect(await reveal(laPrimary, other.id)).toMatchObject({ key: other.key, isMasked: false });

    // Everyone else, on every route that could carry a key: never the key itself.
    const urls = [
      `/api/accounts/${A}/dashboard`,
      subsUrl(A),
      subUrl(A, s),
      ...[primaryId, mine.id, other.id].map((k) => keyUrl(A, s, k)),
    ];
    const checks: Array<[Person, string]> = [
      ...[regular, op].flatMap((who) => urls.map((u): [Person, string] => [who, u])),
      ...urls.filter((u) => !u.endsWith(mine.id)).map((u): [Person, string] => [laMine, u]),
      [laPrimary, subUrl(A, s)],
      [admin, subUrl(A, s)],
      [admin, `/api/accounts/${A}/audit`],
      [admin, `/api/accounts/${A}/users`],
      [op, `/api/operator/subscriptions/${s}`],
      [op, "/api/operator/subscriptions"],
    ];
    for (const [who, url] of checks) {
      const body = (await send(t, who, "GET", url)).body;
      for (const secret of secrets) expect(body, `${url}`).not.toContain(secret);
    }
  });

  it("the database holds no key in clear, and the lookup hash is keyed", async () => {
    const { id: s, primaryKey } = await issue(t, op, { accountId: A, licenses: 30 });
    const extra = await newKey(t, admin, A, s, { name: "Stored", licenses: 3 });
    const { db } = t.database;
    const dump = JSON.stringify([
      await db.selectFrom("licenseKeys").selectAll().execute(),
      await db.selectFrom("subscriptions").selectAll().execute(),
      await db.selectFrom("auditEvents").selectAll().execute(),
    ]);
    for (const key of [primaryKey, extra.key]) {
      const compact = key.replaceAll("-", "");
      for (const form of [key, compact, compact.toLowerCase(), key.slice(0, 20)]) expect(dump).not.toContain(form);
      const row = await db
        .selectFrom("licenseKeys")
        .select("keyHash")
        .where("keyTail", "=", key.slice(-6))
        .executeTakeFirstOrThrow();
      for (const encoding of ["hex", "base64", "base64url"] as const) {
        expect(row.keyHash).not.toBe(createHash("sha256").update(key).digest(encoding));
      }
    }
  });
});

describe(`registering a subscription with its key (${TEST_ENGINE})`, () => {
  const register = (who: Person, accountId: string, key: string) =>
    send(t, who, "POST", `${subsUrl(accountId)}/register`, { key });

  it("catches a wrong check character as a field error, and answers 404 for an unknown key", async () => {
    const { primaryKey } = await unregistered(t, op);
    const last = primaryKey.at(-1) === "2" ? "3" : "2";
    const typo = await register(admin, A, `${primaryKey.slice(0, -1)}${last}`);
    expect([typo.statusCode, typo.json().code]).toEqual([400, "KEY_FORMAT_INVALID"]);
    expect(typo.json().errors).toEqual([{ field: "key", message: expect.any(String) }]);
    const unknown = await register(admin, A, randomKey());
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, "KEY_NOT_FOUND"]);
    // Not rate-limited with AUTH_RATE_LIMIT=off: a dozen more failures still answer plainly.
    const more = await Promise.all(Array.from({ length: 12 }, () => register(admin, A, randomKey())));
    expect(new Set(more.map((r) => r.statusCode))).toEqual(new Set([404]));
  });

  it("an additional key cannot be registered", async () => {
    const s = await issueInto(10);
    const extra = await newKey(t, admin, A, s, { licenses: 2 });
    const other = await person(t, "reg-other");
    const B = await businessAccount(t, other);
    const response = await register(other, B, extra.key);
    expect([response.statusCode, response.json().code]).toEqual([404, "KEY_NOT_FOUND"]);
  });

  it("a key registers once: two accounts racing, one wins", async () => {
    const [p1, p2] = [await person(t, "race-1"), await person(t, "race-2")];
    const accounts = [await businessAccount(t, p1), await businessAccount(t, p2)];
    for (let round = 0; round < 3; round++) {
      const { id, primaryKey } = await unregistered(t, op);
      const answers = await Promise.all([
        register(p1, accounts[0] as string, primaryKey),
        register(p2, accounts[1] as string, primaryKey),
      ]);
      expect(codes(answers).sort()).toEqual([201, "409 KEY_ALREADY_REGISTERED"]);
      const winner = accounts[answers.findIndex((r) => r.statusCode === 201)];
      const row = await t.database.db
        .selectFrom("subscriptions")
        .select("accountId")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.accountId).toBe(winner);
      const keys = await t.database.db.selectFrom("licenseKeys").select("accountId").where("subscriptionId", "=", id).execute();
      expect(keys.map((k) => k.accountId)).toEqual([winner]);
    }
  });

  it("with AUTH_RATE_LIMIT on, repeated failures answer 429 with Retry-After, even for a good key", async () => {
    const limited = await createTestApp({});
    try {
      const [lop, ladmin] = [await operator(limited), await person(limited, "limited")];
      const account = await businessAccount(limited, ladmin);
      const { primaryKey } = await issue(limited, lop, { purchaserEmail: "buyer@example.com" });
      const attempt = (key: string) => send(limited, ladmin, "POST", `${subsUrl(account)}/register`, { key });
      const failures = [];
      for (let i = 0; i < 10; i++) failures.push(await attempt(i % 2 ? randomKey() : "NOT-A-KEY"));
      expect(new Set(failures.map((r) => r.statusCode))).toEqual(new Set([400, 404]));
      for (const key of [randomKey(), primaryKey]) {
        const refused = await attempt(key);
        expect([refused.statusCode, refused.json().code]).toEqual([429, "RATE_LIMITED"]);
        expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      }
    } finally {
      await limited.close();
    }
  });
});

describe(`choosing License Administrators (${TEST_ENGINE})`, () => {
  it("accepts only the account's active Regular Members", async () => {
    const s = await issueInto(10);
    const key = await newKey(t, admin, A, s, { licenses: 1 });
    const people = ["la-ok", "la-co", "la-blocked", "la-out"].map((p) => person(t, p));
    const [regular, coAdmin, blocked, outsider] = (await Promise.all(people)) as [Person, Person, Person, Person];
    const regularId = await join(t, admin, A, regular);
    const coAdminId = await joinAsAdmin(t, admin, A, coAdmin);
    const blockedId = await join(t, admin, A, blocked);
    await setMember(t, admin, A, blockedId, { role: "member", status: "blocked" });
    const [outsiderId, adminId] = [await userIdOf(t, outsider.email), await userIdOf(t, admin.email)];
    const url = `${keyUrl(A, s, key.id)}/administrators`;
    for (const refused of [adminId, coAdminId, blockedId, outsiderId, "no-such-user"]) {
      const response = await send(t, admin, "PUT", url, { userIds: [regularId, refused] });
      expect([response.statusCode, response.json().code], refused).toEqual([400, "NOT_A_REGULAR_MEMBER"]);
    }
    expect(await t.database.db.selectFrom("licenseKeyAdmins").select("userId").where("keyId", "=", key.id).execute()).toEqual([]);
    const ok = await send(t, admin, "PUT", url, { userIds: [regularId] });
    expect(ok.json().administrators).toEqual([expect.objectContaining({ userId: regularId, email: regular.email })]);
  });
});
