import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accept,
  businessAccount,
  call,
  invitationRow,
  invitationToken,
  invite,
  type Person,
  person,
  preview,
} from "../helpers/account-fixtures.ts";
import { latestMail, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

/** Issue 3, points 6 and 7: the token, and pending → accepted | revoked | expired. */
describe(`invitation tokens and lifecycle (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: Person;
  let accountId: string;
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const DAY = 24 * 3600_000;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
    admin = await person(t, "admin");
    accountId = await businessAccount(t, admin);
  });
  afterAll(async () => t?.close());

  const view = (id: string) => call(t, admin, "GET", `/api/accounts/${accountId}/invitations/${id}`);
  const ageInvitation = (id: string, expiresAt: Date) =>
    t.database.db
      .updateTable("invitations")
      .set({ expiresAt, sentAt: new Date(expiresAt.getTime() - 7 * DAY) })
      .where("id", "=", id)
      .execute();

  describe("the token", () => {
    it("is at least 128 bits of base64url in the link's #fragment, different for every invitation", async () => {
      const emails = Array.from({ length: 20 }, () => uniqueEmail("tok"));
      await invite(t, admin, accountId, emails);
      const tokens = await Promise.all(emails.map((e) => invitationToken(t, e)));
      for (const [i, email] of emails.entries()) {
        const token = tokens[i] ?? "";
        expect((await latestMail(t, email, "invitation")).url).toBe(`${TEST_ORIGIN}/join#token=${token}`);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(token.length * 6).toBeGreaterThanOrEqual(128);
      }
      expect(new Set(tokens).size).toBe(tokens.length);
    });

    it("is stored only as its SHA-256: no column of any invitation or audit row holds it", async () => {
      const email = uniqueEmail("hash");
      await invite(t, admin, accountId, [email]);
      const token = await invitationToken(t, email);
      const row = await invitationRow(t, accountId, email);
      expect(row.tokenHash).toBe(sha256(token));
      const everything = JSON.stringify([
        await t.database.db.selectFrom("invitations").selectAll().execute(),
        await t.database.db.selectFrom("auditEvents").selectAll().execute(),
      ]);
      expect(everything).not.toContain(token);
      expect(JSON.stringify(await t.database.db.selectFrom("auditEvents").selectAll().execute())).not.toContain(row.tokenHash);
    });

    it("never appears, nor its hash, in any list or view the API returns", async () => {
      const invitee = await person(t, "seen");
      const pendingEmail = uniqueEmail("pending");
      const sent = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations`, {
        locale: "en",
        invitations: [{ email: pendingEmail }, { email: invitee.email }],
      });
      const [pending] = sent.json().results;
      const resent = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${pending.invitationId}/resend`);
      expect((await accept(t, invitee, await invitationToken(t, invitee.email))).statusCode).toBe(200);
      const bodies = [
        sent.body,
        resent.body,
        (await view(pending.invitationId)).body,
        (await call(t, admin, "GET", `/api/accounts/${accountId}/users?limit=100`)).body,
        (await call(t, admin, "GET", `/api/accounts/${accountId}/users.csv`)).body,
        (await call(t, admin, "GET", `/api/accounts/${accountId}/audit?limit=200`)).body,
        (await call(t, admin, "GET", `/api/accounts/${accountId}/audit.csv`)).body,
        (await call(t, admin, "GET", `/api/accounts/${accountId}`)).body,
      ];
      expect(bodies.join("\n")).toContain(pendingEmail);
      const mails = await t.database.db.selectFrom("outbox").select("payloadJson").where("template", "=", "invitation").execute();
      const tokens = mails.map((m) => new URL(m.payloadJson.url ?? "").hash.replace("#token=", ""));
      expect(tokens.length).toBeGreaterThan(20);
      for (const token of tokens) {
        for (const body of bodies) {
          expect(body).not.toContain(token);
          expect(body).not.toContain(sha256(token));
        }
      }
    });
  });

  it("Resend issues a new link, kills the old one and resets the expiry", async () => {
    const invitee = await person(t, "resend");
    const [sent] = await invite(t, admin, accountId, [invitee.email]);
    const id = sent?.invitationId ?? "";
    const oldToken = await invitationToken(t, invitee.email);
    await ageInvitation(id, new Date(Date.now() + 2 * DAY));

    const before = Date.now();
    const resent = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${id}/resend`);
    expect(resent.statusCode).toBe(200);
    const expiresAt = Date.parse(resent.json().expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect(Date.parse(resent.json().sentAt)).toBeGreaterThanOrEqual(before - 1000);

    const newToken = await invitationToken(t, invitee.email);
    expect(newToken).not.toBe(oldToken);
    for (const response of [await preview(t, oldToken), await accept(t, invitee, oldToken)]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("INVITATION_NOT_FOUND");
    }
    expect((await preview(t, newToken)).json().state).toBe("pending");
    expect((await accept(t, invitee, newToken)).statusCode).toBe(200);
  });

  it("Revoke: the link answers 410 INVITATION_REVOKED, the preview says revoked and whom to ask", async () => {
    const invitee = await person(t, "revoked");
    const [sent] = await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    const revoked = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${sent?.invitationId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe("revoked");

    const refused = await accept(t, invitee, token);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().code).toBe("INVITATION_REVOKED");
    expect((await preview(t, token)).json()).toMatchObject({ state: "revoked", contactEmails: [admin.email] });
    const again = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${sent?.invitationId}/revoke`);
    expect(again.json().code).toBe("INVITATION_NOT_FOUND");
    const resend = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations/${sent?.invitationId}/resend`);
    expect(resend.json().code).toBe("INVITATION_NOT_FOUND");
    const listed = await call(t, admin, "GET", `/api/accounts/${accountId}/users?q=${encodeURIComponent(invitee.email)}`);
    expect(listed.json().items).toEqual([]);
  });

  it("expires: preview expired, accept 410, listed as expired, and Send Invitations renews it", async () => {
    const invitee = await person(t, "expired");
    const [sent] = await invite(t, admin, accountId, [invitee.email]);
    const id = sent?.invitationId ?? "";
    const token = await invitationToken(t, invitee.email);
    await ageInvitation(id, new Date(Date.now() - 1000));

    expect((await preview(t, token)).json().state).toBe("expired");
    const refused = await accept(t, invitee, token);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().code).toBe("INVITATION_EXPIRED");
    const newcomer = await call(t, null, "POST", "/api/invitations/accept-new", {
      token,
      firstName: "Late",
      lastName: "Comer",
      password: "violet-harbour-engine-42",
    });
    expect(newcomer.json().code).toBe("INVITATION_EXPIRED");
    expect((await view(id)).json().status).toBe("expired");
    const q = encodeURIComponent(invitee.email);
    const expiredList = await call(t, admin, "GET", `/api/accounts/${accountId}/users?status=expired&q=${q}`);
    expect(expiredList.json().items).toMatchObject([{ kind: "invitation", id, status: "expired" }]);
    expect((await call(t, admin, "GET", `/api/accounts/${accountId}/users?status=invited&q=${q}`)).json().items).toEqual([]);

    const renewed = await invite(t, admin, accountId, [invitee.email]);
    expect(renewed[0]).toMatchObject({ outcome: "invited", invitationId: id });
    const fresh = await invitationToken(t, invitee.email);
    expect((await preview(t, token)).statusCode).toBe(404);
    expect((await preview(t, fresh)).json().state).toBe("pending");
    expect((await call(t, admin, "GET", `/api/accounts/${accountId}/users?q=${q}`)).json().items).toMatchObject([
      { id, status: "invited" },
    ]);
    expect((await accept(t, invitee, fresh)).statusCode).toBe(200);
  });

  it("is single use: a second accept answers 410 INVITATION_USED", async () => {
    const invitee = await person(t, "once");
    await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    const first = await accept(t, invitee, token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accountId, accountName: "Acme Remote Apps GmbH" });
    const second = await accept(t, invitee, token);
    expect(second.statusCode).toBe(410);
    expect(second.json().code).toBe("INVITATION_USED");
    expect((await preview(t, token)).json().state).toBe("accepted");
  });

  it("is single use under a double submit: two accepts at once make one membership", async () => {
    const invitee = await person(t, "double");
    await invite(t, admin, accountId, [invitee.email]);
    const token = await invitationToken(t, invitee.email);
    const responses = await Promise.all([accept(t, invitee, token), accept(t, invitee, token)]);
    const [won, lost] = [...responses].sort((a, b) => a.statusCode - b.statusCode);
    expect(won?.statusCode).toBe(200);
    // Whichever check the loser meets first: the closed link, or the membership it made.
    expect(["INVITATION_USED", "ALREADY_MEMBER"]).toContain(lost?.json().code);
    const rows = await t.database.db.selectFrom("memberships").select("userId").where("accountId", "=", accountId).execute();
    const me = await t.database.db.selectFrom("users").select("id").where("email", "=", invitee.email).executeTakeFirstOrThrow();
    expect(rows.filter((r) => r.userId === me.id)).toHaveLength(1);
  });
});
