import { join } from "node:path";
import { expect, test } from "@playwright/test";
import {
  enterTotp,
  followMailLink,
  heading,
  openPersonMenu,
  screenshotDir,
  signIn,
  signOut,
  totp,
  uniqueEmail,
  watchConsole,
} from "./helpers.ts";

const password = "correct horse battery staple";
const newPassword = "a brand new passphrase for 2026";

test("a person signs up, verifies the email, turns on 2FA and resets the password", async ({ page }) => {
  const problems = watchConsole(page);
  const email = uniqueEmail("ada");

  await test.step("sign up", async () => {
    await page.goto("/sign-up");
    await expect(heading(page, "Create your account")).toBeVisible();
    await page.screenshot({ path: join(screenshotDir, "sign-up.png"), fullPage: true });
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Lovelace");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await expect(page.getByRole("radio", { name: "Personal use" })).toBeChecked();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(heading(page, "Check your inbox")).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
  });

  await test.step("signing in before verifying sends a new link", async () => {
    await signIn(page, email, password);
    await expect(page.getByRole("alert")).toContainText("Please verify your email address");
  });

  await test.step("verify the email from the mailbox", async () => {
    await followMailLink(page, email, "/api/auth/verify-email");
    await expect(page).toHaveURL(/\/email-verified$/);
    await expect(heading(page, "Your email is verified")).toBeVisible();
    await page.getByRole("link", { name: "Go to the Dashboard" }).click();
    await expect(heading(page, "Dashboard")).toBeVisible();
    await expect(page.getByRole("button", { name: /Personal account — Ada Lovelace/ })).toBeVisible();
  });

  await test.step("sign out and sign in again", async () => {
    await signOut(page, email);
    await signIn(page, email, password);
    await expect(heading(page, "Dashboard")).toBeVisible();
  });

  let secret = "";
  await test.step("turn on two-step verification", async () => {
    await openPersonMenu(page, email);
    await page.getByRole("menuitem", { name: "Security Settings" }).click();
    await expect(heading(page, "Security Settings")).toBeVisible();
    await expect(page.getByText("This device")).toBeVisible();

    await page.getByRole("button", { name: "Turn on two-step verification" }).click();
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Set up your authenticator app" })).toBeVisible();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    secret = (await page.getByLabel("Setup key").inputValue()).replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel("6-digit code").fill(await totp(secret));
    await page.getByRole("button", { name: "Verify and turn on" }).click();

    await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await page.getByRole("button", { name: "I saved them" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Two-step verification is on." })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "security-settings.png"), fullPage: true });
  });

  await test.step("sign in with a TOTP code", async () => {
    await signOut(page, email);
    await signIn(page, email, password);
    await enterTotp(page, secret);
    await expect(heading(page, "Dashboard")).toBeVisible();
    await signOut(page, email);
  });

  await test.step("reset the forgotten password", async () => {
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(heading(page, "Reset your password")).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(heading(page, "Check your inbox")).toBeVisible();

    await followMailLink(page, email, "/api/auth/reset-password/");
    await expect(page).toHaveURL(/\/reset-password\?token=/);
    await expect(heading(page, "Choose a new password")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(heading(page, "Your password is changed")).toBeVisible();
  });

  await test.step("the old password no longer works, the new one does (with TOTP)", async () => {
    await signIn(page, email, password);
    await expect(page.getByRole("alert")).toContainText("The email or password is not correct.");
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await enterTotp(page, secret);
    await expect(heading(page, "Dashboard")).toBeVisible();
  });

  await test.step("new recovery codes, sign in with one, then turn 2FA off", async () => {
    await page.goto("/security");
    await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    const recoveryCode = ((await codes.first().textContent()) ?? "").trim();
    await page.getByRole("button", { name: "I saved them" }).click();

    await signOut(page, email);
    await signIn(page, email, newPassword);
    await expect(heading(page, "Two-step verification")).toBeVisible();
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await expect(heading(page, "Use a recovery code")).toBeFocused();
    await page.getByLabel("Recovery code").fill(recoveryCode);
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await expect(heading(page, "Dashboard")).toBeVisible();

    await page.goto("/security");
    await page.getByRole("button", { name: "Turn off" }).click();
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Two-step verification is off." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn on two-step verification" })).toBeVisible();
  });

  expect(problems).toEqual([]);
});
