import { join } from "node:path";
import { expect, type Request, test } from "@playwright/test";
import { accountSwitcher, openMember, type Person } from "./account-helpers.ts";
import { createVerifiedUser, heading, openPersonMenu, screenshotDir, signIn, uniqueEmail, watchConsole } from "./helpers.ts";
import {
  createBusinessAccount,
  createOperator,
  inviteAndJoin,
  KEY_PATTERN,
  keysTable,
  licenseFigure,
  registrationKeyFor,
  subscriptionsTable,
  withTypo,
} from "./licensing-helpers.ts";

/** Fresh people and company for each run of the test (repeat-each, retries). */
function newCast() {
  const operator: Person = {
    firstName: "Ada",
    lastName: "Lovelace",
    email: uniqueEmail("ada.operator"),
    password: "analytical engine notes 1843",
  };
  const admin: Person = {
    firstName: "Margaret",
    lastName: "Hamilton",
    email: uniqueEmail("margaret"),
    password: "apollo guidance computer 1969",
  };
  const member: Person = {
    firstName: "Hanako",
    lastName: "Yamada",
    email: uniqueEmail("hanako"),
    password: "sakura blossoms in april",
  };
  const company = `Nordlicht Tools ${Date.now() % 1e6}`;
  return { operator, admin, member, company };
}

const product = "Remote Application Server";
const subscriptionName = `${product} (50 users)`;
const keyName = "Berlin office";

