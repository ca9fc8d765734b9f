import { expect, type Locator, type Page } from "@playwright/test";
import { heading } from "./helpers.ts";

/** The test gateway's cards (any future expiry, any CVC). */
export const TEST_CARDS = {
  succeeds: "4242 4242 4242 4242",
  declined: "4000 0000 0000 0002",
  authenticates: "4000 0027 6000 3184",
} as const;

/** "Pay with": the method radios of the shared payment section. */
export function paymentMethod(page: Page, name: "Card" | "Saved card" | "Bank transfer"): Locator {
  return page.getByRole("group", { name: "Pay with" }).getByRole("radio", { name, exact: true });
}

/** Fills the card form (the test gateway turns it into a token; no store route sees the number). */
export async function fillCard(page: Page, number: string, expiry = "12/30", cvc = "123") {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry date").fill(expiry);
  await page.getByLabel("Security code (CVC)").fill(cvc);
}

/** The live Order summary; its total appears once the server has priced the selection. */
export function orderSummary(page: Page): Locator {
  return page.getByRole("region", { name: "Order summary" });
}

/** The order page's heading ("Order LP-XXXXXXXX"); returns the reference. */
export async function orderReference(page: Page): Promise<string> {
  const title = page.getByRole("heading", { level: 1, name: /^Order LP-/ });
  await expect(title).toBeVisible();
  const reference = ((await title.textContent()) ?? "").replace(/^Order /, "").trim();
  expect(reference).toMatch(/^LP-\w+$/);
  return reference;
}

/** The invoice number shown on the order page's "Download invoice INV-… (PDF)" link. */
export async function invoiceNumberOnOrderPage(page: Page): Promise<string> {
  const link = page.getByRole("link", { name: /^Download invoice INV-\d+ \(PDF\)$/ });
  await expect(link).toBeVisible();
  const number = ((await link.textContent()) ?? "").match(/INV-\d+/)?.[0] ?? "";
  expect(number).toMatch(/^INV-\d{6}$/);
  return number;
}

export async function openPurchase(page: Page, accountId: string) {
  await page.goto(`/accounts/${accountId}`);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Purchase" }).click();
  await expect(heading(page, "Purchase licenses")).toBeVisible();
}
