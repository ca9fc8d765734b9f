import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import { escapeRegExp, joinLinkIn, type Mail, type Person, waitForMail } from "./account-helpers.ts";
import { createVerifiedUser } from "./helpers.ts";

const root = join(import.meta.dirname, "..");

/** A license key as printed: 5 groups of 6 characters from the key alphabet. */
export const KEY_PATTERN = /\b[2-9A-HJKMNP-TW-Z]{6}(?:-[2-9A-HJKMNP-TW-Z]{6}){4}\b/;

/**
 * Vendor staff: signed up (verified) through the API, then promoted with
 * `license-portal operator create` against the server's database — no web form can do that.
 */
export async function createOperator(request: APIRequestContext, baseURL: string, person: Person) {
  await createVerifiedUser(request, baseURL, person.email, person.password);
  const databaseFile = process.env.E2E_DATABASE_FILE;
  if (!databaseFile) throw new Error("E2E_DATABASE_FILE is not set (run through e2e/playwright.config.ts)");
  const output = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/main.ts",
      "operator",
      "create",
      "--email",
      person.email,
      "--name",
      `${person.firstName} ${person.lastName}`,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `sqlite:${databaseFile}`, NODE_ENV: "development", LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(output).toContain(`${person.email} is now an operator.`);
}

/** POSTs as the browser context of `page` (its cookies), with the Origin the server checks. */
async function post(page: Page, baseURL: string, url: string, data: unknown) {
  const response = await page.request.post(url, { headers: { origin: baseURL }, data });
  expect(response.ok(), `POST ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** As the signed-in `page`: creates a business account (its Account Administrator) and returns its id. */
export async function createBusinessAccount(page: Page, baseURL: string, companyName: string): Promise<string> {
  const account = (await post(page, baseURL, "/api/accounts", {
    companyName,
    country: "DE",
    postcode: "10115",
    businessPhone: "+49 30 1234567",
  })) as { id: string };
  expect(account.id).toBeTruthy();
  return account.id;
}

/**
 * The Account Administrator (signed in on `page`) invites `member`, who joins from the
 * emailed link with a new sign-in (through the API, outside any browser): a Regular Member.
 */
export async function inviteAndJoin(page: Page, request: APIRequestContext, baseURL: string, accountId: string, member: Person) {
  const sent = (await post(page, baseURL, `/api/accounts/${accountId}/invitations`, {
    locale: "en",
    invitations: [{ email: member.email }],
  })) as { results: Array<{ outcome: string }> };
  expect(sent.results.map((r) => r.outcome)).toEqual(["invited"]);
  const invitation: Mail = await waitForMail(request, member.email, /invited you to join/);
  const token = new URL(joinLinkIn(invitation)).hash.replace(/^#token=/, "");
  const joined = await request.post("/api/invitations/accept-new", {
    headers: { origin: baseURL },
    data: { token, firstName: member.firstName, lastName: member.lastName, password: member.password },
  });
  expect(joined.ok(), `accept-new: ${joined.status()} ${await joined.text()}`).toBe(true);
}

/** The registration key in the newest "ready to register" email to `email`. */
export async function registrationKeyFor(request: APIRequestContext, email: string, productName: string): Promise<string> {
  const mail = await waitForMail(
    request,
    email,
    new RegExp(`Your ${escapeRegExp(productName)} subscription is ready to register`),
  );
  const key = mail.text.match(KEY_PATTERN)?.[0];
  expect(key, "registration key in the email").toBeTruthy();
  return key ?? "";
}

/** The same key with one character changed to another of the alphabet: a typo the check character catches. */
export function withTypo(key: string): string {
  const first = key[0] === "A" ? "B" : "A";
  return first + key.slice(1);
}

/** One figure of the Licenses section, e.g. "Available in the main pool". */
export function licenseFigure(page: Page, label: string): Locator {
  return page
    .getByRole("region", { name: "Licenses", exact: true })
    .locator("dl > div")
    .filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .getByRole("definition");
}

/** The License Keys table of Subscription Details. */
export function keysTable(page: Page): Locator {
  return page.getByRole("table", { name: "License keys of this subscription" });
}

/** The Dashboard's subscriptions table. */
export function subscriptionsTable(page: Page): Locator {
  return page.getByRole("table", { name: "Subscriptions", exact: true });
}
