import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketView } from "../../contracts/support.ts";
import { member, type Person, setMember } from "../helpers/account-fixtures.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  createSupportApp,
  type Member,
  openTicket,
  PNG_BYTES,
  type SupportAccount,
  type SupportTestApp,
  send,
  supportAccount,
  supportOperator,
  supportUrl,
  ticketUrl,
  uploadAttachment,
} from "./support-kit.ts";

/**
 * Every support route for every kind of caller. Account A has an Account Administrator, a
 * Regular Member who opened ticket T ("creator"), a Regular Member who watches T, a Regular
 * Member with no part in T, a blocked and a removed member. T also has an outside watcher,
 * who has no session and holds the secure link of their email. Everyone else is an outsider
 * (no cookie), a member of another account, or an operator (staff, not a member).
 *
 * The link routes are opened with the caller's own link: the outside watcher's real one;
 * everybody else holds that link with its signature altered, which a session must not make
 * good. Every call gets a fresh T, and a refused call must leave T as it was.
 */

type Who =
  | "outsider"
  | "nonMember"
  | "blocked"
  | "removed"
  | "regular"
  | "creator"
  | "memberWatcher"
  | "admin"
  | "linkWatcher"
  | "op";
const WHO: Array<{ who: Who; name: string }> = [
  { who: "outsider", name: "outsider (no cookie)" },
  { who: "nonMember", name: "Account Administrator of another account" },
  { who: "blocked", name: "blocked member" },
  { who: "removed", name: "removed member" },
  { who: "regular", name: "Regular Member with no part in the ticket" },
  { who: "creator", name: "Regular Member who opened the ticket" },
  { who: "memberWatcher", name: "Regular Member watching the ticket" },
  { who: "admin", name: "Account Administrator" },
  { who: "linkWatcher", name: "watcher by email (outside address, secure link)" },
  { who: "op", name: "operator" },
];

type Ctx = {
  accountId: string;
  ticket: TicketView;
  attachmentId: string;
  outsideWatcherId: string;
  /** The caller's link: the real one for the outside watcher, an altered one for everybody else. */
  token: string;
};
type Kind = "account" | "ticket" | "watchers" | "link" | "operator";
type Route = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** As in the OpenAPI document. */
  path: string;
  kind: Kind;
  ok?: number;
  url(c: Ctx): string;
  body?(c: Ctx): unknown;
};

const ACC = "/api/accounts/{accountId}/support";
const TKT = `${ACC}/tickets/{ticketId}`;
const LINK = "/api/support/watch/{token}";
const OPS = "/api/operator/support";
const tUrl = (c: Ctx) => ticketUrl(c.accountId, c.ticket.id);
const linkUrl = (c: Ctx) => `/api/support/watch/${encodeURIComponent(c.token)}`;
const opUrl = (c: Ctx) => `/api/operator/support/tickets/${c.ticket.id}`;
const reply = () => ({ body: "Any news on this?", attachmentIds: [] });

