import { expect, test } from "@playwright/test";
import { createVerifiedUser, heading, signIn, uniqueEmail, watchConsole } from "./helpers.ts";

const password = "sessions passphrase 1";
const newPassword = "sessions passphrase 2";

test("sessions can be listed and signed out; a password change can sign out the others", async ({
  browser,
  request,
  baseURL,
}) => {
  const email = uniqueEmail("hedy");
  await createVerifiedUser(request, baseURL ?? "", email, password);

  const laptop = await browser.newPage();
  const phone = await browser.newPage();
  const problems = [...watchConsole(laptop)];
  await signIn(phone, email, password);
  await expect(heading(phone, "Dashboard")).toBeVisible();
  await signIn(laptop, email, password);
  await expect(heading(laptop, "Dashboard")).toBeVisible();

  // Three sessions: the laptop, the phone, and the API client that opened the verification link.
  await laptop.goto("/security");
  const sessions = laptop.getByRole("region", { name: "Active sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(3);
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);

  await laptop.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(laptop.getByRole("status").filter({ hasText: "All your other sessions are signed out." })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await phone.goto("/security");
  await expect(phone).toHaveURL(/\/sign-in\?next=%2Fsecurity$/);

  // The phone signs in again; the laptop signs out just that one session.
  const signInPhone = async () => {
    await phone.getByLabel("Email").fill(email);
    await phone.getByLabel("Password", { exact: true }).fill(password);
    await phone.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(heading(phone, "Security Settings")).toBeVisible();
  };
  await signInPhone();
  await laptop.reload();
  await expect(sessions).toHaveCount(2);
  await sessions
    .filter({ hasNotText: "This device" })
    .getByRole("button", { name: /^Sign out / })
    .click();
  await expect(laptop.getByRole("status").filter({ hasText: "That session is signed out." })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in\?next=%2Fsecurity$/);

  // Once more: a password change with "sign out my other sessions" ends the phone's session.
  await signInPhone();
  await laptop.reload();
  await expect(sessions).toHaveCount(2);

  await laptop.getByLabel("Current password").fill("not my password!");
  await laptop.getByLabel("New password", { exact: true }).fill(newPassword);
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(laptop.getByText("The password is not correct.")).toBeVisible();

  await laptop.getByLabel("Current password").fill(password);
  await expect(laptop.getByRole("checkbox", { name: "Sign out my other sessions" })).toBeChecked();
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByRole("status").filter({ hasText: "Your password is changed" })).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await phone.reload();
  await expect(heading(phone, "Sign in")).toBeVisible();

  await laptop.close();
  await phone.close();
  expect(problems).toEqual([]);
});
