import { randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  businessAccount,
  call,
  invitationRow,
  invitationToken,
  invite,
  join,
  type Person,
  person,
  plantInvitation,
  preview,
  setMember,
  userIdOf,
} from "../helpers/account-fixtures.ts";
import { cookieFrom, GOOD_PASSWORD, signIn, signUpVerified, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/** Issue 3, point 6: joining from the emailed link, and what acceptance re-checks. */
describe(`joining from the link (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    admin = await person(t, "admin");
    accountId = await businessAccount(t, admin);
  });
  afterAll(async () => t?.close());

  const memberIds = async () =>
    (await t.database.db.selectFrom("memberships").select("userId").where("accountId", "=", accountId).execute()).map(
      (r) => r.userId,
    );
  const acceptNew = (token: string, password = GOOD_PASSWORD) =>
    call(t, null, "POST", "/api/invitations/accept-new", { token, firstName: "Nia", lastName: "Newton", password });

  it("is bound to the invited email, case-insensitively, and never joins somebody else", async () => {
    const local = `mixed-${randomBytes(4).toString("hex")}`;
    const results = await invite(t, admin, accountId, [`${local.replace("mixed", "Mixed")}@Example.com`]);
    expect(results[0]).toMatchObject({ outcome: "invited", email: `${local}@example.com` });
    const token = await invitationToken(t, `${local}@example.com`);

    const stranger = await person(t, "stranger");
    const wrong = await accept(t, stranger, token);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: "INVITATION_EMAIL_MISMATCH", detail: expect.stringContaining(stranger.email) });
    expect(await memberIds()).not.toContain(await userIdOf(t, stranger.email));
    expect((await invitationRow(t, accountId, `${local}@example.com`)).status).toBe("pending");

    const invitee = await signUpVerified(t, `${local}@example.com`);
    const joined = await accept(t, invitee, token);
    expect(joined.statusCode).toBe(200);
    expect(await memberIds()).toContain(await userIdOf(t, invitee.email));
  });

  it("refuses a blocked member with 403 MEMBERSHIP_BLOCKED and keeps them blocked", async () => {
    const blocked = await person(t, "blocked");
    const userId = await join(t, admin, accountId, blocked);
    await setMember(t, admin, accountId, userId, { role: "member", status: "blocked" });
    // Send Invitations says "already a member"; only a link that predates the block could exist.
    expect((await invite(t, admin, accountId, [blocked.email]))[0]?.outcome).toBe("already_member");
    const token = await plantInvitation(t, accountId, blocked.email, await userIdOf(t, admin.email));

    const refused = await accept(t, blocked, token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("MEMBERSHIP_BLOCKED");
    const row = await t.database.db
      .selectFrom("memberships")
      .select(["status"])
      .where("accountId", "=", accountId)
      .where("userId", "=", userId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("blocked");
    expect((await invitationRow(t, accountId, blocked.email)).status).toBe("pending");
  });

  it("refuses someone who is already a member with 409 ALREADY_MEMBER", async () => {
    const regular = await person(t, "regular");
    await join(t, admin, accountId, regular);
    const token = await plantInvitation(t, accountId, regular.email, await userIdOf(t, admin.email));
    const refused = await accept(t, regular, token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("ALREADY_MEMBER");
  });

  it("accept-new refuses an address that already has a sign-in (409 ACCOUNT_EXISTS) and creates nothing", async () => {
    const existing = await person(t, "existing");
    await invite(t, admin, accountId, [existing.email]);
    const token = await invitationToken(t, existing.email);
    expect((await preview(t, token)).json().hasAccount).toBe(true);
    const refused = await acceptNew(token);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("ACCOUNT_EXISTS");
    expect(refused.headers["set-cookie"]).toBeUndefined();
    const users = await t.database.db.selectFrom("users").select("id").where("email", "=", existing.email).execute();
    expect(users).toHaveLength(1);
    expect((await invitationRow(t, accountId, existing.email)).status).toBe("pending");
  });

  it("accept-new refuses a common password with 400 PASSWORD_TOO_COMMON and creates nothing", async () => {
    const email = uniqueEmail("common");
    await invite(t, admin, accountId, [email]);
    const refused = await acceptNew(await invitationToken(t, email), "qwerty123456");
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON", errors: [{ field: "password" }] });
    expect(await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
    expect((await invitationRow(t, accountId, email)).status).toBe("pending");
  });

  it("accept-new submitted twice at once creates one person, and the other answer is a clean refusal", async () => {
    for (let round = 0; round < 8; round++) {
      const email = uniqueEmail("twice");
      await invite(t, admin, accountId, [email]);
      const token = await invitationToken(t, email);
      const responses = await Promise.all([acceptNew(token), acceptNew(token)]);
      const [won, lost] = [...responses].sort((a, b) => a.statusCode - b.statusCode);
      expect(won?.statusCode).toBe(200);
      expect(lost?.statusCode, `round ${round}: ${lost?.body}`).not.toBe(500);
      expect(["ACCOUNT_EXISTS", "INVITATION_USED"]).toContain(lost?.json().code);
      expect(await t.database.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
    }
  });

  it("opening the join page with GET changes nothing", async () => {
    const invitee = await person(t, "scanner");
    await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    for (const url of ["/join", `/join?token=${token}`, `/join/${token}`]) {
      const opened = await t.app.inject({ url, headers: { accept: "text/html", cookie: invitee.cookie } });
      expect([200, 404]).toContain(opened.statusCode);
    }
    // A GET to the API paths is not a way in either.
    expect((await call(t, invitee, "GET", "/api/invitations/accept")).statusCode).toBe(404);
    expect((await invitationRow(t, accountId, invitee.email)).status).toBe("pending");
    expect((await preview(t, token)).json().state).toBe("pending");
    expect(await memberIds()).not.toContain(await userIdOf(t, invitee.email));
  });

  it("a two-factor user passes the second factor before the link can be used", async () => {
    const invitee = await person(t, "twofactor");
    const post = (url: string, cookie: string, payload: object) =>
      t.app.inject({ method: "POST", url, headers: { origin: "http://localhost:3000", cookie }, payload });
    const enable = await post("/api/auth/two-factor/enable", invitee.cookie, { password: invitee.password });
    const totp = OTPAuth.URI.parse(enable.json().totpURI) as OTPAuth.TOTP;
    expect((await post("/api/auth/two-factor/verify-totp", invitee.cookie, { code: totp.generate() })).statusCode).toBe(200);

    await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    const first = await signIn(t, invitee.email, invitee.password);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookieFrom(first.headers["set-cookie"]);
    const early = await accept(t, { ...invitee, cookie: pending }, token);
    expect(early.statusCode).toBe(401);
    expect((await invitationRow(t, accountId, invitee.email)).status).toBe("pending");

    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const second = await post("/api/auth/two-factor/verify-totp", pending, { code });
    expect(second.statusCode).toBe(200);
    const joined = await accept(t, { ...invitee, cookie: cookieFrom(second.headers["set-cookie"]) }, token);
    expect(joined.statusCode).toBe(200);
    expect(await memberIds()).toContain(await userIdOf(t, invitee.email));
  });
});

describe(`rate limits on the join endpoints (${TEST_ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "on" });
  });
  afterAll(async () => t?.close());

  it.each([
    ["/api/invitations/preview", { token: "x".repeat(43) }],
    ["/api/invitations/accept", { token: "x".repeat(43) }],
    ["/api/invitations/accept-new", { token: "x".repeat(43), firstName: "A", lastName: "B", password: "qwerty123456" }],
  ])("%s answers 429 after 30 requests a minute", async (url, payload) => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await call(t, null, "POST", url, payload)).statusCode);
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses[30]).toBe(429);
    const limited = await call(t, null, "POST", url, payload);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(limited.headers["retry-after"]).toBeDefined();
  });
});