const ROUTES: Route[] = [
  { method: "GET", path: `${ACC}/options`, kind: "account", url: (c) => `${supportUrl(c.accountId)}/options` },
  { method: "GET", path: `${ACC}/tickets`, kind: "account", url: (c) => `${supportUrl(c.accountId)}/tickets` },
  {
    method: "POST",
    path: `${ACC}/tickets`,
    kind: "account",
    ok: 201,
    url: (c) => `${supportUrl(c.accountId)}/tickets`,
    body: () => ({
      productId: "ras",
      category: "purchase",
      severity: "low",
      subject: "Quote for 50 more licenses",
      description: "Please send a quote.",
    }),
  },
  {
    method: "POST",
    path: `${ACC}/attachments`,
    kind: "account",
    ok: 201,
    url: (c) => `${supportUrl(c.accountId)}/attachments?fileName=shot.png`,
    body: () => PNG_BYTES,
  },
  { method: "GET", path: TKT, kind: "ticket", url: tUrl },
  { method: "POST", path: `${TKT}/messages`, kind: "ticket", ok: 201, url: (c) => `${tUrl(c)}/messages`, body: reply },
  {
    method: "POST",
    path: `${TKT}/status`,
    kind: "ticket",
    url: (c) => `${tUrl(c)}/status`,
    body: () => ({ status: "resolved" }),
  },
  {
    method: "GET",
    path: `${TKT}/attachments/{attachmentId}`,
    kind: "ticket",
    url: (c) => `${tUrl(c)}/attachments/${c.attachmentId}`,
  },
  {
    method: "POST",
    path: `${TKT}/watchers`,
    kind: "watchers",
    ok: 201,
    url: (c) => `${tUrl(c)}/watchers`,
    body: () => ({ email: "auditor@partner.example" }),
  },
  {
    method: "DELETE",
    path: `${TKT}/watchers/{watcherId}`,
    kind: "watchers",
    ok: 204,
    url: (c) => `${tUrl(c)}/watchers/${c.outsideWatcherId}`,
  },
  { method: "GET", path: LINK, kind: "link", url: linkUrl },
  { method: "POST", path: `${LINK}/messages`, kind: "link", ok: 201, url: (c) => `${linkUrl(c)}/messages`, body: reply },
  {
    method: "POST",
    path: `${LINK}/attachments`,
    kind: "link",
    ok: 201,
    url: (c) => `${linkUrl(c)}/attachments?fileName=log.txt`,
    body: () => Buffer.from("2026-11-26 12:00:00 farm started\n"),
  },
  {
    method: "GET",
    path: `${LINK}/attachments/{attachmentId}`,
    kind: "link",
    url: (c) => `${linkUrl(c)}/attachments/${c.attachmentId}`,
  },
  { method: "GET", path: `${OPS}/tickets`, kind: "operator", url: () => `${OPS}/tickets` },
  { method: "GET", path: `${OPS}/tickets/{ticketId}`, kind: "operator", url: opUrl },
  {
    method: "POST",
    path: `${OPS}/tickets/{ticketId}/messages`,
    kind: "operator",
    ok: 201,
    url: (c) => `${opUrl(c)}/messages`,
    body: () => ({ body: "Looking into it.", visibility: "internal", attachmentIds: [] }),
  },
  {
    method: "PATCH",
    path: `${OPS}/tickets/{ticketId}`,
    kind: "operator",
    url: opUrl,
    body: () => ({ severity: "high" }),
  },
  {
    method: "POST",
    path: `${OPS}/tickets/{ticketId}/incident-credit`,
    kind: "operator",
    url: (c) => `${opUrl(c)}/incident-credit`,
    body: () => ({ reason: "A bug we did not know about." }),
  },
  {
    method: "POST",
    path: `${OPS}/tickets/{ticketId}/attachments`,
    kind: "operator",
    ok: 201,
    url: (c) => `${opUrl(c)}/attachments?fileName=fix.pdf`,
    body: () => Buffer.from("%PDF-1.4\n%%EOF\n"),
  },
  {
    method: "GET",
    path: `${OPS}/tickets/{ticketId}/attachments/{attachmentId}`,
    kind: "operator",
    url: (c) => `${opUrl(c)}/attachments/${c.attachmentId}`,
  },
  { method: "GET", path: `${OPS}/agents`, kind: "operator", url: () => `${OPS}/agents` },
];

type Want = { status: number; code?: string };

/** The rules, written out once: who may call which kind of route. */
function expected(route: Route, who: Who): Want {
  const ok = { status: route.ok ?? 200 };
  if (route.kind === "link") return who === "linkWatcher" ? ok : { status: 404, code: "WATCH_LINK_NOT_FOUND" };
  if (who === "outsider" || who === "linkWatcher") return { status: 401, code: "UNAUTHENTICATED" };
  if (route.kind === "operator") return who === "op" ? ok : { status: 403, code: "OPERATOR_REQUIRED" };
  if (who === "nonMember" || who === "removed" || who === "op") return { status: 404, code: "ACCOUNT_NOT_FOUND" };
  if (who === "blocked") return { status: 403, code: "MEMBERSHIP_BLOCKED" };
  if (route.kind === "account") return ok;
  // Ticket routes: the creator, its watchers and the Account Administrators see it; other members get 404.
  if (who === "regular") return { status: 404, code: "TICKET_NOT_FOUND" };
  if (route.kind === "watchers" && who === "memberWatcher") return { status: 403, code: "WATCHER_MANAGEMENT_NOT_ALLOWED" };
  return ok;
}

