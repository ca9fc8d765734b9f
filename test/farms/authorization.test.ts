import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, businessAccount, join, type Person, person, setMember, userIdOf } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { grant, newKey } from "../licensing/licensing-kit.ts";
import {
  activate,
  activated,
  type Farm,
  farmCall,
  farmRow,
  farmsUrl,
  farmUrl,
  keyUsageUrl,
  newFarmUid,
  type PortalMethod,
  portal,
  primaryKeyId,
  report,
} from "./farm-kit.ts";

/**
 * Every farms route (portal, farm API, well-known) for every kind of caller.
 * Account A has subscriptions SA (Primary Key PA, additional keys X and Y) and SB, with
 * a farm on X, one on Y and one on SB's Primary Key. laX administers X, laP administers
 * PA; the blocked and removed members administered X. Account O belongs to otherAdmin.
 */

type Who = "outsider" | "farm" | "nonMember" | "regular" | "laX" | "laP" | "blocked" | "removed" | "admin" | "otherAdmin" | "op";
type Target = "X" | "Y" | "B";
type Case = { name: string; who: Who; target: Target; account?: "O" };
const CASES: Case[] = [
  { name: "outsider (no cookie)", who: "outsider", target: "Y" },
  { name: "farm credential (Bearer, no cookie)", who: "farm", target: "Y" },
  { name: "signed-in non-member", who: "nonMember", target: "Y" },
  { name: "Regular Member without keys", who: "regular", target: "Y" },
  { name: "License Administrator of X, farm on X", who: "laX", target: "X" },
  { name: "License Administrator of X, farm on Y (same subscription)", who: "laX", target: "Y" },
  { name: "License Administrator of X, farm in another subscription", who: "laX", target: "B" },
  { name: "License Administrator of the Primary Key, farm on Y (its subscription)", who: "laP", target: "Y" },
  { name: "License Administrator of the Primary Key, farm in another subscription", who: "laP", target: "B" },
  { name: "blocked member (was License Administrator of X)", who: "blocked", target: "X" },
  { name: "removed member (was License Administrator of X)", who: "removed", target: "X" },
  { name: "Account Administrator", who: "admin", target: "Y" },
  { name: "Account Administrator, farm in another subscription", who: "admin", target: "B" },
  { name: "administrator of a different account, A's ids", who: "otherAdmin", target: "Y" },
  { name: "administrator of a different account, A's ids under their own account", who: "otherAdmin", target: "Y", account: "O" },
  { name: "operator", who: "op", target: "Y" },
];

type Ctx = { accountId: string; farm: Fixture["farm"]; keyId: string; key: string; login: Record<string, string> };
type Route = {
  method: PortalMethod;
  /** As in the OpenAPI document; also the URL of routes without parameters. */
  path: string;
  /** Portal routes: what the route is about (an account-wide list, one farm, or one key). */
  scope?: "account" | "farm" | "key";
  /** The status when allowed (200 unless said). */
  ok?: number;
  /** The call deactivates its farm: it gets a fresh one, and a refusal must leave it active. */
  fresh?: boolean;
  url?(c: Ctx): string;
  body?(c: Ctx): unknown;
  /** List-like routes: whether the answer shows the target farm. */
  shows?(body: string, c: Ctx): boolean;
};
const areaOf = (r: Route) =>
  r.path.startsWith("/api/accounts/") ? "portal" : r.path.startsWith("/api/farm/") ? "farm" : "public";

