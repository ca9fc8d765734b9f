import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_PASSWORD, JSON_HEADERS, latestMail, uniqueEmail } from "../helpers/identity-fixtures.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

type Cookie = { name: string; value: string; attributes: Map<string, string> };

function parseSetCookie(header: string): Cookie {
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const eq = pair.indexOf("=");
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attributes: new Map(
      attributes.map((attribute) => {
        const [key = "", value = ""] = attribute.split("=");
        return [key.toLowerCase(), value];
      }),
    ),
  };
}

const setCookies = (response: { headers: Record<string, unknown> }) =>
  [response.headers["set-cookie"] ?? []].flat().map((header) => parseSetCookie(String(header)));

const SEVEN_DAYS = 7 * 24 * 3600;

/** What every cookie the portal sets must carry; `secure` when PUBLIC_URL is https. */
function expectHardened(cookie: Cookie, secure: boolean) {
  const a = cookie.attributes;
  expect(a.has("httponly"), `${cookie.name} HttpOnly`).toBe(true);
  expect(["lax", "strict"], `${cookie.name} SameSite`).toContain(a.get("samesite")?.toLowerCase());
  expect(a.get("path"), `${cookie.name} Path`).toBe("/");
  expect(a.has("secure"), `${cookie.name} Secure`).toBe(secure);
  expect(a.has("domain"), `${cookie.name} is host-only`).toBe(false);
  const maxAge = Number(a.get("max-age"));
  const expires = a.has("expires") ? (Date.parse(a.get("expires") ?? "") - Date.now()) / 1000 : undefined;
  // Bounded lifetime: a cookie being cleared has Max-Age=0; a session lives at most seven days.
  expect(Number.isFinite(maxAge) || expires !== undefined, `${cookie.name} has a lifetime`).toBe(true);
  if (Number.isFinite(maxAge)) expect(maxAge).toBeLessThanOrEqual(SEVEN_DAYS);
  if (expires !== undefined) expect(expires).toBeLessThanOrEqual(SEVEN_DAYS + 60);
}

for (const origin of ["http://localhost:3000", "https://portal.example.com"]) {
  const secure = origin.startsWith("https:");
  describe(`session cookies with PUBLIC_URL ${origin} (${TEST_ENGINE})`, () => {
    let t: TestApp;
    const headers = { ...JSON_HEADERS, origin };
    const sessionCookie = secure ? "__Secure-better-auth.session_token" : "better-auth.session_token";

    beforeAll(async () => {
      t = await createTestApp({ PUBLIC_URL: origin });
    });
    afterAll(async () => t?.close());

    async function signUp(email: string) {
      return t.app.inject({
        method: "POST",
        url: "/api/identity/sign-up",
        headers,
        payload: { firstName: "Ada", lastName: "Lovelace", email, password: GOOD_PASSWORD },
      });
    }

    async function verifiedPerson() {
      const email = uniqueEmail("cookie");
      const signUp = await t.app.inject({
        method: "POST",
        url: "/api/identity/sign-up",
        headers,
        payload: { firstName: "Ada", lastName: "Lovelace", email, password: GOOD_PASSWORD },
      });
      expect(signUp.statusCode).toBe(202);
      await t.database.db.updateTable("users").set({ emailVerified: true }).where("email", "=", email).execute();
      return email;
    }

    const signIn = (email: string, cookie?: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        headers: cookie ? { ...headers, cookie } : headers,
        payload: { email, password: GOOD_PASSWORD },
      });
    const me = (cookie: string) => t.app.inject({ url: "/api/me", headers: { cookie } });
    const tokenOf = (response: { headers: Record<string, unknown> }) => {
      const cookie = setCookies(response).find((c) => c.name === sessionCookie);
      if (!cookie) throw new Error(`no ${sessionCookie} in ${String(response.headers["set-cookie"])}`);
      return cookie;
    };

    it("sets every cookie HttpOnly, SameSite, Path=/, host-only and bounded, and Secure exactly when https", async () => {
      const email = await verifiedPerson();
      const response = await signIn(email);
      expect(response.statusCode).toBe(200);
      const cookies = setCookies(response);
      expect(cookies.map((c) => c.name)).toContain(sessionCookie);
      for (const cookie of cookies) expectHardened(cookie, secure);
      const signOut = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-out",
        headers: { ...headers, cookie: `${sessionCookie}=${tokenOf(response).value}` },
        payload: {},
      });
      for (const cookie of setCookies(signOut)) expectHardened(cookie, secure);
    });

    it("issues a new session at sign-in: a planted cookie is not the one after (session fixation)", async () => {
      const victim = await verifiedPerson();
      const attacker = await verifiedPerson();
      const planted = tokenOf(await signIn(attacker)).value;
      const plantedCookie = `${sessionCookie}=${planted}`;
      expect((await me(plantedCookie)).json().email).toBe(attacker);

      const fresh = tokenOf(await signIn(victim, plantedCookie));
      expect(fresh.value).not.toBe(planted);
      expect(fresh.value.split(".")[0]).not.toBe(planted.split(".")[0]);
      // The planted cookie never becomes the victim's session.
      expect((await me(plantedCookie)).json().email).not.toBe(victim);
      expect((await me(`${sessionCookie}=${fresh.value}`)).json().email).toBe(victim);

      // A made-up token planted before sign-in is not adopted either.
      const madeUp = `${sessionCookie}=${"A".repeat(32)}.forged`;
      const again = tokenOf(await signIn(victim, madeUp));
      expect(again.value.startsWith("A".repeat(32))).toBe(false);
      expect(again.value).not.toBe(fresh.value);
    });

    it("signs in from the verification link with a fresh, hardened session cookie", async () => {
      const email = uniqueEmail("verify");
      expect((await signUp(email)).statusCode).toBe(202);
      const mail = await latestMail(t, email, "verify-email");
      const verified = await t.app.inject({ url: mail.url.replace(origin, "") });
      const cookies = setCookies(verified);
      const session = tokenOf(verified);
      expect(session.value).toMatch(/^[A-Za-z0-9]{32}\./);
      for (const cookie of cookies) expectHardened(cookie, secure);
      expect((await me(`${sessionCookie}=${session.value}`)).json().email).toBe(email);
      // HSTS goes with https only.
      if (secure) expect(verified.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
      else expect(verified.headers["strict-transport-security"]).toBeUndefined();
    });

    it("ends the session at sign-out: the old token stops working", async () => {
      const email = await verifiedPerson();
      const cookie = `${sessionCookie}=${tokenOf(await signIn(email)).value}`;
      expect((await me(cookie)).statusCode).toBe(200);
      const signOut = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-out",
        headers: { ...headers, cookie },
        payload: {},
      });
      expect(signOut.statusCode).toBe(200);
      expect(
        setCookies(signOut)
          .find((c) => c.name === sessionCookie)
          ?.attributes.get("max-age"),
      ).toBe("0");
      const after = await me(cookie);
      expect(after.statusCode).toBe(401);
      expect(after.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const session = await t.app.inject({ url: "/api/auth/get-session", headers: { cookie } });
      expect(session.json()).toBeNull();
    });
  });
}