describe(`authorization of every support route (${TEST_ENGINE})`, () => {
  let t: SupportTestApp;
  let A: SupportAccount;
  let op: Member;
  let people: Record<Exclude<Who, "outsider" | "linkWatcher">, Person>;

  /** A fresh ticket T as the header describes, with an attachment on its first (public) message. */
  async function freshTicket(who: Who): Promise<Ctx> {
    const attachment = await uploadAttachment(t, people.creator, A.accountId);
    const ticket = await openTicket(t, people.creator, A.accountId, {
      category: "technical",
      licenseKeyId: A.keyId,
      farmId: A.farmId,
      attachmentIds: [attachment.id],
    });
    for (const email of [people.memberWatcher.email, "outside.watcher@partner.example"]) {
      const added = await send(t, people.creator, "POST", `${ticketUrl(A.accountId, ticket.id)}/watchers`, { email });
      expect(added.statusCode, added.body).toBe(201);
    }
    const outside = await t.database.db
      .selectFrom("supportWatchers")
      .select("id")
      .where("ticketId", "=", ticket.id)
      .where("userId", "is", null)
      .executeTakeFirstOrThrow();
    const real = t.app.support.tokens.watchLinkToken(outside.id);
    const altered = `${real.slice(0, -1)}${real.endsWith("0") ? "1" : "0"}`;
    return {
      accountId: A.accountId,
      ticket,
      attachmentId: attachment.id,
      outsideWatcherId: outside.id,
      token: who === "linkWatcher" ? real : altered,
    };
  }

  /** What a refused call must not change. */
  async function fingerprint(ticketId: string) {
    const db = t.database.db;
    const ticket = await db
      .selectFrom("supportTickets")
      .select(["status", "severity", "assigneeUserId", "lastActivityAt"])
      .where("id", "=", ticketId)
      .executeTakeFirstOrThrow();
    const count = async (table: "supportMessages" | "supportWatchers" | "supportAttachments") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("ticketId", "=", ticketId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const incident = await db
      .selectFrom("supportIncidents")
      .select("creditedAt")
      .where("ticketId", "=", ticketId)
      .executeTakeFirst();
    return {
      ...ticket,
      messages: await count("supportMessages"),
      watchers: await count("supportWatchers"),
      attachments: await count("supportAttachments"),
      credited: incident?.creditedAt ?? null,
      tickets: Number(
        (
          await db
            .selectFrom("supportTickets")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    };
  }

  beforeAll(async () => {
    t = await createSupportApp();
    op = await supportOperator(t);
    A = await supportAccount(t, op);
    // Every call opens a technical ticket on the Standard plan; its allowance must not run out here.
    await t.database.db.updateTable("supportPlans").set({ incidentsPerYear: 10_000 }).where("code", "=", "standard").execute();
    const other = await supportAccount(t, op);
    const blocked = await member(t, A.admin, A.accountId, "blocked");
    const removed = await member(t, A.admin, A.accountId, "removed");
    expect((await setMember(t, A.admin, A.accountId, blocked.userId, { role: "member", status: "blocked" })).statusCode).toBe(
      200,
    );
    expect((await setMember(t, A.admin, A.accountId, removed.userId, { role: "member", status: "removed" })).statusCode).toBe(
      200,
    );
    people = {
      nonMember: other.admin,
      blocked,
      removed,
      regular: A.member2,
      creator: A.member,
      memberWatcher: await member(t, A.admin, A.accountId, "watcher"),
      admin: A.admin2,
      op,
    };
  });
  afterAll(async () => t?.close());

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path}`, () => {
      for (const { who, name } of WHO) {
        const want = expected(route, who);
        it(`${name}: ${want.status}${want.code ? ` ${want.code}` : ""}`, async () => {
          const c = await freshTicket(who);
          const before = await fingerprint(c.ticket.id);
          const caller = who === "outsider" || who === "linkWatcher" ? null : people[who];
          const response = await send(t, caller, route.method, route.url(c), route.body?.(c));
          expect(response.statusCode, response.body).toBe(want.status);
          if (want.code) {
            expect(response.headers["content-type"]).toContain("application/problem+json");
            expect(response.json().code).toBe(want.code);
            expect(await fingerprint(c.ticket.id)).toEqual(before);
          }
          if (route.method === "GET" && route.path === `${ACC}/tickets` && want.status === 200) {
            // The list is the account's, but a Regular Member only sees tickets they opened or watch.
            const ids = (response.json() as { items: Array<{ id: string }> }).items.map((i) => i.id);
            expect(ids.includes(c.ticket.id)).toBe(who !== "regular");
          }
        });
      }
    });
  }
});
