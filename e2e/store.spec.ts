import { join } from "node:path";
import { expect, type Request, test } from "@playwright/test";
import { pdfText } from "../test/helpers/pdf-text.ts";
import type { Person } from "./account-helpers.ts";
import { createVerifiedUser, heading, screenshotDir, signIn, uniqueEmail, watchConsole } from "./helpers.ts";
import { createBusinessAccount, createOperator, licenseFigure, subscriptionsTable } from "./licensing-helpers.ts";
import {
  fillCard,
  invoiceNumberOnOrderPage,
  openPurchase,
  orderReference,
  orderSummary,
  paymentMethod,
  TEST_CARDS,
} from "./store-helpers.ts";

const product = "Remote Application Server";

test("an Account Administrator buys a subscription with a test card (after a declined one), buys more licenses, and downloads the invoice PDF", async ({
  page,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const admin: Person = {
    firstName: "Katherine",
    lastName: "Johnson",
    email: uniqueEmail("katherine"),
    password: "orbital mechanics by hand 1962",
  };
  const company = `Sternwarte Software ${Date.now() % 1e6}`;
  const problems = watchConsole(page);
  // Card numbers must go to the test gateway only, never to a store route.
  const storeBodies: string[] = [];
  page.on("request", (r: Request) => {
    if (r.url().includes("/store/") && !r.url().includes("/test-gateway/")) storeBodies.push(r.postData() ?? "");
  });
  let accountId = "";

  await test.step("set-up: a signed-in Account Administrator of a business account", async () => {
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, company);
  });

  await test.step("Purchase: the test-mode banner, the live quote, and a declined card keeps the form", async () => {
    await openPurchase(page, accountId);
    const banner = page.getByRole("region", { name: "Test mode" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("4242 4242 4242 4242");
    await expect(page.getByText(`The new subscription is added to ${company}.`)).toBeVisible();

    await page.getByLabel("Product").selectOption({ label: product });
    await page.getByLabel("Number of licenses").fill("5");
    await page.getByRole("group", { name: "Term" }).getByRole("radio", { name: "1 year" }).check();
    await page.getByRole("group", { name: "Support plan" }).getByRole("radio", { name: "Standard" }).check();
    await expect(page.getByRole("group", { name: "Term" }).getByRole("radio", { name: "1 month" })).toHaveAccessibleDescription(
      "Sold online only",
    );
    // 5 × $150.00 at the seeded price list; the server prices it, the page shows it.
    await expect(orderSummary(page)).toContainText("5 × $150.00");
    await expect(orderSummary(page)).toContainText("$750.00");
    await expect(orderSummary(page)).toContainText("Renews automatically on");
    await expect(page.getByLabel("Number of licenses")).toHaveAccessibleDescription(/From 100 licenses: \$135\.00 per license/);

    await expect(paymentMethod(page, "Card")).toBeChecked();
    await fillCard(page, TEST_CARDS.declined);
    await expect(page.getByRole("checkbox", { name: "Save this card for renewals" })).toBeChecked();
    const pay = page.getByRole("button", { name: /^Pay \$\d/ });
    await expect(pay).toHaveText("Pay $750.00");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "store-purchase.png"), fullPage: true });
    await pay.click();
    await expect(page.getByRole("alert").filter({ hasText: "The card was declined." })).toBeVisible();
    await expect(heading(page, "Purchase licenses")).toBeVisible();
    await expect(page.getByLabel("Number of licenses")).toHaveValue("5");
    await expect(page.getByLabel("Card number")).toHaveValue(TEST_CARDS.declined);
  });

  let purchaseReference = "";
  let invoiceNumber = "";
  let subscriptionName = "";
  await test.step("the success card pays: the confirmation shows the order, its subscription and its invoice", async () => {
    await page.getByLabel("Card number").fill(TEST_CARDS.succeeds);
    await page.getByRole("button", { name: "Pay $750.00" }).click();
    purchaseReference = await orderReference(page);
    await expect(page.getByRole("status").filter({ hasText: `Payment received for order ${purchaseReference}.` })).toBeVisible();
    await expect(page.getByText("Payment received. Thank you!")).toBeVisible();
    invoiceNumber = await invoiceNumberOnOrderPage(page);
    const items = page.getByRole("table", { name: "Items of this order" });
    await expect(items).toContainText("$750.00");
    const subscriptionLink = page.getByRole("region", { name: "Order details" }).getByRole("link").last();
    subscriptionName = ((await subscriptionLink.textContent()) ?? "").trim();
    expect(subscriptionName).not.toBe("");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "store-order-paid.png"), fullPage: true });
  });

  await test.step("the subscription is on the Dashboard and Subscription Details with 5 licenses", async () => {
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(heading(page, "Dashboard")).toBeVisible();
    const row = subscriptionsTable(page).getByRole("row").filter({ hasText: subscriptionName });
    await expect(row).toContainText("Active");
    await row.getByRole("link", { name: subscriptionName }).click();
    await expect(heading(page, subscriptionName)).toBeVisible();
    await expect(licenseFigure(page, "Total")).toHaveText("5");
    const orders = page.getByRole("region", { name: "Order history" });
    await expect(orders.getByRole("link", { name: purchaseReference })).toBeVisible();
  });

  await test.step("Buy More Licenses: new total 12 → prorated charge → Pay & Upgrade with a card that asks for an extra step", async () => {
    await page.getByRole("link", { name: "Buy more licenses" }).click();
    await expect(heading(page, "Buy More Licenses")).toBeVisible();
    // Coming from the subscription, step 1 is done already.
    await expect(page.getByRole("heading", { name: "Step 2 of 3: Enter the new total" })).toBeFocused();
    await expect(page.getByRole("navigation", { name: "Steps" }).locator('[aria-current="step"]')).toContainText(
      "Enter the new total",
    );
    await page.getByLabel("New total number of licenses").fill("12");
    await expect(orderSummary(page)).toContainText(/7 more licenses for the \d+ days left of this \d+-day period/);
    await expect(orderSummary(page)).toContainText("New renewal amount");
    await expect(orderSummary(page)).toContainText("$1,800.00");
    await page.getByRole("button", { name: "Next" }).click();

    await expect(page.getByRole("heading", { name: "Step 3 of 3: Pay & Upgrade" })).toBeFocused();
    await expect(page.getByText(`${subscriptionName}: from 5 to 12 licenses.`)).toBeVisible();
    // The card saved at purchase is offered first; this upgrade uses a new card with an extra step instead.
    await expect(paymentMethod(page, "Saved card")).toBeChecked();
    await expect(page.getByRole("group", { name: "Pay with" })).toContainText("ending in 4242");
    await paymentMethod(page, "Card").check();
    await fillCard(page, TEST_CARDS.authenticates);
    await page.getByRole("checkbox", { name: "Save this card for renewals" }).uncheck();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshotDir, "store-buy-more.png"), fullPage: true });
    await page.getByRole("button", { name: "Pay & Upgrade" }).click();

    await expect(heading(page, "Confirm the payment")).toBeVisible();
    await expect(page.getByText("Test payment provider")).toBeVisible();
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await orderReference(page);
    await expect(page.getByText("Payment received. The licenses were added.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Order details" })).toContainText("5 → 12");
    // Without a name of its own, the subscription is called after its licenses, so the name follows the new total.
    const upgraded = page.getByRole("region", { name: "Order details" }).getByRole("link").last();
    const upgradedName = ((await upgraded.textContent()) ?? "").trim();
    await upgraded.click();
    await expect(heading(page, upgradedName)).toBeVisible();
    await expect(licenseFigure(page, "Total")).toHaveText("12");
    await expect(licenseFigure(page, "Available in the main pool")).toHaveText("12");
  });

  await test.step("Order history: every order, and the first one's invoice PDF carries the number shown", async () => {
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Orders" }).click();
    await expect(heading(page, "Order history")).toBeVisible();
    const table = page.getByRole("table", { name: "Orders" });
    await expect(table.getByRole("row")).toHaveCount(4); // the header, the upgrade, the purchase and the declined attempt
    await expect(table.getByRole("row").filter({ hasText: "Failed" })).toHaveCount(1);
    const row = table.getByRole("row").filter({ hasText: purchaseReference });
    await expect(row).toContainText("Paid");
    const invoiceLink = row.getByRole("link", { name: new RegExp(invoiceNumber) });
    await expect(invoiceLink).toHaveAttribute("download", "");
    await page.screenshot({ path: join(screenshotDir, "store-order-history.png"), fullPage: true });

    // Chromium's downloads do not work here, so the PDF is fetched with the page's session.
    const href = (await invoiceLink.getAttribute("href")) ?? "";
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const bytes = await response.body();
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const text = pdfText(bytes);
    expect(text).toContain(invoiceNumber);
    expect(text).toContain(company);
    expect(text).toContain(purchaseReference);
  });

  await test.step("Payment Options: the card saved at purchase is replaced, then removed after a confirmation", async () => {
    await page.getByRole("link", { name: "Payment Options" }).click();
    await expect(heading(page, "Payment Options")).toBeVisible();
    const saved = page.getByRole("region", { name: "Saved card" });
    await expect(saved).toContainText("Visa ending in 4242, expires 12/2030");
    await page.getByRole("button", { name: "Replace card" }).click();
    await expect(page.getByRole("heading", { name: "New card" })).toBeFocused();
    await fillCard(page, TEST_CARDS.succeeds, "11/31", "456");
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved: Visa ending in 4242, expires 11/2031." })).toBeVisible();
    await expect(saved).toContainText("expires 11/2031");

    await page.getByRole("button", { name: "Remove card" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove the saved card?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Remove card" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "The card was removed." })).toBeVisible();
    await expect(saved).toContainText("No card is saved.");
  });

  for (const body of storeBodies) {
    for (const card of Object.values(TEST_CARDS)) expect(body).not.toContain(card.replaceAll(" ", ""));
  }
  expect(problems).toEqual([]);
});

