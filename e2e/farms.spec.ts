import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { escapeRegExp, type Person } from "./account-helpers.ts";
import { activateFarm, postAs } from "./farm-helpers.ts";
import { createVerifiedUser, heading, screenshotDir, signIn, uniqueEmail, watchConsole } from "./helpers.ts";
import { createBusinessAccount, createOperator, inviteAndJoin, licenseFigure } from "./licensing-helpers.ts";

/**
 * Manage Farms: farms activate and report through the farm API (as a server's console
 * would), then the Account Administrator works with them in the browser: filters, the
 * column gear, the key's usage chart, rename, Notes, Save the List to a CSV file and
 * Deactivate. A Regular Member who manages no key sees no farms.
 */

function newCast() {
  const stamp = Date.now() % 1e6;
  const operator: Person = {
    firstName: "Ada",
    lastName: "Lovelace",
    email: uniqueEmail("ada.farms"),
    password: "analytical engine notes 1843",
  };
  const admin: Person = {
    firstName: "Margaret",
    lastName: "Hamilton",
    email: uniqueEmail("margaret.farms"),
    password: "apollo guidance computer 1969",
  };
  const member: Person = {
    firstName: "Hanako",
    lastName: "Yamada",
    email: uniqueEmail("hanako.farms"),
    password: "sakura blossoms in april",
  };
  return { operator, admin, member, company: `Farmhouse Systems ${stamp}` };
}

function farmsTable(page: Page) {
  return page.getByRole("table", { name: "Farms", exact: true });
}

function farmRow(page: Page, name: string) {
  return farmsTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) }) });
}

