import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperatorRelease } from "../../contracts/downloads.ts";
import { businessAccount, join, type Person, person, setMember } from "../helpers/account-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  createDownloadsApp,
  createRelease,
  type DownloadsTestApp,
  downloadsUrl,
  fileUrl,
  publishedRelease,
  releasesUrl,
  releaseUrl,
  send,
  upload,
} from "./downloads-kit.ts";

/**
 * Every downloads route for every kind of caller. Account A holds an active subscription
 * to RAS, with an Account Administrator, a Regular Member, a blocked and a removed member.
 * Other accounts hold none, or one that is expired beyond the grace, suspended, canceled,
 * in its grace period, or for another product only. R is a published RAS release.
 */

type Who =
  | "outsider"
  | "nonMember"
  | "admin"
  | "regular"
  | "blocked"
  | "removed"
  | "noSubscription"
  | "expired"
  | "suspended"
  | "canceled"
  | "grace"
  | "otherProduct"
  | "op";
/** What the caller is to account A's downloads: the rule in downloads.service.ts. */
type Standing = "unauthenticated" | "notMember" | "notEntitled" | "otherProduct" | "entitled";
type Case = { name: string; who: Who; standing: Standing };
const CASES: Case[] = [
  { name: "outsider (no cookie)", who: "outsider", standing: "unauthenticated" },
  { name: "signed-in non-member", who: "nonMember", standing: "notMember" },
  { name: "Account Administrator, active subscription", who: "admin", standing: "entitled" },
  { name: "Regular Member, active subscription", who: "regular", standing: "entitled" },
  { name: "blocked member", who: "blocked", standing: "notMember" },
  { name: "removed member", who: "removed", standing: "notMember" },
  { name: "member of an account without a subscription", who: "noSubscription", standing: "notEntitled" },
  { name: "member of an account whose subscription expired beyond the grace", who: "expired", standing: "notEntitled" },
  { name: "member of an account whose subscription is suspended", who: "suspended", standing: "notEntitled" },
  { name: "member of an account whose subscription is canceled", who: "canceled", standing: "notEntitled" },
  { name: "member of an account whose subscription is in its grace period", who: "grace", standing: "entitled" },
  { name: "member of an account with a subscription to another product", who: "otherProduct", standing: "otherProduct" },
  { name: "operator (not a member)", who: "op", standing: "notMember" },
];

type Ctx = { accountId: string; release: OperatorRelease };
type Route = {
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As in the OpenAPI document. */
  path: string;
  /** Not in the OpenAPI document (Fastify's swagger leaves HEAD out). */
  undocumented?: boolean;
  ok?: number;
  /** A release of its own for each call: a draft (with a file unless "empty") or a published one. */
  fresh?: "draft" | "empty" | "published";
  url(c: Ctx): string;
  body?(c: Ctx): unknown;
  /** After an allowed call / a refused one: what the release looks like (status, or null when deleted). */
  changes?: { allowed: string | null; refused: string };
};

const A = "/api/accounts/{accountId}/downloads";
const O = "/api/operator/downloads/releases";
const ROUTES: Route[] = [
  { method: "GET", path: A, url: (c) => downloadsUrl(c.accountId) },
  { method: "GET", path: `${A}/{releaseId}/file`, url: (c) => fileUrl(c.accountId, c.release.id) },
  { method: "HEAD", path: `${A}/{releaseId}/file`, undocumented: true, url: (c) => fileUrl(c.accountId, c.release.id) },
  { method: "GET", path: O, url: () => releasesUrl },
  {
    method: "POST",
    path: O,
    ok: 201,
    url: () => releasesUrl,
    body: () => ({ productId: "ras", version: `21.${randomBytes(3).readUIntBE(0, 3)}`, platform: "Linux", fileName: "ras.deb" }),
  },
  {
    method: "PUT",
    path: `${O}/{releaseId}/file`,
    fresh: "empty",
    url: (c) => `${releaseUrl(c.release.id)}/file`,
    body: () => Buffer.from("uploaded by whoever asked"),
    changes: { allowed: "draft+file", refused: "draft" },
  },
  {
    method: "PATCH",
    path: `${O}/{releaseId}`,
    url: (c) => releaseUrl(c.release.id),
    body: () => ({ notes: "Edited." }),
  },
  {
    method: "DELETE",
    path: `${O}/{releaseId}`,
    ok: 204,
    fresh: "published",
    url: (c) => releaseUrl(c.release.id),
    changes: { allowed: null, refused: "published+file" },
  },
  {
    method: "POST",
    path: `${O}/{releaseId}/publish`,
    fresh: "draft",
    url: (c) => `${releaseUrl(c.release.id)}/publish`,
    changes: { allowed: "published+file", refused: "draft+file" },
  },
  {
    method: "POST",
    path: `${O}/{releaseId}/unpublish`,
    fresh: "published",
    url: (c) => `${releaseUrl(c.release.id)}/unpublish`,
    changes: { allowed: "draft+file", refused: "published+file" },
  },
  { method: "GET", path: `${O}/{releaseId}/file`, url: (c) => `${releaseUrl(c.release.id)}/file` },
];