const F = "/api/accounts/{accountId}/farms";
const ROUTES: Route[] = [
  {
    method: "GET",
    path: F,
    scope: "account",
    url: (c) => `${farmsUrl(c.accountId)}?limit=500`,
    shows: (body, c) => JSON.parse(body).items.some((f: { id: string }) => f.id === c.farm.farmId),
  },
  {
    method: "GET",
    path: `${F}.csv`,
    scope: "account",
    url: (c) => `${farmsUrl(c.accountId)}.csv`,
    shows: (b, c) => b.includes(c.farm.farmUid),
  },
  {
    method: "POST",
    path: `${F}/deactivate`,
    scope: "farm",
    fresh: true,
    url: (c) => `${farmsUrl(c.accountId)}/deactivate`,
    body: (c) => ({ farmIds: [c.farm.farmId] }),
  },
  { method: "GET", path: `${F}/{farmId}`, scope: "farm", url: (c) => farmUrl(c.accountId, c.farm.farmId) },
  {
    method: "PATCH",
    path: `${F}/{farmId}`,
    scope: "farm",
    url: (c) => farmUrl(c.accountId, c.farm.farmId),
    body: () => ({ notes: "Rack 4" }),
  },
  {
    method: "GET",
    path: `${F}/{farmId}/usage`,
    scope: "farm",
    url: (c) => `${farmUrl(c.accountId, c.farm.farmId)}/usage?range=30d`,
  },
  {
    method: "GET",
    path: "/api/accounts/{accountId}/keys/{keyId}/usage",
    scope: "key",
    url: (c) => keyUsageUrl(c.accountId, c.keyId),
  },
  {
    method: "POST",
    path: "/api/farm/v1/activate",
    ok: 201,
    body: (c) => {
      const uid = newFarmUid("authz");
      return { ...c.login, key: c.key, farmId: uid, serverId: `srv-${uid}`, appVersion: "19.4.1", farmName: `Farm ${uid}` };
    },
  },
  {
    method: "POST",
    path: "/api/farm/v1/check-in",
    // Every call takes the next sequence number, so an allowed check-in is never a repeat.
    body: (c) => {
      c.farm.sequence += 1;
      return { sequence: c.farm.sequence, currentUsers: 1, peakUsers: 1 };
    },
  },
  { method: "POST", path: "/api/farm/v1/deactivate", fresh: true },
  { method: "GET", path: "/.well-known/license-portal/keys.json" },
  { method: "GET", path: "/.well-known/license-portal/signing-key.pem" },
];

type Want = { status: number; code?: string };
/** Visibility (farms-portal.repo.ts): Account Administrators all; a License Administrator their keys, or all of a subscription whose Primary Key they hold. */
const sees = (c: Case) => c.who === "admin" || (c.who === "laX" && c.target === "X") || (c.who === "laP" && c.target !== "B");
/** Not a member of account A: never joined, removed, the operator, or another account's administrator. */
const outsideA = (c: Case) => ["nonMember", "removed", "op", "otherAdmin"].includes(c.who);
/** Not a member of the account in the URL: outside A, unless it is otherAdmin asking under their own account. */
const foreign = (c: Case) => outsideA(c) && c.account !== "O";

/** Activation (email and password, no cookie, no account id): the key's account is A; the right to manage the key decides. */
function activation(c: Case): Want {
  if (c.who === "outsider") return { status: 401, code: "INVALID_LOGIN_OR_PASSWORD" };
  // A farm credential is no substitute for a person's email and password.
  if (c.who === "farm") return { status: 400, code: "VALIDATION_FAILED" };
  if (outsideA(c)) return { status: 404, code: "LICENSE_KEY_NOT_FOUND" };
  if (c.who === "blocked") return { status: 403, code: "MEMBERSHIP_BLOCKED" };
  return sees(c) ? { status: 201 } : { status: 403, code: "ACTIVATION_NOT_ALLOWED" };
}

function expected(route: Route, c: Case): Want {
  const ok = { status: route.ok ?? 200 };
  const area = areaOf(route);
  if (area === "public") return ok;
  if (area === "farm") {
    if (route.path.endsWith("/activate")) return activation(c);
    // Check-in and deactivate know only the farm credential; cookies mean nothing there.
    return c.who === "farm" ? ok : { status: 401, code: "FARM_CREDENTIAL_INVALID" };
  }
  if (c.who === "outsider" || c.who === "farm") return { status: 401, code: "UNAUTHENTICATED" };
  if (foreign(c)) return { status: 404, code: "ACCOUNT_NOT_FOUND" };
  if (c.who === "blocked") return { status: 403, code: "MEMBERSHIP_BLOCKED" };
  if (route.scope === "account" || sees(c)) return ok;
  return { status: 404, code: route.scope === "key" ? "LICENSE_KEY_NOT_FOUND" : "FARM_NOT_FOUND" };
}

