import type { CompanyInfoInput } from "../../contracts/accounts.ts";
import { newInvitationToken } from "../../src/modules/invitations/invitation-token.ts";
import { insertInvitations, newInvitationId } from "../../src/modules/invitations/invitations.repo.ts";
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
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
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
export async function member(
  t: TestApp,
  admin: Person,
  accountId: string,
  prefix = "member",
): Promise<Person & { userId: string }> {
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

/** Sets the person's name and language through the Personal Profile. */
export async function setProfile(t: TestApp, who: Person, firstName: string, lastName: string, locale = "en") {
  const response = await call(t, who, "PUT", "/api/me/profile", { firstName, lastName, locale });
  if (response.statusCode !== 200) throw new Error(`profile update failed: ${response.body}`);
}

/** Invites an existing signed-in person and has them join as a Regular Member. */
export async function join(t: TestApp, admin: Person, accountId: string, who: Person): Promise<string> {
  const results = await invite(t, admin, accountId, [who.email]);
  if (results[0]?.outcome !== "invited") throw new Error(`invite of ${who.email}: ${JSON.stringify(results)}`);
  const joined = await call(t, who, "POST", "/api/invitations/accept", { token: await invitationToken(t, who.email) });
  if (joined.statusCode !== 200) throw new Error(`join failed: ${joined.body}`);
  return userIdOf(t, who.email);
}

/** Has `who` join the account and promotes them to Account Administrator. */
export async function joinAsAdmin(t: TestApp, admin: Person, accountId: string, who: Person): Promise<string> {
  const userId = await join(t, admin, accountId, who);
  const promoted = await setMember(t, admin, accountId, userId, { role: "admin", status: "active" });
  if (promoted.statusCode !== 200) throw new Error(`promote failed: ${promoted.body}`);
  return userId;
}

/** The account's memberships straight from the table: the ground truth for invariants. */
export async function membershipRows(t: TestApp, accountId: string) {
  return t.database.db
    .selectFrom("memberships")
    .select(["userId", "role", "status"])
    .where("accountId", "=", accountId)
    .execute();
}

export async function activeAdminCount(t: TestApp, accountId: string): Promise<number> {
  return (await membershipRows(t, accountId)).filter((m) => m.role === "admin" && m.status === "active").length;
}

/** The pending invitation row of an address in an account, from the table. */
export async function invitationRow(t: TestApp, accountId: string, email: string) {
  return t.database.db
    .selectFrom("invitations")
    .selectAll()
    .where("accountId", "=", accountId)
    .where("email", "=", email.toLowerCase())
    .orderBy("createdAt", "desc")
    .executeTakeFirstOrThrow();
}

export const preview = (t: TestApp, token: string) => call(t, null, "POST", "/api/invitations/preview", { token });
export const accept = (t: TestApp, who: Person | null, token: string) =>
  call(t, who, "POST", "/api/invitations/accept", { token });

/**
 * Writes a pending invitation straight into the table and returns its token. Send
 * Invitations refuses to invite a member, so this is how a test gets an open link for
 * someone who is already a member (or blocked): the case acceptance must re-check.
 */
export async function plantInvitation(t: TestApp, accountId: string, email: string, invitedByUserId: string) {
  const { token, hash } = newInvitationToken();
  const now = new Date();
  await insertInvitations(t.database.db, [
    {
      id: newInvitationId(),
      accountId,
      email: email.toLowerCase(),
      locale: "en",
      tokenHash: hash,
      invitedByUserId,
      now,
      expiresAt: new Date(now.getTime() + 7 * 24 * 3600_000),
    },
  ]);
  return token;
}