test("an operator issues a subscription by registration key; the customer registers it, creates a 10-license key for a Regular Member, who sees only that key", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const { operator, admin, member, company } = newCast();
  const memberName = `${member.firstName} ${member.lastName}`;
  const adminProblems = watchConsole(page);
  let accountId = "";

  await test.step("set-up: an Account Administrator of a business account, and a Regular Member who joined by invitation", async () => {
    await createOperator(request, origin, operator);
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, company);
    await inviteAndJoin(page, request, origin, accountId, member);
  });

  const operatorContext = await browser.newContext();
  const operatorPage = await operatorContext.newPage();
  const operatorProblems = watchConsole(operatorPage);
  let shownKey = "";
  await test.step("the operator issues a subscription as a registration key emailed to the purchaser", async () => {
    await signIn(operatorPage, operator.email, operator.password);
    await expect(heading(operatorPage, "Dashboard")).toBeVisible();
    await openPersonMenu(operatorPage, operator.email);
    await operatorPage.getByRole("menuitem", { name: "Operator console" }).click();
    await expect(heading(operatorPage, "Accounts and people")).toBeVisible();

    // The catalogue: operators add products (and rename them); the seed has Remote Application Server.
    const consoleNav = operatorPage.getByRole("navigation", { name: "Operator console" });
    await consoleNav.getByRole("link", { name: "Catalogue" }).click();
    await expect(heading(operatorPage, "Catalogue")).toBeVisible();
    await expect(operatorPage.getByLabel("Rename Remote Application Server")).toHaveValue("Remote Application Server");
    await operatorPage.getByLabel("Code", { exact: true }).fill("ras-vdi");
    await operatorPage.getByLabel("Name", { exact: true }).fill("RAS VDI add-on");
    await operatorPage.getByRole("button", { name: "Add product" }).click();
    await expect(
      operatorPage.getByRole("status").filter({ hasText: "RAS VDI add-on was added to the catalogue." }),
    ).toBeVisible();
    await expect(operatorPage.getByLabel("Rename RAS VDI add-on")).toBeVisible();

    await consoleNav.getByRole("link", { name: "Issue subscription" }).click();
    await expect(heading(operatorPage, "Issue subscription")).toBeVisible();

    const form = operatorPage.getByRole("main");
    // The only product is chosen already; choose it anyway, as an operator would check it.
    await form.getByLabel("Product").selectOption({ label: product });
    await form.getByRole("group", { name: "License type" }).getByRole("radio", { name: "Subscription" }).check();
    await form.getByLabel("Term").selectOption({ label: "1 year" });
    await form.getByLabel("Number of licenses").fill("50");
    await form.getByLabel("Support plan").selectOption({ label: "Standard" });
    await form.getByLabel("Sales channel").selectOption({ label: "Direct sales" });
    await form.getByLabel("Contact name").fill("Konrad Zuse");
    await form.getByLabel("Contact email").fill("konrad.zuse@example.com");
    await form.getByRole("group", { name: "Deliver to" }).getByRole("radio", { name: "Registration key by email" }).check();
    await form.getByLabel("Purchaser's email").fill(admin.email);
    await form.getByLabel("Email language").selectOption({ label: "English" });
    await operatorPage.evaluate(() => window.scrollTo(0, 0));
    await operatorPage.screenshot({ path: join(screenshotDir, "operator-issue-subscription.png"), fullPage: true });
    await form.getByRole("button", { name: "Issue subscription" }).click();

    await expect(operatorPage.getByRole("heading", { name: `${subscriptionName} was issued.` })).toBeVisible();
    await expect(operatorPage.getByText(`A registration key was emailed to ${admin.email}.`)).toBeVisible();
    const primaryKey = operatorPage.locator(".full-key code");
    await expect(primaryKey).toHaveText(KEY_PATTERN);
    shownKey = (await primaryKey.textContent()) ?? "";
    await expect(operatorPage.getByText("This key is shown only once.")).toBeVisible();
    await operatorPage.evaluate(() => window.scrollTo(0, 0));
    await operatorPage.screenshot({ path: join(screenshotDir, "operator-subscription-issued.png"), fullPage: true });
  });

  const registrationKey = await registrationKeyFor(request, admin.email, product);
  expect(registrationKey).toBe(shownKey);

  await test.step("the Account Administrator registers the key on the business account's Dashboard", async () => {
    await page.goto(`/accounts/${accountId}`);
    await expect(heading(page, "Dashboard")).toBeVisible();
    await expect(accountSwitcher(page, company)).toBeVisible();
    await page.getByRole("button", { name: "Register a subscription" }).click();
    const dialog = page.getByRole("dialog", { name: "Register a subscription" });
    await expect(dialog).toBeVisible();

    // A typo is caught in the browser by the check character: no request is made.
    const registerRequests: Request[] = [];
    const onRequest = (r: Request) => {
      if (r.url().includes("/subscriptions/register")) registerRequests.push(r);
    };
    page.on("request", onRequest);
    const field = dialog.getByLabel("License key");
    await field.fill(withTypo(registrationKey));
    await dialog.getByRole("button", { name: "Register", exact: true }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/This key has a typo: its last character does not match the others/);
    await expect(field).toBeFocused();
    expect(registerRequests).toEqual([]);
    page.off("request", onRequest);

    // Lower case and spaces instead of dashes are fine.
    await field.fill(registrationKey.toLowerCase().replaceAll("-", " "));
    await dialog.getByRole("button", { name: "Register", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(heading(page, subscriptionName)).toBeVisible();
    await expect(
      page.getByRole("status").filter({ hasText: `${subscriptionName} was registered to this account.` }),
    ).toBeVisible();
  });

  await test.step("Subscription Details: the Primary Key holds all 50 licenses", async () => {
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(heading(page, "Dashboard")).toBeVisible();
    await subscriptionsTable(page).getByRole("link", { name: subscriptionName }).click();
    await expect(heading(page, subscriptionName)).toBeVisible();
    await expect(licenseFigure(page, "Total")).toHaveText("50");
    await expect(licenseFigure(page, "Reserved in additional keys")).toHaveText("0");
    await expect(licenseFigure(page, "Available in the main pool")).toHaveText("50");
    const primary = keysTable(page).getByRole("row").filter({ hasText: "Primary Key" });
    await expect(primary).toContainText("Primary");
    await expect(primary).toContainText(registrationKey.slice(-6));
    await expect(page.getByRole("region", { name: "Contract Details" })).toContainText("Konrad Zuse");
  });

  await test.step(`Create License Key "${keyName}" with 10 licenses, managed by the Regular Member`, async () => {
    await page.getByRole("button", { name: "Create License Key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create License Key" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "true");
    await dialog.getByLabel("Name", { exact: true }).fill(keyName);
    await dialog.getByLabel("Number of licenses").fill("10");
    await expect(dialog.getByLabel("Number of licenses")).toHaveAccessibleDescription(/50 available in the main pool/);

    await dialog.getByRole("tab", { name: "License Administrators" }).click();
    const admins = dialog.getByRole("tabpanel", { name: "License Administrators" });
    const choice = admins.getByRole("checkbox", { name: new RegExp(memberName) });
    await choice.check();
    await expect(choice).toBeChecked();
    await expect(admins.getByText("Selected: 1")).toBeVisible();
    await dialog.getByRole("button", { name: "Save", exact: true }).click();

    await expect(dialog.getByRole("heading", { name: `License key ${keyName} was created.` })).toBeVisible();
    await expect(dialog.locator(".full-key code")).toHaveText(KEY_PATTERN);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();

    await expect(licenseFigure(page, "Reserved in additional keys")).toHaveText("10");
    await expect(licenseFigure(page, "Available in the main pool")).toHaveText("40");
    await expect(page.getByText("40 licenses available in the main pool.")).toBeVisible();
    const row = keysTable(page).getByRole("row").filter({ hasText: keyName });
    await expect(row).toContainText("Additional");
    await expect(row.getByRole("cell").nth(1)).toHaveText("10");
    await expect(row.getByRole("listitem")).toHaveText(memberName);
    await expect(row.getByRole("button", { name: `Manage license key ${keyName}` })).toBeVisible();
    await expect(keysTable(page).getByRole("row")).toHaveCount(3);
    // The sticky top bar would otherwise show up mid-page in a full-page screenshot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "subscription-details-keys.png"), fullPage: true });
  });

  await test.step("Users → the member: Role shows License Administrator with the key ticked", async () => {
    await page.goto(`/accounts/${accountId}/users`);
    await expect(heading(page, "Business Account Users")).toBeVisible();
    const dialog = await openMember(page, memberName);
    await expect(dialog.getByRole("combobox", { name: "Role" }).locator("option:checked")).toHaveText("License Administrator");
    const keys = dialog.getByRole("group", { name: "License keys this person manages" });
    await expect(keys.getByRole("checkbox", { name: keyName })).toBeChecked();
    await expect(keys.getByRole("checkbox", { name: "Primary Key" })).not.toBeChecked();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  const memberProblems = watchConsole(memberPage);
  await test.step("the Regular Member signs in and sees the subscription with only their key", async () => {
    await signIn(memberPage, member.email, member.password);
    await expect(heading(memberPage, "Dashboard")).toBeVisible();
    await memberPage.goto(`/accounts/${accountId}`);
    await expect(heading(memberPage, "Dashboard")).toBeVisible();
    await expect(accountSwitcher(memberPage, company)).toBeVisible();
    await expect(memberPage.getByRole("button", { name: "Register a subscription" })).toHaveCount(0);
    const link = subscriptionsTable(memberPage).getByRole("link", { name: subscriptionName });
    await expect(link).toBeVisible();
    await link.click();

    await expect(heading(memberPage, subscriptionName)).toBeVisible();
    const rows = keysTable(memberPage).getByRole("row");
    await expect(rows).toHaveCount(2); // the header and the one key
    await expect(rows.filter({ hasText: keyName })).toBeVisible();
    await expect(rows.filter({ hasText: "Primary Key" })).toHaveCount(0);
    await expect(memberPage.getByText(registrationKey)).toHaveCount(0);
    await expect(memberPage.getByRole("button", { name: "Create License Key" })).toHaveCount(0);
    await expect(memberPage.getByRole("button", { name: "Edit name" })).toHaveCount(0);
    // The sticky top bar would otherwise show up mid-page in a full-page screenshot.
    await memberPage.evaluate(() => window.scrollTo(0, 0));
    await memberPage.screenshot({ path: join(screenshotDir, "subscription-details-license-administrator.png"), fullPage: true });
  });

  await test.step("the Users page is not available to the Regular Member", async () => {
    await memberPage.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Business Profile" }).click();
    await expect(heading(memberPage, "Business Profile")).toBeVisible();
    await expect(memberPage.getByRole("navigation", { name: "Business account administration" })).toHaveCount(0);
    await expect(memberPage.getByRole("link", { name: "Users" })).toHaveCount(0);
    await memberPage.goto(`/accounts/${accountId}/users`);
    await expect(memberPage.getByRole("alert")).toContainText("Only Account Administrators can see and manage the users");
    await expect(memberPage.getByRole("button", { name: "Invite Users" })).toHaveCount(0);
    await expect(memberPage.getByRole("table")).toHaveCount(0);
  });

  await operatorContext.close();
  await memberContext.close();
  expect(adminProblems).toEqual([]);
  expect(operatorProblems).toEqual([]);
  expect(memberProblems).toEqual([]);
});
