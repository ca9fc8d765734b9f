import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";

export const screenshotDir = join(import.meta.dirname, "..", ".tmp", "screenshots");
mkdirSync(screenshotDir, { recursive: true });

export function uniqueEmail(tag: string): string {
  return `${tag}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

/** Fails the test on CSP violations and uncaught errors; returns the collected messages. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) problems.push(`CSP: ${text}`);
    else if (message.type() === "error" && !/status of 40[13]/.test(text)) problems.push(`console.error: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/** Opens the newest mail to `email` in /dev/mailbox and follows its link whose URL contains `path`. */
export async function followMailLink(page: Page, email: string, path: string) {
  await page.goto("/dev/mailbox");
  await expect(heading(page, "Development mailbox")).toBeVisible();
  const message = page.getByRole("button", { name: new RegExp(escapeRegExp(email)) }).first();
  await expect(message).toBeVisible();
  await message.click();
  const link = page.getByRole("link", { name: new RegExp(escapeRegExp(path)) }).first();
  await expect(link).toBeVisible();
  await link.click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await expect(heading(page, "Sign in")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function enterTotp(page: Page, secret: string) {
  await expect(heading(page, "Two-step verification")).toBeVisible();
  await page.getByLabel("6-digit code").fill(await totp(secret));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
}

const usedCodes = new Set<string>();
const PERIOD_MS = 30_000;

/**
 * A TOTP code the server has not accepted before: it refuses a code twice (RFC 6238
 * §5.2). Tries the current step, then the next one (the server accepts ±1 step),
 * and otherwise waits for a new step.
 */
export async function totp(secret: string): Promise<string> {
  const generator = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  for (;;) {
    const now = Date.now();
    // Close to the end of a step, the current code may expire in transit; prefer the next one.
    const offsets = now % PERIOD_MS > PERIOD_MS - 3_000 ? [1] : [0, 1];
    for (const offset of offsets) {
      const code = generator.generate({ timestamp: now + offset * PERIOD_MS });
      if (!usedCodes.has(`${secret}:${code}`)) {
        usedCodes.add(`${secret}:${code}`);
        return code;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, PERIOD_MS - (now % PERIOD_MS) + 100));
  }
}

export async function openPersonMenu(page: Page, email: string) {
  await page.getByRole("button", { name: new RegExp(escapeRegExp(email)) }).click();
  await expect(page.getByRole("menu")).toBeVisible();
}

export async function signOut(page: Page, email: string) {
  await openPersonMenu(page, email);
  await page.getByRole("menuitem", { name: "Logout" }).click();
  await expect(heading(page, "Sign in")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "You have been signed out." })).toBeVisible();
}

/** Creates a verified account through the API and the dev mailbox, without the browser. */
export async function createVerifiedUser(request: APIRequestContext, baseURL: string, email: string, password: string) {
  const headers = { origin: baseURL };
  const signUp = await request.post("/api/identity/sign-up", {
    headers,
    data: { firstName: "Grace", lastName: "Hopper", email, password, customerType: "personal", locale: "en" },
  });
  expect(signUp.status()).toBe(202);
  let link: string | undefined;
  await expect(async () => {
    const mailbox = (await (await request.get("/api/dev/mailbox")).json()) as { messages: Array<{ to: string; text: string }> };
    const mail = mailbox.messages.find((m) => m.to === email);
    link = mail?.text.match(/https?:\/\/\S+verify-email\S+/)?.[0];
    expect(link).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  const verify = await request.get(link ?? "", { maxRedirects: 0 });
  expect(verify.status()).toBe(302);
}
