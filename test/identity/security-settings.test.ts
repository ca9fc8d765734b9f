import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, JSON_HEADERS, latestMail, signIn, signUpVerified } from "../helpers/identity-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

function totpFrom(uri: string) {
  return OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
}

describe(`Security Settings and password reset (${TEST_ENGINE})`, () => {
  let t: TestApp;
  const post = (url: string, cookie: string | undefined, payload: object) =>
    t.app.inject({ method: "POST", url, headers: { ...JSON_HEADERS, ...(cookie ? { cookie } : {}) }, payload });
  const actions = async (email: string) => {
    const user = await t.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const rows = await t.database.db
      .selectFrom("auditEvents")
      .select(["action", "outcome"])
      .where("actorUserId", "=", user.id)
      .execute();
    return rows.map((r) => `${r.action}:${r.outcome}`);
  };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
  });
  afterAll(async () => t.close());

  it("changes the password only with the current one, and the old one stops working", async () => {
    const person = await signUpVerified(t);
    const wrong = await post("/api/auth/change-password", person.cookie, {
      currentPassword: "not-my-password-at-all",
      newPassword: "a-brand-new-passphrase",
    });
    expect(wrong.statusCode).toBe(400);
    const common = await post("/api/auth/change-password", person.cookie, {
      currentPassword: person.password,
      newPassword: "qwerty123456",
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().code).toBe("PASSWORD_TOO_COMMON");
    const ok = await post("/api/auth/change-password", person.cookie, {
      currentPassword: person.password,
      newPassword: "a-brand-new-passphrase",
    });
    expect(ok.statusCode).toBe(200);
    expect((await signIn(t, person.email, person.password)).statusCode).toBe(401);
    expect((await signIn(t, person.email, "a-brand-new-passphrase")).statusCode).toBe(200);
    expect((await latestMail(t, person.email, "password-changed")).url).toBe(`${TEST_ORIGIN}/forgot-password`);
    expect(await actions(person.email)).toEqual(
      expect.arrayContaining(["identity.password_change:failure", "identity.password_change:success"]),
    );
  });

  it("lists active sessions and signs out the others", async () => {
    const person = await signUpVerified(t);
    const second = cookieFrom((await signIn(t, person.email, person.password)).headers["set-cookie"]);
    const list = await t.app.inject({ url: "/api/auth/list-sessions", headers: { cookie: person.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(2);

    const revoke = await post("/api/auth/revoke-other-sessions", person.cookie, {});
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: second } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: person.cookie } })).statusCode).toBe(200);
    expect(await actions(person.email)).toContain("identity.session_revoke_others:success");
  });

  it("turns TOTP two-factor on with recovery codes, asks for a code at sign-in, and turns it off", async () => {
    const person = await signUpVerified(t);
    const enable = await post("/api/auth/two-factor/enable", person.cookie, { password: person.password });
    expect(enable.statusCode).toBe(200);
    const { totpURI, backupCodes } = enable.json() as { totpURI: string; backupCodes: string[] };
    expect(backupCodes).toHaveLength(10);
    const totp = totpFrom(totpURI);
    expect(totp.issuer).toMatch(/^License.Portal$/);

    const confirm = await post("/api/auth/two-factor/verify-totp", person.cookie, { code: totp.generate() });
    expect(confirm.statusCode).toBe(200);
    // Turning 2FA on rotates the session: the old cookie ends, the new one carries on.
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: person.cookie } })).statusCode).toBe(401);
    const rotated = cookieFrom(confirm.headers["set-cookie"]);
    const me = await t.app.inject({ url: "/api/me", headers: { cookie: rotated } });
    expect(me.json().twoFactorEnabled).toBe(true);

    const first = await signIn(t, person.email, person.password);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookieFrom(first.headers["set-cookie"]);
    const bad = await post("/api/auth/two-factor/verify-totp", pending, { code: "000000" });
    expect(bad.statusCode).toBe(401);
    // RFC 6238: the code that confirmed the setup cannot be used again; the next one can.
    const replay = await post("/api/auth/two-factor/verify-totp", pending, { code: totp.generate() });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe("TOTP_CODE_REUSED");
    const good = await post("/api/auth/two-factor/verify-totp", pending, {
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(good.statusCode).toBe(200);
    const session = cookieFrom(good.headers["set-cookie"]);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: session } })).statusCode).toBe(200);

    const recovery = await signIn(t, person.email, person.password);
    const viaCode = await post("/api/auth/two-factor/verify-backup-code", cookieFrom(recovery.headers["set-cookie"]), {
      code: backupCodes[0],
    });
    expect(viaCode.statusCode).toBe(200);

    const disable = await post("/api/auth/two-factor/disable", session, { password: person.password });
    expect(disable.statusCode).toBe(200);
    expect((await signIn(t, person.email, person.password)).json()).not.toHaveProperty("twoFactorRedirect");
    expect(await actions(person.email)).toEqual(
      expect.arrayContaining([
        "identity.two_factor_enable:success",
        "identity.sign_in_second_factor:failure",
        "identity.sign_in_second_factor:success",
        "identity.two_factor_disable:success",
      ]),
    );
  });

  it("resets a forgotten password by email link, answering the same for unknown addresses, and ends old sessions", async () => {
    const person = await signUpVerified(t);
    const known = await post("/api/auth/request-password-reset", undefined, {
      email: person.email,
      redirectTo: "/reset-password",
    });
    const unknown = await post("/api/auth/request-password-reset", undefined, {
      email: "nobody@example.com",
      redirectTo: "/reset-password",
    });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);

    const mail = await latestMail(t, person.email, "reset-password");
    const landing = await t.app.inject({ url: mail.url.replace(TEST_ORIGIN, "") });
    expect(landing.statusCode).toBe(302);
    const token = new URL(String(landing.headers.location), TEST_ORIGIN).searchParams.get("token");
    expect(token).toBeTruthy();

    const reset = await post("/api/auth/reset-password", undefined, { token, newPassword: "reset-to-this-passphrase" });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: person.cookie } })).statusCode).toBe(401);
    expect((await signIn(t, person.email, "reset-to-this-passphrase")).statusCode).toBe(200);
    expect((await latestMail(t, person.email, "password-changed")).status).toBe("pending");
    const reuse = await post("/api/auth/reset-password", undefined, { token, newPassword: "another-passphrase-here" });
    expect(reuse.statusCode).toBe(400);
  });

  it("updates the Personal Profile with validation", async () => {
    const person = await signUpVerified(t);
    const put = (payload: object) =>
      t.app.inject({ method: "PUT", url: "/api/me/profile", headers: { ...JSON_HEADERS, cookie: person.cookie }, payload });
    const ok = await put({ firstName: "Grace", lastName: "Hopper", locale: "de" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ firstName: "Grace", lastName: "Hopper", name: "Grace Hopper", locale: "de" });
    const bad = await put({ firstName: "", lastName: "Hopper", locale: "xx" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["body.firstName", "body.locale"]),
    );
    expect((await t.app.inject({ method: "PUT", url: "/api/me/profile", headers: JSON_HEADERS, payload: {} })).statusCode).toBe(
      400,
    );
    const anonymous = await t.app.inject({
      method: "PUT",
      url: "/api/me/profile",
      headers: JSON_HEADERS,
      payload: { firstName: "A", lastName: "B", locale: "en" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await actions(person.email)).toContain("identity.profile_update:success");
  });
});
