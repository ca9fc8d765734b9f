import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Person } from "./account-helpers.ts";
import { createVerifiedUser, heading, screenshotDir, signIn, uniqueEmail, watchConsole } from "./helpers.ts";
import { createBusinessAccount, createOperator } from "./licensing-helpers.ts";

const product = "Remote Application Server";

test("an operator publishes a release; a member of an account with an active subscription sees its SHA-256 and resumes its download; Documentation has the Microsoft guide", async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? "";
  const op: Person = {
    firstName: "Grace",
    lastName: "Hopper",
    email: uniqueEmail("op-downloads"),
    password: "compilers for everyone 1952",
  };
  const admin: Person = {
    firstName: "Annie",
    lastName: "Easley",
    email: uniqueEmail("annie"),
    password: "centaur rocket stages 1955",
  };
  const version = `19.${Date.now() % 1000}.1`;
  const data = randomBytes(64 * 1024 + 123);
  const sha256 = createHash("sha256").update(data).digest("hex");
  const grouped = sha256.match(/.{8}/g)?.join(" ") ?? sha256;
  const release = `${product} ${version} (Windows x64)`;
  const problems = watchConsole(page);
  let accountId = "";

  await test.step("set-up: a business account with an active subscription, and an operator", async () => {
    await createVerifiedUser(request, origin, admin.email, admin.password);
    await signIn(page, admin.email, admin.password);
    await expect(heading(page, "Dashboard")).toBeVisible();
    accountId = await createBusinessAccount(page, origin, `Downloads Co ${Date.now() % 1e6}`);
    await createOperator(request, origin, op);
  });

  const opContext = await browser.newContext();
  const opPage = await opContext.newPage();
  const opProblems = watchConsole(opPage);

  await test.step("the operator issues the subscription, then creates and uploads a release with a progress bar", async () => {
    await signIn(opPage, op.email, op.password);
    // Signed in only once the app has left the sign-in page (its own h1 would match at once).
    await expect(opPage).not.toHaveURL(/\/sign-in/);
    await expect(heading(opPage, "Sign in")).toBeHidden();
    const issued = await opPage.request.post("/api/operator/subscriptions", {
      headers: { origin },
      data: {
        productId: "ras",
        licenseType: "subscription",
        term: "1y",
        licenses: 10,
        supportPlan: "standard",
        salesChannel: "direct",
        accountId,
      },
    });
    expect(issued.status(), await issued.text()).toBe(201);

    await opPage.goto("/operator");
    await opPage.getByRole("navigation", { name: "Operator console" }).getByRole("link", { name: "Releases" }).click();
    await expect(heading(opPage, "Releases")).toBeVisible();
    const form = opPage.getByRole("region", { name: "New release" });
    await form.getByLabel("Product").selectOption({ label: product });
    await form.getByLabel("Version", { exact: true }).fill(version);
    await form.getByLabel("Platform").fill("Windows x64");
    await form
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "RASInstaller.msi", mimeType: "application/x-msi", buffer: data });
    await expect(form.getByLabel("Download file name")).toHaveValue("RASInstaller.msi");
    await form.getByLabel("Expected SHA-256 (optional)").fill(sha256.toUpperCase());
    await form.getByLabel("Release notes").fill("Faster sign-in.\nFixes printing.");
    await form.getByRole("button", { name: "Create and upload" }).click();
    await expect(
      opPage.getByRole("status").filter({ hasText: `Uploaded the file of ${release}. SHA-256: ${sha256}` }),
    ).toBeVisible();

    const row = opPage
      .getByRole("row")
      .filter({ has: opPage.getByRole("rowheader", { name: new RegExp(version.replaceAll(".", "\\.")) }) });
    await expect(row).toContainText("Draft");
    await expect(row).toContainText(grouped);
    await row.getByRole("button", { name: `Publish ${release}` }).click();
    await expect(opPage.getByRole("status").filter({ hasText: `${release} is published` })).toBeVisible();
    await expect(row).toContainText("Published");
    await opPage.screenshot({ path: join(screenshotDir, "downloads-operator.png"), fullPage: true });
  });

  await test.step("the member sees the release with its SHA-256 and downloads it in two ranges", async () => {
    await page.goto(`/accounts/${accountId}`);
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Downloads" }).click();
    await expect(heading(page, "Downloads")).toBeVisible();
    const table = page.getByRole("table", { name: `${product} releases` });
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: version, exact: true }) });
    await expect(row).toContainText("Windows x64");
    await expect(row).toContainText(grouped);
    await expect(row.getByRole("button", { name: "Copy the SHA-256 of RASInstaller.msi" })).toBeVisible();
    await row.getByText("Show notes").click();
    await expect(row).toContainText("Fixes printing.");
    await page.screenshot({ path: join(screenshotDir, "downloads.png"), fullPage: true });

    const link = row.getByRole("link", { name: "Download RASInstaller.msi" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(new RegExp(`^/api/accounts/${accountId}/downloads/[\\w-]+/file$`));
    const head = await page.request.head(href);
    expect(head.status()).toBe(200);
    expect(head.headers()["content-length"]).toBe(String(data.length));
    expect(head.headers().etag).toBe(`"${sha256}"`);
    const first = await page.request.get(href, { headers: { range: "bytes=0-9999" } });
    expect(first.status()).toBe(206);
    expect(first.headers()["content-range"]).toBe(`bytes 0-9999/${data.length}`);
    const rest = await page.request.get(href, { headers: { range: "bytes=10000-", "if-range": `"${sha256}"` } });
    expect(rest.status()).toBe(206);
    const joined = Buffer.concat([await first.body(), await rest.body()]);
    expect(joined.equals(data)).toBe(true);
    expect(createHash("sha256").update(joined).digest("hex")).toBe(sha256);
  });

  await test.step("Documentation lists the product documents and the Microsoft licensing guide", async () => {
    await page.getByRole("navigation", { name: "Account pages" }).getByRole("link", { name: "Documentation" }).click();
    await expect(heading(page, "Documentation")).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Administrator's Guide" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Microsoft licensing requirements" })).toBeVisible();
    for (const name of [
      "Windows Server CALs",
      "RDS CALs: per user or per device",
      "External Connector",
      "SPLA SAL for service providers",
    ]) {
      await expect(page.getByRole("heading", { level: 3, name, exact: true })).toBeVisible();
    }
    const toc = page.getByRole("navigation", { name: "On this page" });
    await toc.getByRole("link", { name: "External Connector" }).click();
    await expect(page).toHaveURL(/#ms-external-connector$/);
    await page.screenshot({ path: join(screenshotDir, "documentation.png"), fullPage: true });
  });

  await opContext.close();
  expect(problems).toEqual([]);
  expect(opProblems).toEqual([]);
});