type Member = Exclude<Who, "outsider" | "farm">;
type Fixture = { keyId: string; key: string; farm: Farm & { farmUid: string } };

describe(`authorization of every farms route (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let people: Record<Member, Person>;
  let A: string;
  let O: string;
  let targets: Record<Target, Fixture>;

  const farmOn = async (key: string): Promise<Fixture["farm"]> => {
    const farmUid = newFarmUid("authz");
    return { ...(await activated(t, people.admin, key, { farmId: farmUid })), farmUid };
  };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    const names = ["admin", "laX", "laP", "regular", "blocked", "removed", "nonMember", "otherAdmin"] as const;
    const list = await Promise.all(names.map((n) => person(t, n.toLowerCase())));
    const op = await operator(t);
    people = { ...(Object.fromEntries(names.map((n, i) => [n, list[i]])) as Record<(typeof names)[number], Person>), op };
    const { admin } = people;
    A = await businessAccount(t, admin);
    O = await businessAccount(t, people.otherAdmin, { ...ACME, companyName: "Other Co" });
    const SA = await issue(t, op, { accountId: A, licenses: 100 });
    const SB = await issue(t, op, { accountId: A, licenses: 100 });
    const X = await newKey(t, admin, A, SA.id, { name: "X", licenses: 10 });
    const Y = await newKey(t, admin, A, SA.id, { name: "Y", licenses: 10 });
    const PA = await primaryKeyId(t, admin, A, SA.id);
    const PB = await primaryKeyId(t, admin, A, SB.id);
    const fixture = async (keyId: string, key: string): Promise<Fixture> => ({ keyId, key, farm: await farmOn(key) });
    targets = { X: await fixture(X.id, X.key), Y: await fixture(Y.id, Y.key), B: await fixture(PB, SB.primaryKey) };
    const u = {
      laX: await join(t, admin, A, people.laX),
      laP: await join(t, admin, A, people.laP),
      blocked: await join(t, admin, A, people.blocked),
      removed: await join(t, admin, A, people.removed),
    };
    await join(t, admin, A, people.regular);
    await grant(t, admin, A, SA.id, X.id, [u.laX, u.blocked, u.removed]);
    await grant(t, admin, A, SA.id, PA, [u.laP]);
    expect((await setMember(t, admin, A, u.blocked, { role: "member", status: "blocked" })).statusCode).toBe(200);
    expect((await setMember(t, admin, A, u.removed, { role: "member", status: "removed" })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  describe.each(ROUTES)("$method $path", (route) => {
    it.each(CASES)("as $name", async (c) => {
      const target = targets[c.target];
      const farm = route.fresh ? await farmOn(target.key) : target.farm;
      const member = c.who === "outsider" || c.who === "farm" ? null : people[c.who];
      // Activation: a person's email and password; the outsider's belong to no one; a farm has none to give.
      const stranger = { email: "nobody@example.com", password: "not-a-real-password" };
      const login: Record<string, string> = member
        ? { email: member.email, password: member.password }
        : c.who === "farm"
          ? {}
          : stranger;
      const ctx: Ctx = { accountId: c.account === "O" ? O : A, farm, keyId: target.keyId, key: target.key, login };
      const bearer = c.who === "farm" ? farm.credential : undefined;
      const response = await portal(t, member, route.method, route.url?.(ctx) ?? route.path, route.body?.(ctx), bearer);

      const want = expected(route, c);
      expect(response.statusCode, response.body).toBe(want.status);
      if (want.code) {
        expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe(want.code);
        expect(response.body).not.toContain(farm.farmUid);
      }
      if (route.shows && want.status === 200) expect(route.shows(response.body, ctx)).toBe(sees(c));
      if (route.path.endsWith("{farmId}") && want.status === 200) expect(response.json().id).toBe(farm.farmId);
      if (route.fresh) expect((await farmRow(t, farm.farmId)).status).toBe(want.status === 200 ? "deactivated" : "active");
    });
  });

  it("a farm credential reaches only its own farm: check-in and deactivate never touch another farm", async () => {
    const f1 = await farmOn(targets.Y.key);
    const f2 = await farmOn(targets.Y.key);
    expect((await report(t, f2, 3)).statusCode).toBe(200);
    const f2Before = await farmRow(t, f2.farmId);

    // F1's first report carries the sequence number F2 just used: the credential alone says which farm it is.
    const checkIn = await report(t, f1, 7);
    expect(checkIn.statusCode).toBe(200);
    expect(checkIn.json().farm.id).toBe(f1.farmId);
    expect(await farmRow(t, f1.farmId)).toMatchObject({ currentUsers: 7, lastSequence: 1 });
    expect(await farmRow(t, f2.farmId)).toEqual(f2Before);

    const off = await farmCall(t, "deactivate", undefined, f1.credential);
    expect(off.json()).toEqual({ farm: { id: f1.farmId }, state: "deactivated" });
    expect((await farmRow(t, f1.farmId)).status).toBe("deactivated");
    expect(await farmRow(t, f2.farmId)).toEqual(f2Before);
    // F1's credential after its deactivation: told so, and F2 is still untouched.
    expect((await report(t, f1, 9)).json().license.state).toBe("deactivated");
    expect(await farmRow(t, f2.farmId)).toEqual(f2Before);
  });

  // The issue's activation list, literally: a cross-check of the rule the table computes from.
  const ACTIVATION_RIGHTS: Array<[string, Member, Target, Want]> = [
    ["Account Administrator", "admin", "Y", { status: 201 }],
    ["License Administrator of the key", "laX", "X", { status: 201 }],
    ["License Administrator of the Primary Key, with an additional key", "laP", "Y", { status: 201 }],
    ["License Administrator of X, with key Y", "laX", "Y", { status: 403, code: "ACTIVATION_NOT_ALLOWED" }],
    ["Regular Member", "regular", "Y", { status: 403, code: "ACTIVATION_NOT_ALLOWED" }],
    ["blocked member", "blocked", "X", { status: 403, code: "MEMBERSHIP_BLOCKED" }],
    ["removed member", "removed", "X", { status: 404, code: "LICENSE_KEY_NOT_FOUND" }],
    ["non-member", "nonMember", "Y", { status: 404, code: "LICENSE_KEY_NOT_FOUND" }],
  ];
  it.each(ACTIVATION_RIGHTS)("activation by the %s", async (name, who, target, want) => {
    expect(activation({ name, who, target })).toEqual(want);
    const farmUid = newFarmUid("rights");
    const response = await activate(t, people[who], targets[target].key, { farmId: farmUid });
    expect(response.statusCode, response.body).toBe(want.status);
    const rows = await t.database.db.selectFrom("farms").select(["id", "keyId"]).where("farmUid", "=", farmUid).execute();
    if (want.code) {
      expect(response.json().code).toBe(want.code);
      expect(rows).toEqual([]);
      return;
    }
    // Allowed: the farm is on the key, recorded as activated by this person, and they see it.
    expect(rows).toEqual([{ id: response.json().farm.id, keyId: targets[target].keyId }]);
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["actorUserId"])
      .where("action", "=", "farm.activated")
      .where("targetId", "=", response.json().farm.id)
      .execute();
    expect(audit).toEqual([{ actorUserId: await userIdOf(t, people[who].email) }]);
    expect((await portal(t, people[who], "GET", farmUrl(A, response.json().farm.id))).statusCode).toBe(200);
  });
});