test("Manage Farms: the administrator filters, charts, renames, annotates, exports and deactivates farms; a Regular Member without keys sees none", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const { operator, admin, member, company } = newCast();
  const problems = watchConsole(page);
  let accountId = "";
  let subscriptionId = "";
  let primaryKey = "";
  let extraKey = "";

  await test.step("set-up: a business account with a 10-license subscription and a 4-license additional key", async () => {
    await createOperator(request, origin, operator);
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, company);
    await inviteAndJoin(page, request, origin, accountId, member);

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, operator.email, operator.password);
    await expect(heading(operatorPage, "Dashboard")).toBeVisible();
    const catalogue = (await (await operatorPage.request.get("/api/operator/products")).json()) as {
      products: Array<{ id: string }>;
    };
    const issued = await postAs<{ id: string; primaryKey: string }>(operatorPage, origin, "/api/operator/subscriptions", {
      productId: catalogue.products[0]?.id,
      licenseType: "subscription",
      term: "1y",
      licenses: 10,
      supportPlan: "standard",
      salesChannel: "direct",
      accountId,
    });
    await operatorContext.close();
    subscriptionId = issued.id;
    primaryKey = issued.primaryKey;
    const key = await postAs<{ key: string }>(page, origin, `/api/accounts/${accountId}/subscriptions/${subscriptionId}/keys`, {
      name: "Berlin office",
      licenses: 4,
    });
    extraKey = key.key;
  });

  await test.step("farms activate in their consoles and report their users", async () => {
    await activateFarm(request, admin, primaryKey, { name: "Alpha farm", uid: "FARM-ALPHA", users: 3 });
    // A name that a spreadsheet would run as a formula.
    await activateFarm(request, admin, primaryKey, { name: "=Beta farm", uid: "FARM-BETA", users: 2 });
    await activateFarm(request, admin, extraKey, { name: "Gamma farm", uid: "FARM-GAMMA", users: 1 });
  });

  await test.step("Farms in the account's navigation opens Manage Farms with every farm", async () => {
    await page.goto(`/accounts/${accountId}`);
    await expect(heading(page, "Dashboard")).toBeVisible();
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Farms" }).click();
    await expect(heading(page, "Manage Farms")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Farms" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(farmsTable(page).getByRole("columnheader")).toHaveText([
      "",
      "Farm name",
      "Current Status",
      "Farm ID",
      "Server ID",
      "App Version",
      "Activation Date",
      "Last Report Date",
      "Peak Usage",
      "Activation Key",
      "Notes",
    ]);
    await expect(farmsTable(page).getByRole("row")).toHaveCount(4);
    const alpha = farmRow(page, "Alpha farm");
    await expect(alpha).toContainText("Active");
    await expect(alpha).toContainText("FARM-ALPHA");
    await expect(alpha).toContainText("Primary Key");
    await expect(alpha).toContainText(primaryKey.slice(-6));
    await expect(page.getByText("Showing: 3")).toBeVisible();
  });

  await test.step("the gear hides a column, and the choice survives a reload", async () => {
    const gear = page.getByRole("button", { name: "Show or hide columns" });
    await gear.click();
    await expect(gear).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("group", { name: "Columns" }).getByRole("checkbox", { name: "Server ID" }).uncheck();
    await page.keyboard.press("Escape");
    await expect(gear).toHaveAttribute("aria-expanded", "false");
    await expect(gear).toBeFocused();
    await expect(farmsTable(page).getByRole("columnheader", { name: "Server ID" })).toHaveCount(0);
    await page.reload();
    await expect(heading(page, "Manage Farms")).toBeVisible();
    await expect(farmsTable(page).getByRole("columnheader", { name: "Farm ID" })).toBeVisible();
    await expect(farmsTable(page).getByRole("columnheader", { name: "Server ID" })).toHaveCount(0);
  });

  await test.step("picking a key narrows the list and shows the key's usage chart", async () => {
    await page
      .getByLabel("Subscription or license key")
      .selectOption({ label: `Berlin office (Additional, …${extraKey.slice(-6)})` });
    await expect(farmsTable(page).getByRole("row")).toHaveCount(2);
    await expect(farmRow(page, "Gamma farm")).toBeVisible();
    await expect(page).toHaveURL(/keyId=/);
    await expect(page.getByRole("heading", { name: "Usage: Berlin office" })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Last 24 hours: / })).toBeVisible();
    await page.getByRole("button", { name: "30 days" }).click();
    await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("img", { name: /^Last 30 days: / })).toBeVisible();
    const toggle = page.getByRole("button", { name: "Show as table" });
    await toggle.click();
    await expect(page.getByRole("button", { name: "Hide table" })).toHaveAttribute("aria-expanded", "true");

    await page.getByLabel("Subscription or license key").selectOption({ label: "All license keys" });
    await expect(farmsTable(page).getByRole("row")).toHaveCount(4);
    await expect(page.getByRole("heading", { name: "Usage: Berlin office" })).toHaveCount(0);
    await page.getByLabel("Search").fill("gamma");
    await expect(farmsTable(page).getByRole("row")).toHaveCount(2);
    await page.getByLabel("Search").fill("");
    await expect(farmsTable(page).getByRole("row")).toHaveCount(4);
  });

  await test.step("the pencil renames a farm", async () => {
    await farmRow(page, "Alpha farm").getByRole("button", { name: "Rename Alpha farm" }).click();
    const dialog = page.getByRole("dialog", { name: "Rename farm" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Farm name").fill("Alpha farm (Berlin)");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "The farm is now called Alpha farm (Berlin)." })).toBeVisible();
    await expect(farmRow(page, "Alpha farm (Berlin)")).toBeVisible();
  });

  await test.step("the farm dialog: General with Notes and Save, Usage with the farm's chart", async () => {
    await farmsTable(page).getByRole("button", { name: "Gamma farm", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Farm: Gamma farm" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "true");
    await expect(dialog).toContainText("FARM-GAMMA-srv");
    await dialog.getByLabel("Notes").fill("Rack 4, spare PSU");
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dialog.getByRole("status").filter({ hasText: "The notes were saved." })).toBeVisible();
    await dialog.getByRole("tab", { name: "Usage" }).click();
    await expect(dialog.getByRole("heading", { name: "Daily peak users" })).toBeVisible();
    await expect(dialog.getByRole("img", { name: /^Last 30 days: / })).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).last().click();
    await expect(dialog).toBeHidden();
    await expect(farmRow(page, "Gamma farm")).toContainText("Rack 4, spare PSU");
  });

  await test.step("Actions → Save the List to a CSV file: the selected rows, formulas defused", async () => {
    const actions = page.getByRole("button", { name: "Actions" });
    await expect(actions).toBeDisabled();
    await farmRow(page, "Alpha farm (Berlin)").getByRole("checkbox").check();
    await farmRow(page, "=Beta farm").getByRole("checkbox").check();
    await expect(page.getByText("Selected: 2")).toBeVisible();
    await actions.click();
    await expect(actions).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Escape");
    await expect(actions).toBeFocused();
    await actions.click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Save the List to a CSV file" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^farms-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) ?? "", "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Farm name,Current Status,License state,Farm ID,/);
    expect(lines).toHaveLength(3);
    expect(csv).toContain("'=Beta farm");
    expect(csv).not.toContain("Gamma farm");
  });

  await test.step("Actions → Deactivate: a confirmation naming how many, then the rows change in place", async () => {
    await page.getByRole("button", { name: "Actions" }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate farms" });
    await expect(dialog).toContainText("Selected farms: 2");
    await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
    await expect(dialog).toContainText("Deactivated: 2.");
    await dialog.getByRole("button", { name: "Close" }).last().click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Deactivated: 2." })).toBeVisible();
    await expect(farmRow(page, "Alpha farm (Berlin)")).toContainText("Deactivated");
    await expect(farmRow(page, "=Beta farm")).toContainText("Deactivated");
    await expect(farmRow(page, "Gamma farm")).toContainText("Active");

    await page.getByRole("combobox", { name: "Farms", exact: true }).selectOption({ label: "Active" });
    await expect(farmsTable(page).getByRole("row")).toHaveCount(2);
    await expect(farmRow(page, "Gamma farm")).toBeVisible();
  });

  await test.step("Subscription Details: licenses in use now, and Manage Farms for that subscription", async () => {
    await page.goto(`/accounts/${accountId}/subscriptions/${subscriptionId}`);
    await expect(licenseFigure(page, "In use now")).toHaveText(/^\d+$/);
    await page.getByRole("region", { name: "Licenses", exact: true }).getByRole("link", { name: "Manage Farms" }).click();
    await expect(heading(page, "Manage Farms")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`subscriptionId=${subscriptionId}`));
    await expect(page.getByLabel("Subscription or license key")).toHaveValue(`s:${subscriptionId}`);
    await page.screenshot({ path: join(screenshotDir, "manage-farms.png"), fullPage: true });
  });

  await test.step("a Regular Member who manages no key sees no farms", async () => {
    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await signIn(memberPage, member.email, member.password);
    await expect(heading(memberPage, "Dashboard")).toBeVisible();
    await memberPage.goto(`/accounts/${accountId}/farms`);
    await expect(heading(memberPage, "Manage Farms")).toBeVisible();
    await expect(memberPage.getByRole("heading", { name: "No farms to show" })).toBeVisible();
    await memberContext.close();
  });

  expect(problems).toEqual([]);
});
