/**
 * Seeds one business account for licensing-dashboard.bench.ts: N subscriptions and K license keys
 * (one Primary Key per subscription, the rest additional keys, 9–29 a subscription), with License
 * Administrators on about one key in twenty. Rows go in directly with Kysely, in batches inside one
 * transaction, with the columns operator.service.ts `issue` and keys.service.ts `create` write.
 * The keys are real: formatKey over random bytes (so they pass the check character), stored as
 * createLicenseKeyCrypto's HMAC and AES-GCM ciphertext under the app's LICENSE_KEY_SECRET.
 *
 * Expiry dates are spread so that every status occurs; each is at least 12 hours from a status
 * boundary, so no subscription changes status while the bench runs.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import { formatKey } from "../contracts/license-key-format.ts";
import type { LicenseType, SubscriptionStatus } from "../contracts/licensing.ts";
import type { Database } from "../src/db/database.ts";
import type { SubscriptionsTable } from "../src/db/schema.ts";
import type { LicenseKeyCrypto } from "../src/modules/licensing/license-key-crypto.ts";
import type { NewKey } from "../src/modules/licensing/licensing.repo.ts";
import { addDays, subscriptionStatus } from "../src/modules/licensing/subscription-status.ts";
import { type Admin, type SignedIn, signUpOverHttp } from "./business-users-seed.ts";

const BATCH = 500;

/** mulberry32, as in business-users-seed.ts: every run seeds the same account. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITES = (
  "Berlin Hamburg München Köln Frankfurt Stuttgart Leipzig Dresden Wien Zürich Paris Lyon Madrid Milano Warszawa Praha " +
  "Amsterdam Bruxelles København Stockholm Oslo Helsinki Dublin London Tokyo Osaka Shanghai Singapore Chicago Toronto"
).split(" ");
const UNITS = "HQ|Plant|Sales|Support|R&D|Finance|Training lab|Call center|Warehouse|Engineering".split("|");
const TEAMS = "Accounting|Design|Helpdesk|Night shift|Contractors|Interns|Logistics|QA|Marketing|Field service|Lab".split("|");
const RESELLERS = ["Comparex AG", "Bechtle GmbH", "SoftwareOne", "Insight Direct", "CDW"];

function api(baseUrl: string, cookie: string) {
  return async <T>(method: "POST" | "PUT", path: string, body: unknown, expect: number): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { origin: baseUrl, "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expect) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** A vendor operator: signed up through the API, then flagged as `license-portal operator create` does. */
export async function createOperatorOverHttp(baseUrl: string, database: Database): Promise<SignedIn> {
  const op = await signUpOverHttp(baseUrl, database, "bench-operator", "Operator");
  await database.db.updateTable("users").set({ isOperator: true }).where("id", "=", op.userId).execute();
  return op;
}

