import { expect, test } from "@playwright/test";
import { createVerifiedUser, heading, uniqueEmail, watchConsole } from "./helpers.ts";

const password = "keyboard only passphrase";

test("signing in and using the menus works with the keyboard alone", async ({ page, request, baseURL }) => {
  const problems = watchConsole(page);
  const email = uniqueEmail("grace");
  await createVerifiedUser(request, baseURL ?? "", email, password);

  await page.goto("/sign-in");
  // The page heading takes focus, so the first Tab lands on the first field.
  await expect(heading(page, "Sign in")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(heading(page, "Dashboard")).toBeFocused();

  // The person menu is the last control in the top bar, right before the heading.
  await page.keyboard.press("Shift+Tab");
  const personButton = page.getByRole("button", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) });
  await expect(personButton).toBeFocused();
  await expect(personButton).toHaveAttribute("aria-haspopup", "menu");
  await expect(personButton).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("Enter");
  await expect(personButton).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("menuitem", { name: "Personal Profile" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Security Settings" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(personButton).toBeFocused();

  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Logout" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Security Settings" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(heading(page, "Security Settings")).toBeFocused();

  // The account switcher is a menu button too.
  const switcher = page.getByRole("button", { name: /Personal account — Grace Hopper/ });
  await switcher.focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("menuitemradio", { name: "Personal account — Grace Hopper" })).toBeFocused();
  await expect(page.getByRole("menuitemradio", { name: "Personal account — Grace Hopper" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await page.keyboard.press("Escape");
  await expect(switcher).toBeFocused();

  expect(problems).toEqual([]);
});

test("every page has one h1, a language, and no CSP violations or script errors", async ({ page, request, baseURL }) => {
  const problems = watchConsole(page);
  const publicPages = [
    "/sign-in",
    "/sign-up",
    "/forgot-password",
    "/reset-password?token=x",
    "/email-verified",
    "/dev/mailbox",
    "/nope",
  ];
  for (const path of publicPages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "en");
  }

  const email = uniqueEmail("katherine");
  await createVerifiedUser(request, baseURL ?? "", email, password);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(heading(page, "Dashboard")).toBeVisible();
  for (const [path, title] of [
    ["/", "Dashboard"],
    ["/profile", "Personal Profile"],
    ["/security", "Security Settings"],
  ] as const) {
    await page.goto(path);
    await expect(heading(page, title), path).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
  }

  // Switching the language translates the page and sets <html lang>.
  await page.getByLabel("Language").selectOption("de");
  await expect(heading(page, "Sicherheitseinstellungen")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.reload();
  await expect(heading(page, "Sicherheitseinstellungen")).toBeVisible();
  await page.getByLabel("Sprache").selectOption("en");
  await expect(heading(page, "Security Settings")).toBeVisible();

  expect(problems).toEqual([]);
});
