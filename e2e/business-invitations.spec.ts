import { join } from "node:path";
import { expect, test } from "@playwright/test";
import {
  accountSwitcher,
  applyMembershipAction,
  escapeRegExp,
  inviteUsers,
  joinLinkIn,
  mailsTo,
  openMember,
  type Person,
  signUpBusinessCustomer,
  switcherItem,
  userRow,
  waitForMail,
} from "./account-helpers.ts";
import { createVerifiedUser, heading, screenshotDir, uniqueEmail, watchConsole } from "./helpers.ts";

/** Fresh people and company for each run of the test (repeat-each, retries). */
function newCast() {
  const company = {
    name: `Nordlicht Tools ${Date.now() % 1e6}`,
    country: "DE",
    postcode: "10115",
    phone: "+49 30 1234567",
  };
  const admin: Person = {
    firstName: "Margaret",
    lastName: "Hamilton",
    email: uniqueEmail("margaret"),
    password: "apollo guidance computer 1969",
  };
  // Has a personal account already (createVerifiedUser names everyone Grace Hopper); invited in German.
  const grace: Person = {
    firstName: "Grace",
    lastName: "Hopper",
    email: uniqueEmail("grace"),
    password: "cobol compiler since 1959",
  };
  // Has no account yet; invited in Japanese.
  const hanako: Person = {
    firstName: "Hanako",
    lastName: "Yamada",
    email: uniqueEmail("hanako"),
    password: "sakura blossoms in april",
  };
  return { company, admin, grace, hanako };
}

const note = "Runs the licence renewals for the Berlin office.";

