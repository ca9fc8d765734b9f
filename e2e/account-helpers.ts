import { join } from "node:path";
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import { followMailLink, heading, screenshotDir, signIn, signOut } from "./helpers.ts";

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type Person = { firstName: string; lastName: string; email: string; password: string };
export type Company = { name: string; country: string; postcode: string; phone: string };

/**
 * Signs up in the UI as "A Business Customer" with the company fields, verifies the
 * email from the dev mailbox, then signs out and in again: lands on the personal Dashboard.
 */
export async function signUpBusinessCustomer(page: Page, person: Person, company: Company) {
  await page.goto("/sign-up");
  await expect(heading(page, "Create your account")).toBeVisible();
  await page.getByLabel("First name").fill(person.firstName);
  await page.getByLabel("Last name").fill(person.lastName);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("radio", { name: "A Business Customer" }).check();
  const fields = page.getByRole("group", { name: "Company information" });
  await fields.getByLabel("Company Name").fill(company.name);
  await fields.getByLabel("Country").selectOption(company.country);
  await fields.getByLabel("Postcode/Zip").fill(company.postcode);
  await fields.getByLabel("Business Phone").fill(company.phone);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page, "Check your inbox")).toBeVisible();

  await followMailLink(page, person.email, "/api/auth/verify-email");
  await expect(heading(page, "Your email is verified")).toBeVisible();
  await page.getByRole("link", { name: "Go to the Dashboard" }).click();
  await expect(heading(page, "Dashboard")).toBeVisible();
  await signOut(page, person.email);
  await signIn(page, person.email, person.password);
  await expect(heading(page, "Dashboard")).toBeVisible();
}

/** The account switcher in the upper left; its name includes the shown account's name. */
export function accountSwitcher(page: Page, currentAccount: string | RegExp): Locator {
  const name = typeof currentAccount === "string" ? new RegExp(escapeRegExp(currentAccount)) : currentAccount;
  return page.getByRole("banner").getByRole("button", { name });
}

/** Opens the switcher and returns the menu item of `account`. */
export async function switcherItem(page: Page, currentAccount: string | RegExp, account: string): Promise<Locator> {
  await accountSwitcher(page, currentAccount).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu.getByRole("menuitemradio", { name: new RegExp(escapeRegExp(account)) });
}

export type Mail = { to: string; subject: string; text: string; createdAt: string };

/** The dev mailbox's mails to `email`, newest first. */
export async function mailsTo(request: APIRequestContext, email: string): Promise<Mail[]> {
  const response = await request.get("/api/dev/mailbox");
  expect(response.ok()).toBe(true);
  const { messages } = (await response.json()) as { messages: Mail[] };
  return messages.filter((m) => m.to === email);
}

/** Waits until `count` mails to `email` match `subject` (the outbox worker sends them); returns the newest. */
export async function waitForMail(request: APIRequestContext, email: string, subject: RegExp, count = 1): Promise<Mail> {
  let found: Mail[] = [];
  await expect(async () => {
    found = (await mailsTo(request, email)).filter((m) => subject.test(m.subject));
    expect(found.length, `mails to ${email} with subject ${subject}`).toBeGreaterThanOrEqual(count);
  }).toPass({ timeout: 10_000 });
  const [newest] = found;
  if (!newest) throw new Error("unreachable");
  return newest;
}

/** The join link (<origin>/join#token=…) in an invitation email. */
export function joinLinkIn(mail: Mail): string {
  const link = mail.text.match(/https?:\/\/\S+\/join#token=[\w-]+/)?.[0];
  expect(link, `join link in "${mail.subject}"`).toBeTruthy();
  return link ?? "";
}

/** The Business Account Users table, and the row of one person or invitation. */
export function usersTable(page: Page): Locator {
  return page.getByRole("table", { name: "Business Account Users: members and open invitations" });
}

export function userRow(page: Page, email: string): Locator {
  return usersTable(page).getByRole("row").filter({ hasText: email });
}

/** Invite Users → for each address: the invitation language, the email, Add → Send Invitations → "Invitation sent". */
export async function inviteUsers(page: Page, invites: Array<{ email: string; language: string }>, screenshot?: string) {
  await page.getByRole("button", { name: "Invite Users" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite Users" });
  await expect(dialog).toBeVisible();
  for (const { email, language } of invites) {
    await dialog.getByLabel("Language of the invitation").selectOption({ label: language });
    await dialog.getByLabel("Email address").fill(email);
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    // Pin the row's language, so choosing another language for the next address leaves this one as is.
    const rowLanguage = dialog.getByLabel(`Language for ${email}`);
    await rowLanguage.selectOption({ label: language });
    await expect(rowLanguage.locator("option:checked")).toHaveText(language);
  }
  const pending = dialog.getByRole("list", { name: "Addresses to invite" }).getByRole("listitem");
  await expect(pending).toHaveCount(invites.length);
  await pending.last().scrollIntoViewIfNeeded();
  if (screenshot) await page.screenshot({ path: join(screenshotDir, screenshot) });

  await dialog.getByRole("button", { name: "Send Invitations" }).click();
  const results = dialog.getByRole("list", { name: "Results" }).getByRole("listitem");
  await expect(results).toHaveCount(invites.length);
  for (const { email } of invites) {
    await expect(results.filter({ hasText: email })).toContainText("Invitation sent");
  }
  await expect(dialog.getByRole("status")).toHaveText(`Invitations sent: ${invites.length}. Not sent: 0.`);
  await dialog.getByRole("button", { name: "Close" }).last().click();
  await expect(dialog).toBeHidden();
}

/** Opens a member's dialog from the Users list. */
export async function openMember(page: Page, name: string): Promise<Locator> {
  await usersTable(page).getByRole("button", { name, exact: true }).click();
  const dialog = page.getByRole("dialog", { name });
  await expect(dialog).toBeVisible();
  // The details load after the dialog opens; the Role drop-down comes with them.
  await expect(dialog.getByRole("combobox", { name: "Role" })).toBeVisible();
  return dialog;
}

/** In a member's dialog: Block, Unblock or Remove, then Save; the page confirms it. */
export async function applyMembershipAction(
  page: Page,
  name: string,
  action: "Block" | "Unblock" | "Remove",
  confirmation: string,
) {
  const dialog = await openMember(page, name);
  const button = dialog.getByRole("button", { name: action, exact: true });
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: confirmation })).toBeVisible();
}
