import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RosterEntry } from "../../contracts/accounts.ts";
import { businessAccount, call, invite, join, type Person, person, setMember, setProfile } from "../helpers/account-fixtures.ts";
import { uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/** Issue 3, point 4: Business Account Users — search, filters, sorts, keyset pages, CSV. */
describe(`Business Account Users (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let accountId: string;
  let all: RosterEntry[];
  const people = new Map<string, Person>();

  // [first, last] names of the members besides the administrator, chosen to exercise case, bytes and LIKE wildcards.
  const MEMBERS: Array<[string, string]> = [
    ["alan", "Turing"],
    ["Barbara", "Liskov"],
    ["Edsger", "Dijkstra"],
    ["Émile", "Zola"],
    ["Percy", "100%"],
    ["Under_Score", "Person"],
    ["=SUM(A1)", "Evil"],
    ["Linus", "Blocked"],
  ];
  const INVITED = 4;

  const list = async (query: string) => {
    const response = await call(t, admin, "GET", `/api/accounts/${accountId}/users?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: RosterEntry[]; nextCursor: string | null };
  };
  const names = (items: RosterEntry[]) => items.map((i) => i.name ?? i.email);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    admin = await person(t, "admin");
    await setProfile(t, admin, "Grace", "Hopper");
    accountId = await businessAccount(t, admin);
    const joined = await Promise.all(MEMBERS.map(([first]) => person(t, first.replace(/[^a-z]/gi, "").toLowerCase())));
    for (const [i, who] of joined.entries()) {
      const [first, last] = MEMBERS[i] ?? ["", ""];
      await setProfile(t, who, first, last);
      const userId = await join(t, admin, accountId, who);
      people.set(`${first} ${last}`, who);
      if (first === "Linus") await setMember(t, admin, accountId, userId, { role: "member", status: "blocked" });
    }
    await invite(t, admin, accountId, [...Array.from({ length: INVITED }, () => uniqueEmail("inv")), "expired@example.com"]);
    await t.database.db
      .updateTable("invitations")
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where("email", "=", "expired@example.com")
      .execute();
    all = (await list("limit=100")).items;
  });
  afterAll(async () => t?.close());

  it("lists every member and open invitation with their status", () => {
    expect(all).toHaveLength(1 + MEMBERS.length + INVITED + 1);
    const count = (status: string) => all.filter((i) => i.status === status).length;
    expect([count("active"), count("blocked"), count("invited"), count("expired")]).toEqual([MEMBERS.length, 1, INVITED, 1]);
    expect(all.find((i) => i.name === "Grace Hopper")).toMatchObject({ kind: "member", role: "admin", licenseKeys: [] });
    expect(all.find((i) => i.email === "expired@example.com")).toMatchObject({ kind: "invitation", name: null, locale: "en" });
  });

  describe("search", () => {
    it.each([
      ["by name, case-insensitively", "TURING", ["alan Turing"]],
      ["by part of a name", "sko", ["Barbara Liskov"]],
      ["with non-ASCII letters", "émile", ["Émile Zola"]],
      ["for % literally", "%", ["Percy 100%"]],
      ["for _ literally", "_", ["Under_Score Person"]],
      ["for a name that is not there", "nobody", []],
    ])("%s", async (_, q, expected) => {
      expect(names((await list(`q=${encodeURIComponent(q)}`)).items)).toEqual(expected);
    });

    it("by email, as a case-insensitive substring", async () => {
      const edsger = people.get("Edsger Dijkstra")?.email ?? "";
      const fragment = edsger.slice(2, 12).toUpperCase();
      expect((await list(`q=${encodeURIComponent(fragment)}`)).items.map((i) => i.email)).toEqual([edsger]);
      expect((await list("q=EXPIRED%40EXAMPLE")).items.map((i) => i.email)).toEqual(["expired@example.com"]);
      expect((await list("q=example.com&limit=100")).items).toHaveLength(all.length);
    });
  });

  describe("filters", () => {
    it.each([
      ["role=admin", (i: RosterEntry) => i.role === "admin"],
      ["role=member", (i: RosterEntry) => i.role === "member"],
      ["status=active", (i: RosterEntry) => i.status === "active"],
      ["status=blocked", (i: RosterEntry) => i.status === "blocked"],
      ["status=invited", (i: RosterEntry) => i.status === "invited"],
      ["status=expired", (i: RosterEntry) => i.status === "expired"],
      ["role=member&status=active", (i: RosterEntry) => i.role === "member" && i.status === "active"],
    ])("%s", async (query, keep) => {
      const items = (await list(`${query}&limit=100`)).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((i) => i.id).sort()).toEqual(
        all
          .filter(keep)
          .map((i) => i.id)
          .sort(),
      );
    });

    it("refuses an unknown filter value", async () => {
      const response = await call(t, admin, "GET", `/api/accounts/${accountId}/users?status=gone`);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    });
  });

  describe("sorting and keyset pages", () => {
    const keyOf = (field: string, i: RosterEntry) =>
      field === "date" ? i.date : field === "email" ? i.email : i.kind === "member" ? (i.name ?? "").toLowerCase() : i.email;
    const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

    it.each(["name", "-name", "email", "-email", "date", "-date"])(
      "sort=%s walked 3 at a time gives every row once, in order",
      async (sort) => {
        const field = sort.replace("-", "");
        const ascending = [...all].sort((a, b) => bytewise(keyOf(field, a), keyOf(field, b)) || bytewise(a.id, b.id));
        const want = sort.startsWith("-") ? ascending.reverse() : ascending;

        const walked: RosterEntry[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
          expect(page.items.length).toBeLessThanOrEqual(3);
          walked.push(...page.items);
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(pages).toBe(Math.ceil(all.length / 3));
        expect(walked.map((i) => i.id)).toEqual(want.map((i) => i.id));
        expect((await list(`sort=${sort}&limit=100`)).items.map((i) => i.id)).toEqual(want.map((i) => i.id));
      },
    );

    it("pages a filtered search too", async () => {
      const first = await list("q=example.com&status=invited&sort=-email&limit=3");
      const second = await list(`q=example.com&status=invited&sort=-email&limit=3&cursor=${first.nextCursor}`);
      expect(second.nextCursor).toBeNull();
      const emails = [...first.items, ...second.items].map((i) => i.email);
      expect(emails).toHaveLength(INVITED);
      expect(emails).toEqual([...emails].sort().reverse());
    });

    it.each([
      ["garbage", "not-a-cursor!!"],
      ["valid base64 of the wrong shape", Buffer.from(JSON.stringify({ v: 1 })).toString("base64url")],
      ["a non-date for the date sort", `${Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url")}&sort=date`],
    ])("a %s cursor answers 400 VALIDATION_FAILED", async (_, cursor) => {
      const response = await call(t, admin, "GET", `/api/accounts/${accountId}/users?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    });
  });

  describe("CSV export", () => {
    it("has a header and one line per row, and neutralises a name that starts with =", async () => {
      const response = await call(t, admin, "GET", `/api/accounts/${accountId}/users.csv`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/csv/);
      expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="business-account-users\.csv"/);
      const lines = response.body.replace(/^\uFEFF/, "").split("\r\n");
      expect(lines.pop()).toBe("");
      expect(lines[0]).toBe("Name,Email,Role,Status,Joined or invited,Invitation expires,License keys");
      expect(lines).toHaveLength(1 + all.length);
      const evil = lines.find((l) => l.includes("Evil"));
      expect(evil).toMatch(/^'=SUM\(A1\) Evil,/);
      expect(lines.find((l) => l.startsWith("Grace Hopper,"))).toContain(",Account Administrator,Active,");
      expect(lines.filter((l) => l.includes(",Invitation expired,"))).toHaveLength(1);
    });

    it("applies the list's filters", async () => {
      const response = await call(t, admin, "GET", `/api/accounts/${accountId}/users.csv?status=invited`);
      const lines = response.body.trim().split("\r\n");
      expect(lines).toHaveLength(1 + INVITED);
      expect(lines.slice(1).every((l) => l.includes(",Regular Member,Invited,"))).toBe(true);
    });
  });

  it("shows a rename from the Personal Profile in the list and its search", async () => {
    const barbara = people.get("Barbara Liskov");
    if (!barbara) throw new Error("fixture missing");
    await setProfile(t, barbara, "Barbara", "Jones-Liskov");
    expect(names((await list("q=jones")).items)).toEqual(["Barbara Jones-Liskov"]);
    expect(names((await list("q=barbara")).items)).toEqual(["Barbara Jones-Liskov"]);
    expect((await list("limit=100")).items.some((i) => i.name === "Barbara Liskov")).toBe(false);
  });
});
