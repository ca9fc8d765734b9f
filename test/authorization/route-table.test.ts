import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease, publishedRelease, releasesUrl, releaseUrl, send, upload } from "../downloads/downloads-kit.ts";
import { activated, type Farm, newFarmUid, primaryKeyId } from "../farms/farm-kit.ts";
import {
  ACME,
  businessAccount,
  invite,
  join,
  joinAsAdmin,
  type Person,
  person,
  plantInvitation,
  setMember,
  userIdOf,
} from "../helpers/account-fixtures.ts";
import { GOOD_PASSWORD, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import { grant, newKey, unregistered } from "../licensing/licensing-kit.ts";
import { buy, CARDS, cardToken, checkout } from "../store/store-kit.ts";
import { openTicket, PNG_BYTES, uploadAttachment } from "../support/support-kit.ts";
import { ACTORS, type Actor, expectedFor, ROUTE_TABLE, type RouteRow, routeId } from "./route-table.ts";

/**
 * Drives every row of route-table.ts for every actor against one real app (SQLite or
 * PostgreSQL). The fixtures are built once; a route that changes what it acts on gets a fresh
 * target per call from its `prepare` hook, and a refused call must leave that target as it was
 * (`state`). The actors of one route are called at once; the routes one after another.
 */

type Member = Person & { userId: string };
type SessionActor = Exclude<Actor, "outsider" | "farm">;

type Fixture = {
  people: Record<SessionActor, Member>;
  /** A second Account Administrator of A (so that the first may leave) and the inviter of the scratch account S. */
  coAdmin: Member;
  A: string;
  /** An account whose invitations the actors accept. */
  S: string;
  SA: string;
  PA: string;
  X: { id: string; key: string };
  Y: { id: string };
  targetUserId: string;
  invitationId: string;
  previewToken: string;
  farm: Farm;
  order: { id: string; subscriptionId: string };
  paymentRef: string;
  releaseId: string;
  ticketId: string;
  attachmentId: string;
  watchToken: string;
};

/** What `prepare` made for one call. */
type Ctx = Record<string, string>;
type Call = {
  url(f: Fixture, c: Ctx): string;
  body?(f: Fixture, c: Ctx, actor: Actor): unknown;
  headers?(): Record<string, string>;
  /** A fresh target for this call. */
  prepare?(f: Fixture, actor: Actor): Promise<Ctx>;
  /** What a refused call must not change (read before and after). */
  state?(f: Fixture, c: Ctx, actor: Actor): Promise<unknown>;
  /** Undoes what an allowed call did to the shared fixture. */
  restore?(f: Fixture, actor: Actor): Promise<void>;
};

let t: TestApp;
let storageDir: string;
const db = () => t.database.db;

const ACC = (f: Fixture) => `/api/accounts/${f.A}`;
const SUB = (f: Fixture) => `${ACC(f)}/subscriptions/${f.SA}`;
const KEY_X = (f: Fixture) => `${SUB(f)}/keys/${f.X.id}`;
const TICKET = (f: Fixture, c: Ctx) => `${ACC(f)}/support/tickets/${c.ticketId ?? f.ticketId}`;
const OP_TICKET = (f: Fixture, c: Ctx) => `/api/operator/support/tickets/${c.ticketId ?? f.ticketId}`;
const WATCH = (f: Fixture) => `/api/support/watch/${encodeURIComponent(f.watchToken)}`;
const reply = () => ({ body: "Any news on this?", attachmentIds: [] });
const idempotent = () => ({ "idempotency-key": randomUUID() });
const one = async <T>(rows: Promise<T[]>) => (await rows).map((r) => JSON.stringify(r)).join();

async function freshFarm(f: Fixture): Promise<Ctx> {
  const farm = await activated(t, f.people.admin, f.X.key, { farmId: newFarmUid("table") });
  return { farmId: farm.farmId, credential: farm.credential };
}
const farmState = (_f: Fixture, c: Ctx) =>
  one(
    db()
      .selectFrom("farms")
      .select("status")
      .where("id", "=", c.farmId ?? "")
      .execute(),
  );

async function freshTicket(f: Fixture): Promise<Ctx> {
  const ticket = await openTicket(t, f.people.regular, f.A);
  return { ticketId: ticket.id };
}

async function awaitingTransfer(f: Fixture): Promise<Ctx> {
  const order = await checkout(t, f.people.admin, f.A, { method: "bank_transfer" }, { quantity: 1 });
  if (order.statusCode !== 201) throw new Error(`bank transfer order failed: ${order.body}`);
  return { orderId: order.json().id, total: String(order.json().total) };
}
const orderState = (_f: Fixture, c: Ctx) =>
  one(
    db()
      .selectFrom("orders")
      .select("status")
      .where("id", "=", c.orderId ?? "")
      .execute(),
  );

async function pendingCard(f: Fixture): Promise<Ctx> {
  const order = await checkout(t, f.people.admin, f.A, { method: "card", token: await cardToken(t, CARDS.authenticate) });
  if (order.statusCode !== 201) throw new Error(`card order failed: ${order.body}`);
  return { paymentRef: order.json().nextAction.url.split("/").pop() };
}

const releaseState = (_f: Fixture, c: Ctx) =>
  one(
    db()
      .selectFrom("releases")
      .select(["status", "fileId"])
      .where("id", "=", c.releaseId ?? "")
      .execute(),
  );
async function draft(withFile: boolean): Promise<Ctx> {
  const release = await createRelease(t, people().operator);
  if (withFile) await upload(t, people().operator, release.id, Buffer.from("draft file"));
  return { releaseId: release.id };
}
async function published(): Promise<Ctx> {
  const release = await publishedRelease(t, people().operator, Buffer.from(`fresh ${randomBytes(4).toString("hex")}`));
  return { releaseId: release.id };
}

/** The person who accepts an invitation: the actor, or a stranger for those without a session. */
const inviteeOf = (f: Fixture, actor: Actor) =>
  actor === "outsider" || actor === "farm" ? uniqueEmail("stranger") : f.people[actor].email;
async function invitationTo(f: Fixture, email: string): Promise<Ctx> {
  return { token: await plantInvitation(t, f.S, email, f.coAdmin.userId), email };
}
const invitationState = (f: Fixture, c: Ctx) =>
  one(
    db()
      .selectFrom("invitations")
      .select("status")
      .where("accountId", "=", f.S)
      .where("email", "=", (c.email ?? "").toLowerCase())
      .execute(),
  );

let fixture: Fixture;
const people = () => fixture.people;

const CALLS: Record<string, Call> = {
  "GET /healthz": { url: () => "/healthz" },
  "GET /readyz": { url: () => "/readyz" },
  "GET /metrics": { url: () => "/metrics" },

  // Identity
  "POST /api/identity/sign-up": {
    url: () => "/api/identity/sign-up",
    body: () => ({ firstName: "Ada", lastName: "Lovelace", email: uniqueEmail("table"), password: GOOD_PASSWORD }),
  },
  "GET /api/me": { url: () => "/api/me" },
  "PUT /api/me/profile": {
    url: () => "/api/me/profile",
    body: () => ({ firstName: "Ada", lastName: "Lovelace", locale: "en" }),
  },

  // Accounts, membership, invitations, audit
  "GET /api/accounts": { url: () => "/api/accounts" },
  "POST /api/accounts": { url: () => "/api/accounts", body: () => ({ ...ACME, companyName: "Another Co" }) },
  "GET /api/accounts/{accountId}": { url: ACC },
  "PUT /api/accounts/{accountId}/company": { url: (f) => `${ACC(f)}/company`, body: () => ACME },
  "POST /api/accounts/{accountId}/leave": {
    url: (f) => `${ACC(f)}/leave`,
    // The caller's own membership (the others leave at the same time).
    state: (f, _c, actor) =>
      one(
        db()
          .selectFrom("memberships")
          .select(["role", "status"])
          .where("accountId", "=", f.A)
          .where("userId", "=", actor === "outsider" || actor === "farm" ? f.targetUserId : f.people[actor].userId)
          .execute(),
      ),
    // They really left: back in, with their role and grants, for the routes after this one.
    async restore(f, actor) {
      if (actor === "outsider" || actor === "farm") return;
      const who = f.people[actor];
      if (actor === "admin") await joinAsAdmin(t, f.coAdmin, f.A, who);
      else await join(t, f.coAdmin, f.A, who);
      if (actor === "keyAdmin") await grant(t, f.coAdmin, f.A, f.SA, f.X.id, [who.userId]);
      if (actor === "otherKeyAdmin") await grant(t, f.coAdmin, f.A, f.SA, f.Y.id, [who.userId]);
    },
  },
  "GET /api/accounts/{accountId}/users": { url: (f) => `${ACC(f)}/users` },
  "GET /api/accounts/{accountId}/users.csv": { url: (f) => `${ACC(f)}/users.csv` },
  "GET /api/accounts/{accountId}/users/{userId}": { url: (f) => `${ACC(f)}/users/${f.targetUserId}` },
  "PUT /api/accounts/{accountId}/users/{userId}": {
    url: (f) => `${ACC(f)}/users/${f.targetUserId}`,
    body: () => ({ role: "member", status: "active", note: "no change" }),
  },
  "POST /api/accounts/{accountId}/invitations": {
    url: (f) => `${ACC(f)}/invitations`,
    body: () => ({ locale: "en", invitations: [{ email: uniqueEmail("table") }] }),
  },
  "GET /api/accounts/{accountId}/invitations/{invitationId}": { url: (f) => `${ACC(f)}/invitations/${f.invitationId}` },
  "POST /api/accounts/{accountId}/invitations/{invitationId}/resend": {
    url: (f) => `${ACC(f)}/invitations/${f.invitationId}/resend`,
  },
  "POST /api/accounts/{accountId}/invitations/{invitationId}/revoke": {
    prepare: async (f) => {
      const [sent] = await invite(t, f.people.admin, f.A, [uniqueEmail("revokable")]);
      return { invitationId: sent?.invitationId ?? "" };
    },
    url: (f, c) => `${ACC(f)}/invitations/${c.invitationId}/revoke`,
    state: (_f, c) =>
      one(
        db()
          .selectFrom("invitations")
          .select("status")
          .where("id", "=", c.invitationId ?? "")
          .execute(),
      ),
  },
  "POST /api/invitations/preview": { url: () => "/api/invitations/preview", body: (f) => ({ token: f.previewToken }) },
  "POST /api/invitations/accept": {
    prepare: (f, actor) => invitationTo(f, inviteeOf(f, actor)),
    url: () => "/api/invitations/accept",
    body: (_f, c) => ({ token: c.token }),
    state: invitationState,
  },
  "POST /api/invitations/accept-new": {
    prepare: (f) => invitationTo(f, uniqueEmail("newcomer")),
    url: () => "/api/invitations/accept-new",
    body: (_f, c) => ({ token: c.token, firstName: "Grace", lastName: "Hopper", password: GOOD_PASSWORD }),
    state: invitationState,
  },
  "GET /api/accounts/{accountId}/audit": { url: (f) => `${ACC(f)}/audit` },
  "GET /api/accounts/{accountId}/audit.csv": { url: (f) => `${ACC(f)}/audit.csv` },

  // Licensing
  "GET /api/accounts/{accountId}/dashboard": { url: (f) => `${ACC(f)}/dashboard` },
  "GET /api/accounts/{accountId}/subscriptions": { url: (f) => `${ACC(f)}/subscriptions` },
  "POST /api/accounts/{accountId}/subscriptions/register": {
    prepare: async () => {
      const issued = await unregistered(t, people().operator, 1);
      return { subscriptionId: issued.id, key: issued.primaryKey };
    },
    url: (f) => `${ACC(f)}/subscriptions/register`,
    body: (_f, c) => ({ key: c.key }),
    state: (_f, c) =>
      one(
        db()
          .selectFrom("subscriptions")
          .select("accountId")
          .where("id", "=", c.subscriptionId ?? "")
          .execute(),
      ),
  },
  "GET /api/accounts/{accountId}/subscriptions/{subscriptionId}": { url: SUB },
  "PUT /api/accounts/{accountId}/subscriptions/{subscriptionId}": { url: SUB, body: () => ({ displayName: "Main" }) },
  "POST /api/accounts/{accountId}/subscriptions/{subscriptionId}/keys": {
    url: (f) => `${SUB(f)}/keys`,
    body: () => ({ name: "Made", licenses: 1 }),
  },
  "GET /api/accounts/{accountId}/subscriptions/{subscriptionId}/keys/{keyId}": { url: KEY_X },
  "PUT /api/accounts/{accountId}/subscriptions/{subscriptionId}/keys/{keyId}": {
    url: KEY_X,
    body: () => ({ name: "X", licenses: 10 }),
  },
  "DELETE /api/accounts/{accountId}/subscriptions/{subscriptionId}/keys/{keyId}": {
    // A fresh key administered by the key's License Administrator.
    prepare: async (f) => {
      const doomed = await newKey(t, f.people.admin, f.A, f.SA, { name: "Doomed" });
      await grant(t, f.people.admin, f.A, f.SA, doomed.id, [f.people.keyAdmin.userId]);
      return { keyId: doomed.id };
    },
    url: (f, c) => `${SUB(f)}/keys/${c.keyId}`,
    state: (_f, c) =>
      one(
        db()
          .selectFrom("licenseKeys")
          .select("id")
          .where("id", "=", c.keyId ?? "")
          .execute(),
      ),
  },
  "PUT /api/accounts/{accountId}/subscriptions/{subscriptionId}/keys/{keyId}/administrators": {
    url: (f) => `${KEY_X(f)}/administrators`,
    body: (f) => ({ userIds: [f.people.keyAdmin.userId] }),
  },
  "GET /api/operator/products": { url: () => "/api/operator/products" },
  "POST /api/operator/products": {
    url: () => "/api/operator/products",
    body: () => ({ code: `p-${randomBytes(4).toString("hex")}`, name: "Another product" }),
  },
  "PUT /api/operator/products/{productId}": {
    url: () => "/api/operator/products/ras",
    body: () => ({ name: "Remote Application Server" }),
  },
  "GET /api/operator/search": { url: () => "/api/operator/search?q=acme" },
  "GET /api/operator/subscriptions": { url: () => "/api/operator/subscriptions" },
  "POST /api/operator/subscriptions": {
    url: () => "/api/operator/subscriptions",
    body: () => ({
      productId: "ras",
      licenseType: "trial",
      licenses: 1,
      supportPlan: "standard",
      salesChannel: "direct",
      purchaserEmail: uniqueEmail("buyer"),
    }),
  },
  "GET /api/operator/subscriptions/{subscriptionId}": { url: (f) => `/api/operator/subscriptions/${f.SA}` },
  "POST /api/operator/subscriptions/{subscriptionId}/actions": {
    url: (f) => `/api/operator/subscriptions/${f.SA}/actions`,
    body: () => ({ action: "reinstate" }),
  },

  // Farms
  "POST /api/farm/v1/activate": {
    prepare: async () => ({ farmUid: newFarmUid("table") }),
    url: () => "/api/farm/v1/activate",
    body: (f, c, actor) => {
      // A person's email and password; the outsider's belong to no one; a farm has none to give.
      const login =
        actor === "farm"
          ? {}
          : actor === "outsider"
            ? { email: "nobody@example.com", password: "not-a-real-password" }
            : { email: f.people[actor].email, password: f.people[actor].password };
      const uid = c.farmUid ?? "";
      return { ...login, key: f.X.key, farmId: uid, serverId: `srv-${uid}`, appVersion: "19.4.1", farmName: `Farm ${uid}` };
    },
    state: (_f, c) =>
      one(
        db()
          .selectFrom("farms")
          .select("id")
          .where("farmUid", "=", c.farmUid ?? "")
          .execute(),
      ),
  },
  "POST /api/farm/v1/check-in": {
    url: () => "/api/farm/v1/check-in",
    // Every call takes the next sequence number, so an allowed check-in is never a repeat.
    body: (f) => {
      f.farm.sequence += 1;
      return { sequence: f.farm.sequence, currentUsers: 1, peakUsers: 1 };
    },
  },
  "POST /api/farm/v1/deactivate": {
    prepare: freshFarm,
    url: () => "/api/farm/v1/deactivate",
    state: farmState,
  },
  "GET /.well-known/license-portal/keys.json": { url: () => "/.well-known/license-portal/keys.json" },
  "GET /.well-known/license-portal/signing-key.pem": { url: () => "/.well-known/license-portal/signing-key.pem" },
  "GET /api/accounts/{accountId}/farms": { url: (f) => `${ACC(f)}/farms` },
  "GET /api/accounts/{accountId}/farms.csv": { url: (f) => `${ACC(f)}/farms.csv` },
  "POST /api/accounts/{accountId}/farms/deactivate": {
    prepare: freshFarm,
    url: (f) => `${ACC(f)}/farms/deactivate`,
    body: (_f, c) => ({ farmIds: [c.farmId] }),
    state: farmState,
  },
  "GET /api/accounts/{accountId}/farms/{farmId}": { url: (f) => `${ACC(f)}/farms/${f.farm.farmId}` },
  "PATCH /api/accounts/{accountId}/farms/{farmId}": {
    url: (f) => `${ACC(f)}/farms/${f.farm.farmId}`,
    body: () => ({ notes: "Rack 4" }),
  },
  "GET /api/accounts/{accountId}/farms/{farmId}/usage": { url: (f) => `${ACC(f)}/farms/${f.farm.farmId}/usage?range=30d` },
  "GET /api/accounts/{accountId}/keys/{keyId}/usage": { url: (f) => `${ACC(f)}/keys/${f.X.id}/usage` },

  // Store
  "GET /api/store/catalog": { url: () => "/api/store/catalog" },
  "POST /api/accounts/{accountId}/store/quote": {
    url: (f) => `${ACC(f)}/store/quote`,
    body: () => ({ productId: "ras", quantity: 5, term: "1y", supportPlan: "standard" }),
  },
  "POST /api/accounts/{accountId}/store/upgrade-quote": {
    url: (f) => `${ACC(f)}/store/upgrade-quote`,
    body: (f) => ({ subscriptionId: f.order.subscriptionId, newTotal: 500 }),
  },
  "POST /api/accounts/{accountId}/store/orders": {
    prepare: async () => ({ token: await cardToken(t) }),
    url: (f) => `${ACC(f)}/store/orders`,
    headers: idempotent,
    body: (_f, c) => ({
      productId: "ras",
      quantity: 1,
      term: "1m",
      supportPlan: "standard",
      payment: { method: "card", token: c.token },
    }),
  },
  "GET /api/accounts/{accountId}/store/orders": { url: (f) => `${ACC(f)}/store/orders` },
  "POST /api/accounts/{accountId}/store/upgrades": {
    prepare: async (f) => {
      const row = await db()
        .selectFrom("subscriptions")
        .select("totalLicenses")
        .where("id", "=", f.order.subscriptionId)
        .executeTakeFirstOrThrow();
      return { token: await cardToken(t), newTotal: String(Number(row.totalLicenses) + 1) };
    },
    url: (f) => `${ACC(f)}/store/upgrades`,
    headers: idempotent,
    body: (f, c) => ({
      subscriptionId: f.order.subscriptionId,
      newTotal: Number(c.newTotal),
      payment: { method: "card", token: c.token },
    }),
  },
  "GET /api/accounts/{accountId}/store/orders/{orderId}": { url: (f) => `${ACC(f)}/store/orders/${f.order.id}` },
  "GET /api/accounts/{accountId}/store/orders/{orderId}/invoice.pdf": {
    url: (f) => `${ACC(f)}/store/orders/${f.order.id}/invoice.pdf`,
  },
  "HEAD /api/accounts/{accountId}/store/orders/{orderId}/invoice.pdf": {
    url: (f) => `${ACC(f)}/store/orders/${f.order.id}/invoice.pdf`,
  },
  "GET /api/accounts/{accountId}/store/payment-method": { url: (f) => `${ACC(f)}/store/payment-method` },
  "PUT /api/accounts/{accountId}/store/payment-method": {
    prepare: async () => ({ token: await cardToken(t) }),
    url: (f) => `${ACC(f)}/store/payment-method`,
    body: (_f, c) => ({ token: c.token }),
  },
  "DELETE /api/accounts/{accountId}/store/payment-method": { url: (f) => `${ACC(f)}/store/payment-method` },
  "GET /api/operator/store/price-list": { url: () => "/api/operator/store/price-list" },
  "PUT /api/operator/store/price-list": {
    prepare: async () => ({
      list: (await send(t, people().operator, "GET", "/api/operator/store/price-list")).body,
    }),
    url: () => "/api/operator/store/price-list",
    body: (_f, c) => JSON.parse(c.list ?? "{}"),
  },
  "GET /api/operator/store/orders": { url: () => "/api/operator/store/orders" },
  "POST /api/operator/store/orders/{orderId}/confirm-transfer": {
    prepare: awaitingTransfer,
    url: (_f, c) => `/api/operator/store/orders/${c.orderId}/confirm-transfer`,
    body: (_f, c) => ({ amount: Number(c.total), bankReference: `REF-${randomUUID()}` }),
    state: orderState,
  },
  "POST /api/operator/store/orders/{orderId}/cancel": {
    prepare: awaitingTransfer,
    url: (_f, c) => `/api/operator/store/orders/${c.orderId}/cancel`,
    body: () => ({ reason: "test" }),
    state: orderState,
  },
  "POST /api/store/gateways/{gateway}/events": { url: () => "/api/store/gateways/test/events", body: () => ({}) },
  "POST /api/store/test-gateway/tokens": {
    url: () => "/api/store/test-gateway/tokens",
    body: () => ({ number: CARDS.succeeds, expMonth: 1, expYear: 2099, cvc: "123" }),
  },
  "GET /api/store/test-gateway/payments/{paymentRef}": { url: (f) => `/api/store/test-gateway/payments/${f.paymentRef}` },
  "POST /api/store/test-gateway/payments/{paymentRef}/authenticate": {
    prepare: pendingCard,
    url: (_f, c) => `/api/store/test-gateway/payments/${c.paymentRef}/authenticate`,
    body: () => ({ outcome: "approve" }),
  },

  // Downloads
  "GET /api/accounts/{accountId}/downloads": { url: (f) => `${ACC(f)}/downloads` },
  "GET /api/accounts/{accountId}/downloads/{releaseId}/file": { url: (f) => `${ACC(f)}/downloads/${f.releaseId}/file` },
  "HEAD /api/accounts/{accountId}/downloads/{releaseId}/file": { url: (f) => `${ACC(f)}/downloads/${f.releaseId}/file` },
  "GET /api/operator/downloads/releases": { url: () => releasesUrl },
  "POST /api/operator/downloads/releases": {
    url: () => releasesUrl,
    body: () => ({ productId: "ras", version: `21.${randomBytes(3).readUIntBE(0, 3)}`, platform: "Linux", fileName: "ras.deb" }),
  },
  "PUT /api/operator/downloads/releases/{releaseId}/file": {
    prepare: () => draft(false),
    url: (_f, c) => `${releaseUrl(c.releaseId ?? "")}/file`,
    body: () => Buffer.from("uploaded by whoever asked"),
    state: releaseState,
  },
  "GET /api/operator/downloads/releases/{releaseId}/file": { url: (f) => `${releaseUrl(f.releaseId)}/file` },
  "PATCH /api/operator/downloads/releases/{releaseId}": {
    url: (f) => releaseUrl(f.releaseId),
    body: () => ({ notes: "Edited." }),
  },
  "DELETE /api/operator/downloads/releases/{releaseId}": {
    prepare: published,
    url: (_f, c) => releaseUrl(c.releaseId ?? ""),
    state: releaseState,
  },
  "POST /api/operator/downloads/releases/{releaseId}/publish": {
    prepare: () => draft(true),
    url: (_f, c) => `${releaseUrl(c.releaseId ?? "")}/publish`,
    state: releaseState,
  },
  "POST /api/operator/downloads/releases/{releaseId}/unpublish": {
    prepare: published,
    url: (_f, c) => `${releaseUrl(c.releaseId ?? "")}/unpublish`,
    state: releaseState,
  },

  // Support
  "GET /api/accounts/{accountId}/support/options": { url: (f) => `${ACC(f)}/support/options` },
  "GET /api/accounts/{accountId}/support/tickets": { url: (f) => `${ACC(f)}/support/tickets` },
  "POST /api/accounts/{accountId}/support/tickets": {
    url: (f) => `${ACC(f)}/support/tickets`,
    body: () => ({
      productId: "ras",
      category: "purchase",
      severity: "low",
      subject: "Quote for 50 more licenses",
      description: "Please send a quote.",
    }),
  },
  "POST /api/accounts/{accountId}/support/attachments": {
    url: (f) => `${ACC(f)}/support/attachments?fileName=shot.png`,
    body: () => PNG_BYTES,
  },
  "GET /api/accounts/{accountId}/support/tickets/{ticketId}": { url: (f) => TICKET(f, {}) },
  "POST /api/accounts/{accountId}/support/tickets/{ticketId}/messages": {
    url: (f) => `${TICKET(f, {})}/messages`,
    body: reply,
  },
  "POST /api/accounts/{accountId}/support/tickets/{ticketId}/status": {
    prepare: freshTicket,
    url: (f, c) => `${TICKET(f, c)}/status`,
    body: () => ({ status: "resolved" }),
    state: (_f, c) =>
      one(
        db()
          .selectFrom("supportTickets")
          .select("status")
          .where("id", "=", c.ticketId ?? "")
          .execute(),
      ),
  },
  "GET /api/accounts/{accountId}/support/tickets/{ticketId}/attachments/{attachmentId}": {
    url: (f) => `${TICKET(f, {})}/attachments/${f.attachmentId}`,
  },
  "POST /api/accounts/{accountId}/support/tickets/{ticketId}/watchers": {
    url: (f) => `${TICKET(f, {})}/watchers`,
    body: () => ({ email: `watcher-${randomBytes(4).toString("hex")}@partner.example` }),
  },
  "DELETE /api/accounts/{accountId}/support/tickets/{ticketId}/watchers/{watcherId}": {
    prepare: async (f) => {
      const email = `leaving-${randomBytes(4).toString("hex")}@partner.example`;
      const added = await send(t, f.people.regular, "POST", `${TICKET(f, {})}/watchers`, { email });
      if (added.statusCode !== 201) throw new Error(`add watcher failed: ${added.body}`);
      const row = await db().selectFrom("supportWatchers").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      return { watcherId: row.id };
    },
    url: (f, c) => `${TICKET(f, {})}/watchers/${c.watcherId}`,
    state: (_f, c) =>
      one(
        db()
          .selectFrom("supportWatchers")
          .select("id")
          .where("id", "=", c.watcherId ?? "")
          .execute(),
      ),
  },
  "GET /api/support/watch/{token}": { url: WATCH },
  "POST /api/support/watch/{token}/messages": { url: (f) => `${WATCH(f)}/messages`, body: reply },
  "POST /api/support/watch/{token}/attachments": {
    url: (f) => `${WATCH(f)}/attachments?fileName=log.txt`,
    body: () => Buffer.from("2026-11-26 12:00:00 farm started\n"),
  },
  "GET /api/support/watch/{token}/attachments/{attachmentId}": { url: (f) => `${WATCH(f)}/attachments/${f.attachmentId}` },
  "HEAD /api/support/watch/{token}/attachments/{attachmentId}": { url: (f) => `${WATCH(f)}/attachments/${f.attachmentId}` },
  "GET /api/operator/support/tickets": { url: () => "/api/operator/support/tickets" },
  "GET /api/operator/support/agents": { url: () => "/api/operator/support/agents" },
  "GET /api/operator/support/tickets/{ticketId}": { url: (f) => OP_TICKET(f, {}) },
  "PATCH /api/operator/support/tickets/{ticketId}": { url: (f) => OP_TICKET(f, {}), body: () => ({ severity: "high" }) },
  "POST /api/operator/support/tickets/{ticketId}/messages": {
    url: (f) => `${OP_TICKET(f, {})}/messages`,
    body: () => ({ body: "Looking into it.", visibility: "internal", attachmentIds: [] }),
  },
  "POST /api/operator/support/tickets/{ticketId}/incident-credit": {
    // A technical ticket on the Standard plan uses an incident of the key's subscription.
    prepare: async (f) => {
      const ticket = await openTicket(t, f.people.admin, f.A, { category: "technical", licenseKeyId: f.PA });
      return { ticketId: ticket.id };
    },
    url: (f, c) => `${OP_TICKET(f, c)}/incident-credit`,
    body: () => ({ reason: "A bug we did not know about." }),
    state: (_f, c) =>
      one(
        db()
          .selectFrom("supportIncidents")
          .select("creditedAt")
          .where("ticketId", "=", c.ticketId ?? "")
          .execute(),
      ),
  },
  "POST /api/operator/support/tickets/{ticketId}/attachments": {
    url: (f) => `${OP_TICKET(f, {})}/attachments?fileName=fix.pdf`,
    body: () => Buffer.from("%PDF-1.4\n%%EOF\n"),
  },
  "GET /api/operator/support/tickets/{ticketId}/attachments/{attachmentId}": {
    url: (f) => `${OP_TICKET(f, {})}/attachments/${f.attachmentId}`,
  },
  "HEAD /api/operator/support/tickets/{ticketId}/attachments/{attachmentId}": {
    url: (f) => `${OP_TICKET(f, {})}/attachments/${f.attachmentId}`,
  },
};

async function buildFixture(): Promise<Fixture> {
  const names = ["admin", "coAdmin", "regular", "keyAdmin", "otherKeyAdmin", "blocked", "otherAdmin", "target"] as const;
  const list = await Promise.all(names.map((n) => person(t, n.toLowerCase())));
  const byName = Object.fromEntries(names.map((n, i) => [n, list[i] as Person])) as Record<(typeof names)[number], Person>;
  const op = await operator(t);
  const { admin } = byName;
  const A = await businessAccount(t, admin);
  await businessAccount(t, byName.otherAdmin, { ...ACME, companyName: "Other Co" });
  const ids = {
    admin: await userIdOf(t, admin.email),
    otherAdmin: await userIdOf(t, byName.otherAdmin.email),
    operator: await userIdOf(t, op.email),
    coAdmin: await joinAsAdmin(t, admin, A, byName.coAdmin),
    regular: await join(t, admin, A, byName.regular),
    keyAdmin: await join(t, admin, A, byName.keyAdmin),
    otherKeyAdmin: await join(t, admin, A, byName.otherKeyAdmin),
    blocked: await join(t, admin, A, byName.blocked),
    target: await join(t, admin, A, byName.target),
  };
  const S = await businessAccount(t, byName.coAdmin, { ...ACME, companyName: "Scratch Co" });

  const SA = await issue(t, op, { accountId: A, licenses: 100 });
  const X = await newKey(t, admin, A, SA.id, { name: "X", licenses: 10 });
  const Y = await newKey(t, admin, A, SA.id, { name: "Y", licenses: 10 });
  const PA = await primaryKeyId(t, admin, A, SA.id);
  await grant(t, admin, A, SA.id, X.id, [ids.keyAdmin]);
  await grant(t, admin, A, SA.id, Y.id, [ids.otherKeyAdmin]);
  const blocked = await setMember(t, admin, A, ids.blocked, { role: "member", status: "blocked" });
  if (blocked.statusCode !== 200) throw new Error(`block failed: ${blocked.body}`);
  const farm = await activated(t, admin, X.key, { farmId: newFarmUid("table") });

  const [open] = await invite(t, admin, A, [uniqueEmail("open")]);
  const previewToken = await plantInvitation(t, S, uniqueEmail("preview"), ids.coAdmin);

  const bought = await buy(t, admin, A, { quantity: 10, term: "1y" });
  const fixturePeople: Record<SessionActor, Member> = {
    regular: { ...byName.regular, userId: ids.regular },
    keyAdmin: { ...byName.keyAdmin, userId: ids.keyAdmin },
    otherKeyAdmin: { ...byName.otherKeyAdmin, userId: ids.otherKeyAdmin },
    blocked: { ...byName.blocked, userId: ids.blocked },
    admin: { ...admin, userId: ids.admin },
    otherAdmin: { ...byName.otherAdmin, userId: ids.otherAdmin },
    operator: { ...op, userId: ids.operator },
  };
  const partial = {
    people: fixturePeople,
    coAdmin: { ...byName.coAdmin, userId: ids.coAdmin },
    A,
    S,
  } as Fixture;
  const { paymentRef } = await pendingCard(partial);

  const release = await publishedRelease(t, op, Buffer.from("RAS installer bytes, version 19.4"));

  // Every call of a ticket route may open a technical ticket; the Standard plan's allowance must not run out here.
  await db().updateTable("supportPlans").set({ incidentsPerYear: 10_000 }).where("code", "=", "standard").execute();
  const attachment = await uploadAttachment(t, byName.regular, A);
  const ticket = await openTicket(t, byName.regular, A, { attachmentIds: [attachment.id] });
  const watched = await send(t, byName.regular, "POST", `/api/accounts/${A}/support/tickets/${ticket.id}/watchers`, {
    email: "outside.watcher@partner.example",
  });
  if (watched.statusCode !== 201) throw new Error(`add watcher failed: ${watched.body}`);
  const outside = await db()
    .selectFrom("supportWatchers")
    .select("id")
    .where("ticketId", "=", ticket.id)
    .where("userId", "is", null)
    .executeTakeFirstOrThrow();

  return {
    ...partial,
    SA: SA.id,
    PA,
    X: { id: X.id, key: X.key },
    Y: { id: Y.id },
    targetUserId: ids.target,
    invitationId: open?.invitationId ?? "",
    previewToken,
    farm,
    order: { id: bought.id, subscriptionId: bought.subscription.id },
    paymentRef: paymentRef ?? "",
    releaseId: release.id,
    ticketId: ticket.id,
    attachmentId: attachment.id,
    watchToken: t.app.support.tokens.watchLinkToken(outside.id),
  };
}

/** Calls `route` as `actor` and returns what differs from the table (nothing when it matches). */
async function drive(route: RouteRow, call: Call, actor: Actor): Promise<string[]> {
  const f = fixture;
  const c = (await call.prepare?.(f, actor)) ?? {};
  const before = await call.state?.(f, c, actor);
  const who = actor === "outsider" || actor === "farm" ? null : f.people[actor];
  const headers: Record<string, string> = { ...call.headers?.() };
  if (actor === "farm") headers.authorization = `Bearer ${c.credential ?? f.farm.credential}`;
  const response = await send(t, who, route.method, call.url(f, c), await call.body?.(f, c, actor), headers);

  const want = expectedFor(route, actor);
  const problems: string[] = [];
  const got = `${response.statusCode} ${route.method === "HEAD" ? "" : response.body.slice(0, 160)}`;
  if (response.statusCode !== want.status) return [`${actor}: want ${want.status} ${want.code ?? ""}, got ${got}`];
  const after = await call.state?.(f, c, actor);
  if (want.code) {
    if (!String(response.headers["content-type"]).startsWith("application/problem+json"))
      problems.push(`${actor}: refusal is ${response.headers["content-type"]}, not problem+json`);
    if (route.method !== "HEAD" && response.json().code !== want.code)
      problems.push(`${actor}: want code ${want.code}, got ${got}`);
    // A refusal tells nothing about account A.
    if (response.body.includes(ACME.companyName)) problems.push(`${actor}: a refusal names the account: ${got}`);
    if (after !== before) problems.push(`${actor}: a refused call changed ${before} into ${after}`);
  } else {
    // An allowed call did what it says.
    if (call.state && after === before) problems.push(`${actor}: an allowed call left ${before} as it was`);
    await call.restore?.(f, actor);
  }
  return problems;
}

describe(`one authorization table: every route for every actor (${TEST_ENGINE})`, () => {
  beforeAll(async () => {
    storageDir = mkdtempSync(joinPath(tmpdir(), "lp-authz-"));
    t = await createTestApp({ AUTH_RATE_LIMIT: "off", STORAGE_DIR: storageDir, INVITATION_DAILY_LIMIT: "100000" });
    fixture = await buildFixture();
  });
  afterAll(async () => {
    await t?.close();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it("names every route of the OpenAPI document, only routes that exist, each once, with a way to call it", async () => {
    const openapi = (await t.app.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, object> };
    const documented = Object.entries(openapi.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tabled = ROUTE_TABLE.filter((r) => !r.undocumented).map(routeId);
    const missing = documented.filter((r) => !tabled.includes(r));
    const unknown = tabled.filter((r) => !documented.includes(r));
    expect({ missingFromTable: missing, notInOpenApi: unknown }).toEqual({ missingFromTable: [], notInOpenApi: [] });
    const ids = ROUTE_TABLE.map(routeId);
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      "rows listed twice",
    ).toEqual([]);
    // Rows the document leaves out (HEAD) must still be routes of the app.
    const hidden = ROUTE_TABLE.filter((r) => r.undocumented).filter(
      (r) => !t.app.hasRoute({ method: r.method, url: r.path.replace(/\{(\w+)\}/g, ":$1") }),
    );
    expect(hidden.map(routeId), "undocumented rows that are not routes").toEqual([]);
    expect(
      ids.filter((id) => !CALLS[id]),
      "rows without a call",
    ).toEqual([]);
    expect(
      Object.keys(CALLS).filter((id) => !ids.includes(id)),
      "calls without a row",
    ).toEqual([]);
  });

  it("says something about every actor on every row", () => {
    for (const route of ROUTE_TABLE) for (const actor of ACTORS) expect(() => expectedFor(route, actor)).not.toThrow();
  });

  it.each(ROUTE_TABLE.map((route) => [routeId(route), route] as const))("%s", async (_id, route) => {
    const call = CALLS[routeId(route)];
    if (!call) throw new Error(`no call for ${routeId(route)}`);
    const problems = (await Promise.all(ACTORS.map((actor) => drive(route, call, actor)))).flat();
    expect(problems).toEqual([]);
  });
});
