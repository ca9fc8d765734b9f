import type { CompanyInfoInput } from "../../contracts/accounts.ts";
import { cookieFrom, GOOD_PASSWORD, JSON_HEADERS, latestMail, signUpVerified, uniqueEmail } from "./identity-fixtures.ts";
import type { TestApp } from "./test-app.ts";

export const ACME: CompanyInfoInput = {
  companyName: "Acme Remote Apps GmbH",
  country: "DE",
  postcode: "10115",
  businessPhone: "+49 30 1234567",
};

export type Person = { email: string; password: string; cookie: string };

/** A verified, signed-in person. */
export async function person(t: TestApp, prefix = "person"): Promise<Person> {
  return signUpVerified(t, uniqueEmail(prefix));
}

export async function call(t: TestApp, who: Person | null, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
  const headers: Record<string, string> = payload === undefined ? { origin: JSON_HEADERS.origin } : { ...JSON_HEADERS };
  if (who) headers.cookie = who.cookie;
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** Creates a business account with `admin` as its Account Administrator. */
export async function businessAccount(t: TestApp, admin: Person, company: CompanyInfoInput = ACME): Promise<string> {
  const response = await call(t, admin, "POST", "/api/accounts", company);
  if (response.statusCode !== 201) throw new Error(`create account failed: ${response.body}`);
  return response.json().id as string;
}

/** The join token from the newest invitation email to `email` (the link carries it in its #fragment). */
export async function invitationToken(t: TestApp, email: string): Promise<string> {
  const mail = await latestMail(t, email, "invitation");
  const token = new URL(mail.url).hash.replace(/^#token=/, "");
  if (!token) throw new Error(`no token in ${mail.url}`);
  return token;
}

export async function invite(t: TestApp, admin: Person, accountId: string, emails: string[], locale = "en") {
  const response = await call(t, admin, "POST", `/api/accounts/${accountId}/invitations`, {
    locale,
    invitations: emails.map((email) => ({ email })),
  });
  if (response.statusCode !== 200) throw new Error(`invite failed: ${response.body}`);
  return response.json().results as Array<{ email: string; outcome: string; invitationId: string | null }>;
}

/** Invites a new signed-in person and has them join; returns them as a Regular Member. */
export async function member(t: TestApp, admin: Person, accountId: string, prefix = "member"): Promise<Person & { userId: string }> {
  const who = await person(t, prefix);
  await invite(t, admin, accountId, [who.email]);
  const token = await invitationToken(t, who.email);
  const joined = await call(t, who, "POST", "/api/invitations/accept", { token });
  if (joined.statusCode !== 200) throw new Error(`join failed: ${joined.body}`);
  return { ...who, userId: await userIdOf(t, who.email) };
}

export async function userIdOf(t: TestApp, email: string): Promise<string> {
  const row = await t.database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

export async function setMember(t: TestApp, admin: Person, accountId: string, userId: string, body: Record<string, unknown>) {
  return call(t, admin, "PUT", `/api/accounts/${accountId}/users/${userId}`, body);
}

export { cookieFrom, GOOD_PASSWORD };