test("an administrator invites two people in German and Japanese, they join, and the administrator manages them", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const { company, admin, grace, hanako } = newCast();
  const graceName = `${grace.firstName} ${grace.lastName}`;
  const hanakoName = `${hanako.firstName} ${hanako.lastName}`;
  const problems = watchConsole(page);
  await createVerifiedUser(request, baseURL ?? "", grace.email, grace.password);
  let accountId = "";

  await test.step("the administrator signs up as a business customer and opens the business account", async () => {
    await signUpBusinessCustomer(page, admin, company);
    const item = await switcherItem(page, `Personal account — ${admin.firstName} ${admin.lastName}`, company.name);
    await expect(item).toHaveAttribute("aria-checked", "false");
    await item.click();
    await expect(heading(page, "Dashboard")).toBeVisible();
    await expect(accountSwitcher(page, company.name)).toBeVisible();
    await expect(page.getByText("Account Administrator", { exact: true })).toBeVisible();
    accountId = new URL(page.url()).pathname.split("/")[2] ?? "";
    expect(accountId).not.toBe("");

    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Business Profile" }).click();
    await expect(heading(page, "Business Profile")).toBeVisible();
    await page.getByRole("navigation", { name: "Business account administration" }).getByRole("link", { name: "Users" }).click();
    await expect(heading(page, "Business Account Users")).toBeVisible();
    await expect(userRow(page, admin.email)).toContainText("Account Administrator");
  });

  await test.step("Invite Users: one address in Deutsch, one in 日本語", async () => {
    await inviteUsers(
      page,
      [
        { email: grace.email, language: "Deutsch" },
        { email: hanako.email, language: "日本語" },
      ],
      "invite-users-dialog.png",
    );
    for (const email of [grace.email, hanako.email]) {
      const row = userRow(page, email);
      await expect(row.getByRole("button", { name: `Invitation to ${email}` })).toBeVisible();
      await expect(row).toContainText("Invited");
    }
    await page.screenshot({ path: join(screenshotDir, "business-users-invited.png"), fullPage: true });
  });

  const graceInvitation = await waitForMail(request, grace.email, /hat Sie zu .* bei License Portal eingeladen/);
  const hanakoInvitation = await waitForMail(request, hanako.email, /への招待が届いています/);
  expect(graceInvitation.subject).toContain(company.name);
  expect(hanakoInvitation.subject).toContain(company.name);

  const graceContext = await browser.newContext();
  const gracePage = await graceContext.newPage();
  const graceProblems = watchConsole(gracePage);
  await test.step("the person with an account joins from the German email with their password", async () => {
    await gracePage.goto(joinLinkIn(graceInvitation));
    await expect(heading(gracePage, `${company.name} beitreten`)).toBeVisible();
    await expect(gracePage.locator("html")).toHaveAttribute("lang", "de");
    // The token leaves the address bar at once.
    await expect(gracePage).toHaveURL(/\/join$/);
    await expect(gracePage.getByText(`${admin.firstName} ${admin.lastName} hat Sie eingeladen`)).toBeVisible();
    await gracePage.screenshot({ path: join(screenshotDir, "join-existing-de.png"), fullPage: true });
    await gracePage.getByLabel("Aktuelles Passwort").fill(grace.password);
    await gracePage.getByRole("button", { name: "Konto beitreten" }).click();

    // Signed in, the portal speaks the person's own language again (English for this account).
    await expect(gracePage).toHaveURL(new RegExp(`/accounts/${accountId}$`));
    await expect(heading(gracePage, "Dashboard")).toBeVisible();
    await expect(gracePage.locator("html")).toHaveAttribute("lang", "en");
    await expect(gracePage.getByRole("status").filter({ hasText: `You have joined ${company.name}.` })).toBeVisible();
    const item = await switcherItem(gracePage, company.name, company.name);
    await expect(item).toHaveAttribute("aria-checked", "true");
    await expect(gracePage.getByRole("menuitemradio", { name: `Personal account — ${graceName}` })).toBeVisible();
    await gracePage.keyboard.press("Escape");
  });

  const hanakoContext = await browser.newContext();
  const hanakoPage = await hanakoContext.newPage();
  const hanakoProblems = watchConsole(hanakoPage);
  await test.step("the person without an account joins from the Japanese email with a name and a password", async () => {
    await hanakoPage.goto(joinLinkIn(hanakoInvitation));
    await expect(heading(hanakoPage, `「${company.name}」に参加`)).toBeVisible();
    await expect(hanakoPage.locator("html")).toHaveAttribute("lang", "ja");
    await expect(
      hanakoPage.getByText(`${admin.firstName} ${admin.lastName} さんから法人アカウント「${company.name}」への招待`),
    ).toBeVisible();
    await expect(hanakoPage.getByLabel("メールアドレス")).toHaveValue(hanako.email);
    await hanakoPage.screenshot({ path: join(screenshotDir, "join-new-ja.png"), fullPage: true });
    await hanakoPage.getByLabel("名", { exact: true }).fill(hanako.firstName);
    await hanakoPage.getByLabel("姓", { exact: true }).fill(hanako.lastName);
    await hanakoPage.getByLabel("パスワードを設定").fill(hanako.password);
    await hanakoPage.getByRole("button", { name: "アカウントに参加" }).click();

    await expect(hanakoPage).toHaveURL(new RegExp(`/accounts/${accountId}$`));
    await expect(heading(hanakoPage, "ダッシュボード")).toBeVisible();
    await expect(hanakoPage.getByRole("status").filter({ hasText: `「${company.name}」に参加しました。` })).toBeVisible();
    const item = await switcherItem(hanakoPage, company.name, company.name);
    await expect(item).toHaveAttribute("aria-checked", "true");
    await expect(hanakoPage.getByRole("menuitemradio", { name: `個人アカウント — ${hanakoName}` })).toBeVisible();
    await hanakoPage.keyboard.press("Escape");
  });

  await test.step("both are Active Regular Members in the Users list", async () => {
    await page.reload();
    await expect(heading(page, "Business Account Users")).toBeVisible();
    for (const email of [grace.email, hanako.email]) {
      await expect(userRow(page, email)).toContainText("Regular Member");
      await expect(userRow(page, email)).toContainText("Active");
    }
  });

  await test.step("promote one to Account Administrator with a note; the role history shows it", async () => {
    const dialog = await openMember(page, graceName);
    await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Account Administrator" });
    await dialog.getByLabel("Notes").fill(note);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: `${graceName} is now Account Administrator.` })).toBeVisible();
    await expect(userRow(page, grace.email)).toContainText("Account Administrator");

    const again = await openMember(page, graceName);
    await expect(again.getByRole("combobox", { name: "Role" })).toHaveValue("admin");
    const history = again.getByRole("region", { name: "Role history" }).getByRole("listitem").first();
    await expect(history).toContainText("Regular Member → Account Administrator");
    await expect(history).toContainText(note);
    await expect(history).toContainText(`By ${admin.firstName} ${admin.lastName}`);
    await again.getByRole("button", { name: "Cancel" }).click();
    await expect(again).toBeHidden();
  });

  await test.step("block the other: an open session loses access at once", async () => {
    await applyMembershipAction(page, hanakoName, "Block", `${hanakoName} is now blocked.`);
    await expect(userRow(page, hanako.email)).toContainText("Blocked");
    await hanakoPage.reload();
    await expect(heading(hanakoPage, "アクセスがブロックされています")).toBeVisible();
    await expect(hanakoPage.getByText("この法人アカウントへのアクセスは、管理者によってブロックされています。")).toBeVisible();
    // The switcher still lists the account, marked blocked, and it cannot be chosen.
    const item = await switcherItem(hanakoPage, company.name, company.name);
    await expect(item).toContainText("ブロック中");
    await expect(item).toHaveAttribute("aria-disabled", "true");
    await hanakoPage.keyboard.press("Escape");
  });

  await test.step("unblock them: they can open the account again", async () => {
    await applyMembershipAction(page, hanakoName, "Unblock", `${hanakoName} is unblocked.`);
    await expect(userRow(page, hanako.email)).toContainText("Active");
    await expect(userRow(page, hanako.email)).toContainText("Regular Member");
    await hanakoPage.goto(`/accounts/${accountId}`);
    await expect(heading(hanakoPage, "ダッシュボード")).toBeVisible();
    await expect(accountSwitcher(hanakoPage, company.name)).toBeVisible();
  });

  // Up to here nothing went wrong in the browser of the person being blocked and unblocked.
  expect(hanakoProblems).toEqual([]);
  await test.step("remove them: the account is not found for them any more", async () => {
    await applyMembershipAction(page, hanakoName, "Remove", `${hanakoName} was removed from the business account.`);
    await expect(userRow(page, hanako.email)).toHaveCount(0);
    await hanakoPage.goto(`/accounts/${accountId}`);
    await expect(heading(hanakoPage, "アカウントが見つかりません")).toBeVisible();
    const item = await switcherItem(hanakoPage, `個人アカウント — ${hanakoName}`, company.name);
    await expect(hanakoPage.getByRole("menuitemradio", { name: `個人アカウント — ${hanakoName}` })).toBeVisible();
    await expect(item).toHaveCount(0);
    await hanakoPage.keyboard.press("Escape");
  });

  await test.step("invite them again", async () => {
    await inviteUsers(page, [{ email: hanako.email, language: "日本語" }]);
    await expect(userRow(page, hanako.email)).toContainText("Invited");
    await waitForMail(request, hanako.email, /への招待が届いています/, 2);
  });

  await test.step("the blocked / restored / removed emails were sent in the person's language", async () => {
    const account = escapeRegExp(company.name);
    await waitForMail(request, hanako.email, new RegExp(`「${account}」へのアクセスが停止されました`));
    await waitForMail(request, hanako.email, new RegExp(`「${account}」へのアクセスが再開されました`));
    await waitForMail(request, hanako.email, new RegExp(`「${account}」のメンバーシップが解除されました`));
    // Promoting someone sends no email: the only mail about the account Grace got is the German invitation.
    const aboutAccount = (await mailsTo(request, grace.email)).filter((m) => m.subject.includes(company.name));
    expect(aboutAccount.map((m) => m.subject)).toEqual([graceInvitation.subject]);
  });

  await graceContext.close();
  await hanakoContext.close();
  expect(problems).toEqual([]);
  expect(graceProblems).toEqual([]);
  // Opening an account one no longer belongs to answers 404; the browser logs that response, nothing else.
  expect(hanakoProblems.filter((p) => !/status of 404/.test(p))).toEqual([]);
});