test("bank transfer: nothing is provisioned until an operator confirms the payment in the console", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const operator: Person = {
    firstName: "Grace",
    lastName: "Murray",
    email: uniqueEmail("grace.operator"),
    password: "compiler pioneer cobol 1959",
  };
  const admin: Person = {
    firstName: "Radia",
    lastName: "Perlman",
    email: uniqueEmail("radia"),
    password: "spanning tree protocol 1985",
  };
  const company = `Brückenbau Netzwerke ${Date.now() % 1e6}`;
  const problems = watchConsole(page);
  let accountId = "";

  await test.step("set-up: an operator, and an Account Administrator of a business account", async () => {
    await createOperator(request, origin, operator);
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, company);
  });

  let reference = "";
  await test.step("the Account Administrator places a 1-month order paid by bank transfer", async () => {
    await openPurchase(page, accountId);
    await page.getByLabel("Number of licenses").fill("3");
    await page.getByRole("group", { name: "Term" }).getByRole("radio", { name: "1 month" }).check();
    await page.getByRole("group", { name: "Support plan" }).getByRole("radio", { name: "Premium" }).check();
    await expect(orderSummary(page)).toContainText("3 × $19.00");
    await paymentMethod(page, "Bank transfer").check();
    await expect(page.getByLabel("Card number")).toHaveCount(0);
    await page.getByRole("button", { name: "Place order" }).click();

    reference = await orderReference(page);
    await expect(page.getByText("Awaiting transfer", { exact: true })).toBeVisible();
    const transfer = page.getByRole("region", { name: "Pay by bank transfer" });
    await expect(transfer).toContainText(reference);
    await expect(transfer).toContainText("$57.00");
    await expect(transfer).toContainText("Demo Bank plc");
    await expect(page.getByRole("link", { name: /Download invoice/ })).toHaveCount(0);

    // Nothing is provisioned yet: the Dashboard has no subscription.
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(heading(page, "Dashboard")).toBeVisible();
    await expect(page.getByRole("link", { name: /Remote Application Server \(/ })).toHaveCount(0);
  });

  const operatorContext = await browser.newContext();
  const operatorPage = await operatorContext.newPage();
  const operatorProblems = watchConsole(operatorPage);
  await test.step("the operator's price list round-trips, and a price with too many decimals is refused next to its field", async () => {
    await signIn(operatorPage, operator.email, operator.password);
    await expect(heading(operatorPage, "Dashboard")).toBeVisible();
    await operatorPage.goto("/operator/store/prices");
    await expect(heading(operatorPage, "Price list")).toBeVisible();
    await expect(operatorPage.getByLabel("Currency", { exact: true })).toHaveValue("USD");
    const firstPrice = operatorPage.getByLabel("Price per license (USD)").first();
    const before = await firstPrice.inputValue();
    expect(before).toMatch(/^\d+\.\d{2}$/);
    await firstPrice.fill("15.005");
    await operatorPage.getByRole("button", { name: "Save price list" }).click();
    await expect(firstPrice).toHaveAttribute("aria-invalid", "true");
    await expect(firstPrice).toBeFocused();
    await expect(firstPrice).toHaveAccessibleDescription(/no more decimals than the currency has/);
    await firstPrice.fill(before);
    await operatorPage.getByRole("button", { name: "Save price list" }).click();
    await expect(operatorPage.getByRole("status").filter({ hasText: "The price list was saved." })).toBeVisible();
  });

  await test.step("the operator confirms the transfer: amount and bank reference", async () => {
    await operatorPage.getByRole("navigation", { name: "Operator console" }).getByRole("link", { name: "Orders" }).click();
    await expect(heading(operatorPage, "Orders")).toBeVisible();
    await expect(operatorPage.getByLabel("Status")).toHaveValue("awaiting_transfer");
    const row = operatorPage.getByRole("table", { name: "Store orders" }).getByRole("row").filter({ hasText: reference });
    await expect(row).toContainText(company);
    await expect(row).toContainText("$57.00");
    await row.getByRole("button", { name: `Confirm payment ${reference}` }).click();
    const dialog = operatorPage.getByRole("dialog", { name: "Confirm payment" });
    await expect(dialog.getByLabel("Amount received (USD)")).toHaveValue("57.00");
    await dialog.getByLabel("Bank reference").fill(`DEMO-${Date.now()}`);
    await dialog.getByRole("button", { name: "Confirm payment" }).click();
    await expect(dialog).toBeHidden();
    await expect(
      operatorPage.getByRole("status").filter({ hasText: `Payment for order ${reference} was confirmed` }),
    ).toBeVisible();
    await expect(operatorPage.getByRole("row").filter({ hasText: reference })).toHaveCount(0);
  });

  await test.step("the order is paid and its subscription is in the account", async () => {
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Orders" }).click();
    await expect(heading(page, "Order history")).toBeVisible();
    const row = page.getByRole("table", { name: "Orders" }).getByRole("row").filter({ hasText: reference });
    await expect(row).toContainText("Paid");
    await expect(row.getByRole("link", { name: /INV-\d{6}/ })).toBeVisible();
    await row.getByRole("link", { name: reference }).click();
    await expect(page.getByText("Payment received. Thank you!")).toBeVisible();
    const subscription = page.getByRole("region", { name: "Order details" }).getByRole("link").last();
    const name = ((await subscription.textContent()) ?? "").trim();
    await subscription.click();
    await expect(heading(page, name)).toBeVisible();
    await expect(licenseFigure(page, "Total")).toHaveText("3");
  });

  await operatorContext.close();
  expect(problems).toEqual([]);
  expect(operatorProblems).toEqual([]);
});
