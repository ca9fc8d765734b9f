import { join } from "node:path";
import { expect, test } from "@playwright/test";
import nodemailer from "nodemailer";
import { escapeRegExp, type Mail, waitForMail } from "./account-helpers.ts";
import { activateFarm, postAs } from "./farm-helpers.ts";
import { createVerifiedUser, heading, screenshotDir, signIn, uniqueEmail, watchConsole } from "./helpers.ts";
import { createBusinessAccount, createOperator } from "./licensing-helpers.ts";

/**
 * Support, across the portal, the operator console and email: a member opens a ticket
 * about a farm and adds a watcher by email; an operator replies; the watcher receives the
 * email and answers it over SMTP (to the portal's inbound listener, the reply address the
 * email gave); the answer, without its quoted history, appears in the ticket's thread.
 */

/** The inbound SMTP port playwright.config.ts gives the server. */
const INBOUND_SMTP_PORT = 3125;

type MailWithReplyTo = Mail & { replyTo?: string };

test("a member opens a ticket about a farm and adds a watcher; an operator replies; the watcher answers by email into the thread", async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const stamp = Date.now() % 1e6;
  const admin = {
    firstName: "Katherine",
    lastName: "Johnson",
    email: uniqueEmail("katherine"),
    password: "orbital mechanics 1962",
  };
  const op = {
    firstName: "Dorothy",
    lastName: "Vaughan",
    email: uniqueEmail("dorothy-op"),
    password: "fortran for the team 1961",
  };
  const watcher = uniqueEmail("mary.partner");
  const subject = `Farm ${stamp} drops sessions after the update`;
  const operatorReply = "Please install 19.4.2; it fixes the session broker. Tell us if it helps.";
  const watcherAnswer = `Installed 19.4.2 on farm ${stamp}: sessions stay up now. Thank you!`;
  const problems = watchConsole(page);
  let accountId = "";
  let reference = "";

  const opContext = await browser.newContext();
  const opPage = await opContext.newPage();
  const opProblems = watchConsole(opPage);

  await test.step("set-up: a business account with a subscription and an activated farm, and an operator", async () => {
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, `Support Co ${stamp}`);
    await createOperator(request, origin, op);
    await signIn(opPage, op.email, op.password);
    await expect(opPage).not.toHaveURL(/\/sign-in/);
    const issued = await postAs<{ primaryKey: string }>(opPage, origin, "/api/operator/subscriptions", {
      productId: "ras",
      licenseType: "subscription",
      term: "1y",
      licenses: 10,
      supportPlan: "standard",
      salesChannel: "direct",
      accountId,
    });
    await activateFarm(request, admin, issued.primaryKey, { name: `Berlin farm ${stamp}`, uid: `FARM-${stamp}`, users: 4 });
  });

  await test.step("the member opens a technical ticket about the farm", async () => {
    await page.goto(`/accounts/${accountId}`);
    await page.getByRole("link", { name: "Support", exact: true }).first().click();
    await expect(heading(page, "Support")).toBeVisible();
    await page.getByRole("link", { name: "Open a ticket" }).first().click();
    await expect(heading(page, "Open a ticket")).toBeVisible();
    await page.getByLabel("Product").selectOption({ label: "Remote Application Server" });
    await page
      .getByRole("group", { name: "Category" })
      .getByLabel(/Technical problem/)
      .check();
    await page.getByRole("group", { name: "Severity" }).getByLabel(/^High/).check();
    const key = page.getByLabel("License key");
    await key.selectOption({ index: 1 });
    await expect(page.getByText(/This ticket uses 1 incident/)).toBeVisible();
    await page.getByLabel("Farm").selectOption({ label: `Berlin farm ${stamp} (version 19.4.1)` });
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Description").fill("Since 19.4.1 users lose their sessions every hour.\nThe broker log is attached.");
    // The "Choose files" button opens this input; Playwright hands it the file directly.
    await page
      .getByRole("group", { name: "Attachments" })
      .locator('input[type="file"]')
      .setInputFiles({
        name: "broker.log",
        mimeType: "text/plain",
        buffer: Buffer.from("2026-11-26 10:00:01 broker: session table reset\n"),
      });
    await expect(page.getByText("broker.log is attached.")).toBeVisible();
    await page.getByRole("button", { name: "Open ticket" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`SR-\\w+ ${escapeRegExp(subject)}`) })).toBeVisible();
    const opened = await page.getByText(/Ticket SR-\w+ is open/).textContent();
    reference = /SR-\w+/.exec(opened ?? "")?.[0] ?? "";
    expect(reference).toMatch(/^SR-/);
    // The side panel knows the farm the ticket is about.
    await expect(page.getByText(`Berlin farm ${stamp}`).first()).toBeVisible();
    await expect(page.getByRole("link", { name: /broker\.log/ })).toBeVisible();
  });

  await test.step("the member adds a watcher by email", async () => {
    const panel = page.getByRole("region", { name: "Watchers" });
    await panel.getByLabel("Email address").fill(watcher);
    await panel.getByRole("button", { name: "Add watcher" }).click();
    await expect(page.getByText(`${watcher} now watches this ticket.`)).toBeVisible();
    await expect(panel.getByRole("listitem").filter({ hasText: watcher })).toBeVisible();
    await waitForMail(request, watcher, new RegExp(reference));
  });

  await test.step("an operator finds the ticket in the queue and replies in public", async () => {
    await opPage.goto("/operator/support");
    await expect(heading(opPage, "Support queue")).toBeVisible();
    await opPage.getByRole("link", { name: subject }).click();
    await expect(opPage.getByRole("heading", { level: 1, name: new RegExp(escapeRegExp(subject)) })).toBeVisible();
    await opPage
      .getByRole("group", { name: "Send as" })
      .getByLabel(/^Public reply/)
      .check();
    await opPage.getByLabel("Your reply").fill(operatorReply);
    await opPage.getByRole("button", { name: "Send public reply" }).click();
    await expect(opPage.getByText("Your reply was sent.")).toBeVisible();
    await opPage.screenshot({ path: join(screenshotDir, "support-operator-ticket.png"), fullPage: true });
  });

  let replyMail: MailWithReplyTo | undefined;
  await test.step("the watcher receives the reply by email, with the ticket's reply address", async () => {
    replyMail = (await waitForMail(request, watcher, /New reply/)) as MailWithReplyTo;
    expect(replyMail.text).toContain(operatorReply);
    expect(replyMail.replyTo).toMatch(/^ticket\+[0-9a-f-]+\.[0-9a-f]+@/);
  });

  await test.step("the watcher answers by email; the answer appears in the thread without the quoted history", async () => {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: INBOUND_SMTP_PORT, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: watcher,
      to: replyMail?.replyTo ?? "",
      subject: `Re: ${replyMail?.subject ?? ""}`,
      text: `${watcherAnswer}\n\nOn Thu, 26 Nov 2026 at 10:00, License Portal <no-reply@license-portal.local> wrote:\n> ${operatorReply}\n`,
    });
    transport.close();

    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("list", { name: "Messages" })).toContainText(watcherAnswer, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const thread = page.getByRole("list", { name: "Messages" });
    await expect(thread).toContainText(operatorReply);
    await expect(thread).toContainText("by email");
    // The quoted history was trimmed: the operator's words are in the thread once, as theirs.
    expect((await thread.textContent())?.split(operatorReply).length).toBe(2);
    await page.screenshot({ path: join(screenshotDir, "support-ticket-thread.png"), fullPage: true });
  });

  await test.step("the watcher's link opens the ticket's public side without signing in", async () => {
    const link = /https?:\/\/\S+\/support\/watch\/[\w.-]+/.exec(replyMail?.text ?? "")?.[0];
    expect(link, "watch link in the reply email").toBeTruthy();
    const outside = await browser.newContext();
    const outsidePage = await outside.newPage();
    await outsidePage.goto(link ?? "");
    await expect(outsidePage.getByText(subject)).toBeVisible();
    await expect(outsidePage.getByText(watcherAnswer)).toBeVisible();
    await outside.close();
  });

  expect(problems, "browser console errors").toEqual([]);
  expect(opProblems, "operator console errors").toEqual([]);
  await opContext.close();
});
