import { randomBytes } from "node:crypto";
import { TEST_ORIGIN, type TestApp } from "./test-app.ts";

export const JSON_HEADERS = { origin: TEST_ORIGIN, "content-type": "application/json" } as const;
export const GOOD_PASSWORD = "violet-harbour-engine-42";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

/** Turns Set-Cookie headers into a Cookie header, skipping cookies that are being cleared. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const cookies = [setCookie ?? []].flat().filter((c) => !/Max-Age=0/i.test(c));
  if (cookies.length === 0) throw new Error("no cookie was set");
  return cookies.map((c) => c.split(";")[0]).join("; ");
}

export async function signUp({ app }: TestApp, email: string, password = GOOD_PASSWORD) {
  return app.inject({
    method: "POST",
    url: "/api/identity/sign-up",
    headers: JSON_HEADERS,
    payload: { firstName: "Ada", lastName: "Lovelace", email, password },
  });
}

/** The newest outbox message for `email` (dev-mailbox mode), with its first link. */
export async function latestMail({ database }: TestApp, email: string, template?: string) {
  const row = await database.db
    .selectFrom("outbox")
    .selectAll()
    .where("recipient", "=", email)
    .$if(template !== undefined, (q) => q.where("template", "=", template ?? ""))
    .orderBy("createdAt", "desc")
    .executeTakeFirst();
  if (!row) throw new Error(`no mail for ${email}`);
  return { ...row, url: row.payloadJson.url ?? "" };
}

/** Signs up, follows the verification link, and returns a signed-in session cookie. */
export async function signUpVerified(t: TestApp, email = uniqueEmail(), password = GOOD_PASSWORD) {
  const response = await signUp(t, email, password);
  if (response.statusCode !== 202) throw new Error(`sign-up failed: ${response.body}`);
  const mail = await latestMail(t, email, "verify-email");
  const verified = await t.app.inject({ url: mail.url.replace(TEST_ORIGIN, "") });
  return { email, password, cookie: cookieFrom(verified.headers["set-cookie"]) };
}

export async function signIn({ app }: TestApp, email: string, password: string) {
  return app.inject({ method: "POST", url: "/api/auth/sign-in/email", headers: JSON_HEADERS, payload: { email, password } });
}