/** A Regular Member through the API: sign-up, invitation by the administrator, acceptance with the emailed token. */
export async function joinOverHttp(baseUrl: string, database: Database, admin: Admin): Promise<SignedIn> {
  const who = await signUpOverHttp(baseUrl, database, "bench-license-admin", "LicenseAdmin");
  const invitations = { locale: "en", invitations: [{ email: who.email }] };
  await api(baseUrl, admin.cookie)("POST", `/api/accounts/${admin.accountId}/invitations`, invitations, 200);
  const mail = await database.db
    .selectFrom("outbox")
    .select("payloadJson")
    .where("recipient", "=", who.email)
    .where("template", "=", "invitation")
    .executeTakeFirstOrThrow();
  const token = new URL(String(mail.payloadJson.url)).hash.replace(/^#token=/, "");
  await api(baseUrl, who.cookie)("POST", "/api/invitations/accept", { token }, 200);
  return who;
}

/**
 * One subscription the real way: the operator issues it into the account, the administrator creates
 * an additional key and makes `licenseAdmin` its License Administrator. 2 keys.
 */
export async function subscriptionOverHttp(baseUrl: string, op: SignedIn, admin: Admin, licenseAdmin: SignedIn) {
  const body = {
    productId: "ras",
    licenseType: "subscription",
    term: "1y",
    licenses: 500,
    supportPlan: "premium",
    salesChannel: "direct",
    accountId: admin.accountId,
  };
  const { id } = await api(baseUrl, op.cookie)<{ id: string }>("POST", "/api/operator/subscriptions", body, 201);
  const base = `/api/accounts/${admin.accountId}/subscriptions/${id}`;
  const call = api(baseUrl, admin.cookie);
  const key = await call<{ id: string }>("POST", `${base}/keys`, { name: "Berlin HQ – Helpdesk", licenses: 25 }, 201);
  await call("PUT", `${base}/keys/${key.id}/administrators`, { userIds: [licenseAdmin.userId] }, 200);
  return { subscriptionId: id, keyId: key.id };
}

export type LicensingSeed = {
  subscriptions: number;
  keys: number;
  additionalKeys: number;
  keyAdminGrants: number;
  members: number;
  /** By the status the app shows at seed time. */
  statuses: Record<SubscriptionStatus, number>;
  /** Subscriptions where the bench's License Administrator administers exactly one additional key. */
  licenseAdminSubscriptions: string[];
  ms: number;
};

/** Expiry offsets in days from now for each status (12 h clear of the boundaries at 30, 0 and -30 days). */
function expiryFor(random: () => number, now: Date): { expiresAt: Date | null; suspended: boolean; canceled: boolean } {
  const r = random();
  const day = (from: number, to: number) => addDays(now, from + random() * (to - from));
  if (r < 0.02) return { expiresAt: null, suspended: false, canceled: false }; // permanent
  if (r < 0.05) return { expiresAt: day(31, 700), suspended: true, canceled: false };
  if (r < 0.06) return { expiresAt: day(31, 300), suspended: false, canceled: true };
  if (r < 0.58) return { expiresAt: day(30.5, 1095), suspended: false, canceled: false };
  if (r < 0.74) return { expiresAt: day(0.5, 29.5), suspended: false, canceled: false };
  if (r < 0.84) return { expiresAt: day(-29.5, -0.5), suspended: false, canceled: false };
  return { expiresAt: day(-700, -30.5), suspended: false, canceled: false };
}

export async function seedLicensing(
  database: Database,
  crypto: LicenseKeyCrypto,
  input: {
    accountId: string;
    adminUserId: string;
    operatorUserId: string;
    licenseAdminUserId: string;
    subscriptions: number;
    keys: number;
    licenseAdminSubscriptions: number;
    members: number;
    now?: Date;
  },
): Promise<LicensingSeed> {
  const started = performance.now();
  const now = input.now ?? new Date();
  const random = prng(20261127);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const n = input.subscriptions;
  if (input.keys < n * 2) throw new Error("need at least one additional key per subscription");
  // Additional keys per subscription: the average, then ±0..10 moved between neighbours (the total stays exact).
  const extra = Array.from({ length: n }, (_, i) => Math.floor((input.keys - n) / n) + (i < (input.keys - n) % n ? 1 : 0));
  for (let i = 0; i + 1 < n; i += 2) {
    const d = Math.min(Math.floor(random() * 11), (extra[i + 1] ?? 1) - 1) * (random() < 0.5 ? 1 : -1);
    if ((extra[i] ?? 0) + d >= 1) [extra[i], extra[i + 1]] = [(extra[i] ?? 0) + d, (extra[i + 1] ?? 0) - d];
  }
  const seed: LicensingSeed = {
    subscriptions: 0,
    keys: 0,
    additionalKeys: 0,
    keyAdminGrants: 0,
    members: input.members,
    statuses: { active: 0, expiring_soon: 0, grace: 0, expired: 0, suspended: 0 },
    licenseAdminSubscriptions: [],
    ms: 0,
  };
  const newKey = (k: Omit<NewKey, "keyHash" | "keyCiphertext" | "keyTail" | "now" | "accountId">) => {
    const key = formatKey(randomBytes(29));
    const { subscriptionId, ...rest } = k;
    const values = { subscriptionId, accountId: input.accountId, ...rest, keyTail: key.slice(-6) };
    return {
      id: randomUUID(),
      ...values,
      keyHash: crypto.hash(key),
      keyCiphertext: crypto.encrypt(key),
      createdAt: now,
      updatedAt: now,
    };
  };

  await database.db.transaction().execute(async (trx) => {
    // Regular Members who hold License Administrator grants (besides the bench's own, who joined through the API).
    const members = Array.from({ length: input.members }, (_, i) => {
      const [id, firstName, lastName] = [randomUUID(), pick(SITES), `Keyholder ${i + 1}`];
      return { id, firstName, lastName, name: `${firstName} ${lastName}`, email: `keyholder-${id.slice(0, 8)}@acme-remote.de` };
    });
    if (members.length > 0) {
      const users = members.map((m) => ({ ...m, emailVerified: true, locale: "en", createdAt: now, updatedAt: now }));
      await trx.insertInto("users").values(users).execute();
      const memberships = members.map((m) => ({
        ...{ accountId: input.accountId, userId: m.id, role: "member" as const, status: "active" as const, email: m.email },
        ...{ displayName: m.name, nameKey: m.name.toLowerCase(), joinedAt: now, updatedAt: now },
      }));
      await trx.insertInto("memberships").values(memberships).execute();
    }
    const grantees = members.map((m) => m.id);

    for (let at = 0; at < n; at += BATCH) {
      const subs: Array<Insertable<SubscriptionsTable>> = [];
      const keys = [];
      const grants: Array<{ keyId: string; accountId: string; userId: string; grantedByUserId: string; grantedAt: Date }> = [];
      const grant = (keyId: string, userId: string) =>
        grants.push({ keyId, accountId: input.accountId, userId, grantedByUserId: input.adminUserId, grantedAt: now });
      for (let i = at; i < Math.min(n, at + BATCH); i++) {
        const id = randomUUID();
        const { expiresAt, suspended, canceled } = expiryFor(random, now);
        const trial = expiresAt !== null && expiresAt < addDays(now, 30) && random() < 0.2;
        const type: LicenseType = expiresAt === null ? "permanent" : trial ? "trial" : random() < 0.04 ? "nfr" : "subscription";
        const channel = pick(["online", "reseller", "reseller", "direct"] as const);
        const term =
          type !== "subscription"
            ? null
            : channel === "online" && random() < 0.3
              ? "1m"
              : pick(["1y", "1y", "2y", "3y"] as const);
        const termDays = { "1m": 30, "1y": 365, "2y": 730, "3y": 1095 }[term ?? "1y"] * (type === "trial" ? 30 / 365 : 1);
        const startsAt = expiresAt ? addDays(expiresAt, -termDays) : addDays(now, -random() * 1500);
        const adds = extra[i] ?? 1;
        const total = Math.max(adds * 2, pick([25, 50, 100, 100, 250, 250, 500, 1000, 2500]));
        const displayName = `${pick(SITES)} ${pick(UNITS)} – ${total} users${i % 7 === 0 ? ` (${i})` : ""}`;
        subs.push({
          id,
          accountId: input.accountId,
          productId: "ras",
          displayName,
          nameKey: displayName.toLowerCase(),
          licenseType: type,
          term,
          totalLicenses: total,
          supportPlan: random() < 0.3 ? "premium" : "standard",
          salesChannel: channel,
          resellerName: channel === "reseller" ? pick(RESELLERS) : null,
          contactName: channel === "online" ? null : "Jana Vertrieb",
          contactEmail: channel === "online" ? null : "sales@example.com",
          renewalEnabled: channel === "online" && !canceled,
          startsAt,
          expiresAt,
          maintenanceExpiresAt: expiresAt ?? addDays(startsAt, 365 * (1 + Math.floor(random() * 4))),
          activatedAt: startsAt,
          suspendedAt: suspended ? addDays(now, -random() * 60) : null,
          canceledAt: canceled ? addDays(now, -random() * 30) : null,
          issuedByUserId: input.operatorUserId,
          createdAt: startsAt,
          updatedAt: startsAt,
        });
        const shownStatus = subscriptionStatus(
          { expiresAt, suspendedAt: suspended ? now : null, canceledAt: canceled ? now : null },
          now,
        );
        seed.statuses[shownStatus]++;
        const primary = newKey({
          subscriptionId: id,
          kind: "primary",
          name: "Primary Key",
          licenses: null,
          maxUsersPerFarm: null,
          renewWithSubscription: true,
          customExpiresAt: null,
        });
        keys.push(primary);
        if (random() < 0.01) grant(primary.id, pick(grantees));
        const share = Math.floor((total * 0.8) / adds);
        for (let k = 0; k < adds; k++) {
          const custom = expiresAt && random() < 0.15 ? addDays(expiresAt, -random() * 90) : null;
          const key = newKey({
            subscriptionId: id,
            kind: "additional",
            name: `${pick(TEAMS)} ${pick(SITES)} ${k + 1}`,
            licenses: Math.max(1, Math.floor(share * (0.5 + random() / 2))),
            maxUsersPerFarm: random() < 0.2 ? pick([5, 10, 25, 50]) : null,
            renewWithSubscription: custom === null,
            customExpiresAt: custom,
          });
          keys.push(key);
          if (k === 0 && i < input.licenseAdminSubscriptions) {
            grant(key.id, input.licenseAdminUserId);
            seed.licenseAdminSubscriptions.push(id);
          } else if (random() < 0.05) grant(key.id, pick(grantees));
        }
        seed.additionalKeys += adds;
      }
      await trx.insertInto("subscriptions").values(subs).execute();
      for (let k = 0; k < keys.length; k += 1000) {
        await trx
          .insertInto("licenseKeys")
          .values(keys.slice(k, k + 1000))
          .execute();
      }
      if (grants.length > 0) await trx.insertInto("licenseKeyAdmins").values(grants).execute();
      seed.subscriptions += subs.length;
      seed.keys += keys.length;
      seed.keyAdminGrants += grants.length;
    }
  });
  seed.ms = performance.now() - started;
  return seed;
}
