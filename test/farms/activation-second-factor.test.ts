import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessAccount, person } from "../helpers/account-fixtures.ts";
import { cookieFrom, JSON_HEADERS } from "../helpers/identity-fixtures.ts";
import { issue, operator } from "../helpers/licensing-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { activate } from "./farm-kit.ts";

/**
 * A person who turned on two-step verification needs their authenticator code to
 * activate a farm too; otherwise the farm API would be the way around it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ AUTH_RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const post = (url: string, cookie: string, payload: object) =>
  t.app.inject({ method: "POST", url, headers: { ...JSON_HEADERS, cookie }, payload });

describe("activation with two-step verification", () => {
  it("asks for the code, refuses a wrong or reused one, and accepts the current one", async () => {
    const op = await operator(t);
    const admin = await person(t, "farm-2fa");
    const A = await businessAccount(t, admin);
    const s = await issue(t, op, { accountId: A, licenses: 5 });

    const enable = await post("/api/auth/two-factor/enable", admin.cookie, { password: admin.password });
    expect(enable.statusCode).toBe(200);
    const totp = OTPAuth.URI.parse(enable.json().totpURI) as OTPAuth.TOTP;
    // Confirm the setup with the code of the previous period, so the current one is still unused.
    // That code is accepted only until the current period ends: near its end, wait for the next
    // one, or a busy machine can push the check into the period after (seen once in CI).
    const intoPeriod = Date.now() % 30_000;
    if (intoPeriod > 20_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoPeriod + 200));
    const previous = totp.generate({ timestamp: Date.now() - 30_000 });
    const confirm = await post("/api/auth/two-factor/verify-totp", admin.cookie, { code: previous });
    expect(confirm.statusCode).toBe(200);
    expect(cookieFrom(confirm.headers["set-cookie"])).not.toBe("");

    const without = await activate(t, admin, s.primaryKey);
    expect([without.statusCode, without.json().code]).toEqual([401, "SECOND_FACTOR_REQUIRED"]);
    const wrongCode = String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await activate(t, admin, s.primaryKey, { otp: wrongCode });
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, "INVALID_SECOND_FACTOR"]);
    const wrongPassword = await activate(t, { email: admin.email, password: "not it at all" }, s.primaryKey, {
      otp: totp.generate(),
    });
    expect(wrongPassword.json().code).toBe("INVALID_LOGIN_OR_PASSWORD");

    const code = totp.generate();
    const good = await activate(t, admin, s.primaryKey, { otp: code });
    expect(good.statusCode).toBe(201);
    const reused = await activate(t, admin, s.primaryKey, { otp: code });
    expect([reused.statusCode, reused.json().code]).toEqual([401, "INVALID_SECOND_FACTOR"]);
  });
});