type Want = { status: number; code?: string };

function expected(route: Route, c: Case): Want {
  const ok = { status: route.ok ?? 200 };
  if (c.standing === "unauthenticated") return { status: 401, code: "UNAUTHENTICATED" };
  if (route.path.startsWith(O)) return c.who === "op" ? ok : { status: 403, code: "OPERATOR_REQUIRED" };
  // Customers' routes: 404 for everyone who may not download, never 403.
  if (c.standing === "notMember") return { status: 404, code: "ACCOUNT_NOT_FOUND" };
  if (route.path === A) {
    return c.standing === "notEntitled" ? { status: 404, code: "DOWNLOADS_NOT_AVAILABLE" } : ok;
  }
  return c.standing === "entitled" ? ok : { status: 404, code: "RELEASE_NOT_FOUND" };
}

const FILE = Buffer.from("RAS installer bytes, version 19.4");

describe(`authorization of every downloads route (${TEST_ENGINE})`, () => {
  let t: DownloadsTestApp;
  let people: Record<Exclude<Who, "outsider">, Person>;
  let accounts: Partial<Record<Who, string>>;
  let A_ID: string;
  let R: OperatorRelease;
  let draftId: string;

  /** A business account of `who` holding a RAS subscription changed by `set` (or none). */
  async function accountWith(who: Person, state?: Record<string, unknown>, productId = "ras") {
    const accountId = await businessAccount(t, who, {
      companyName: `Co ${randomBytes(3).toString("hex")}`,
      country: "DE",
      postcode: "10115",
      businessPhone: "+49 30 1234567",
    });
    if (state) {
      const { id } = await issue(t, people.op, { accountId, productId });
      if (Object.keys(state).length > 0)
        await t.database.db.updateTable("subscriptions").set(state).where("id", "=", id).execute();
    }
    return accountId;
  }

  beforeAll(async () => {
    t = await createDownloadsApp();
    const names = [
      "nonMember",
      "admin",
      "regular",
      "blocked",
      "removed",
      "noSubscription",
      "expired",
      "suspended",
      "canceled",
      "grace",
      "otherProduct",
    ] as const;
    const list = await Promise.all(names.map((n) => person(t, n.toLowerCase())));
    const op = await operator(t);
    people = { ...(Object.fromEntries(names.map((n, i) => [n, list[i]])) as Record<(typeof names)[number], Person>), op };
    const day = 24 * 3600_000;
    const now = Date.now();
    const product = await send(t, op, "POST", "/api/operator/products", { code: "other-product", name: "Other Product" });
    expect(product.statusCode, product.body).toBe(201);

    A_ID = await accountWith(people.admin, {});
    const u = {
      regular: await join(t, people.admin, A_ID, people.regular),
      blocked: await join(t, people.admin, A_ID, people.blocked),
      removed: await join(t, people.admin, A_ID, people.removed),
    };
    expect((await setMember(t, people.admin, A_ID, u.blocked, { role: "member", status: "blocked" })).statusCode).toBe(200);
    expect((await setMember(t, people.admin, A_ID, u.removed, { role: "member", status: "removed" })).statusCode).toBe(200);
    accounts = {
      admin: A_ID,
      regular: A_ID,
      noSubscription: await accountWith(people.noSubscription),
      expired: await accountWith(people.expired, { expiresAt: new Date(now - 31 * day) }),
      suspended: await accountWith(people.suspended, { suspendedAt: new Date(now - day) }),
      canceled: await accountWith(people.canceled, { canceledAt: new Date(now - day) }),
      grace: await accountWith(people.grace, { expiresAt: new Date(now - 10 * day) }),
      otherProduct: await accountWith(people.otherProduct, {}, "other-product"),
    };
    R = await publishedRelease(t, op, FILE, { version: "19.4", platform: "Windows x64" });
    // A draft of the same product: never visible to customers, even entitled ones.
    const draft = await createRelease(t, op, { version: "19.5-beta" });
    await upload(t, op, draft.id, Buffer.from("draft"));
    draftId = draft.id;
  });
  afterAll(async () => t?.close());

  async function releaseFor(route: Route): Promise<OperatorRelease> {
    if (!route.fresh) return R;
    if (route.fresh === "published")
      return publishedRelease(t, people.op, Buffer.from(`fresh ${randomBytes(4).toString("hex")}`));
    const draft = await createRelease(t, people.op);
    if (route.fresh === "draft") await upload(t, people.op, draft.id, Buffer.from("draft file"));
    return draft;
  }

  async function stateOf(releaseId: string): Promise<string | null> {
    const row = await t.database.db
      .selectFrom("releases")
      .select(["status", "fileId"])
      .where("id", "=", releaseId)
      .executeTakeFirst();
    return row ? `${row.status}${row.fileId ? "+file" : ""}` : null;
  }

  describe.each(ROUTES)("$method $path", (route) => {
    it.each(CASES)("as $name", async (c) => {
      const release = await releaseFor(route);
      const member = c.who === "outsider" ? null : people[c.who];
      const ctx: Ctx = { accountId: accounts[c.who] ?? A_ID, release };
      const response = await send(t, member, route.method, route.url(ctx), route.body?.(ctx));

      const want = expected(route, c);
      expect(response.statusCode, response.body).toBe(want.status);
      if (want.code && route.method !== "HEAD") {
        expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
        expect(response.json().code).toBe(want.code);
        // A refusal says nothing about the release (its URL is in `instance`, nothing else).
        expect(response.body).not.toContain(release.fileName);
        if (release.file) expect(response.body).not.toContain(release.file.sha256);
      }
      if (want.status === 200 && route.path.endsWith("/file") && route.method === "GET") {
        expect(response.rawPayload.equals(FILE)).toBe(true);
      }
      if (route.path === A && want.status === 200) {
        const ids = (response.json().products as Array<{ versions: Array<{ releases: Array<{ id: string }> }> }>).flatMap((p) =>
          p.versions.flatMap((v) => v.releases.map((r) => r.id)),
        );
        // The entitled see the published release and never the draft; another product's holder sees neither.
        if (c.standing === "entitled") {
          expect(ids).toContain(R.id);
          expect(ids).not.toContain(draftId);
        } else {
          expect(ids).toEqual([]);
        }
      }
      if (route.changes) {
        expect(await stateOf(release.id)).toBe(want.status < 300 ? route.changes.allowed : route.changes.refused);
      }
    });
  });

  it("an unpublished release disappears for customers at once, and comes back when published again", async () => {
    const admin = people.admin;
    const release = await publishedRelease(t, people.op, Buffer.from("soon withdrawn"));
    expect((await send(t, admin, "GET", fileUrl(A_ID, release.id))).statusCode).toBe(200);
    await send(t, people.op, "POST", `${releaseUrl(release.id)}/unpublish`);
    const hidden = await send(t, admin, "GET", fileUrl(A_ID, release.id));
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe("RELEASE_NOT_FOUND");
    await send(t, people.op, "POST", `${releaseUrl(release.id)}/publish`);
    expect((await send(t, admin, "GET", fileUrl(A_ID, release.id))).statusCode).toBe(200);
  });
});
