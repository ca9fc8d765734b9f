import { expect, test } from "@playwright/test";
import { heading, watchConsole } from "./helpers.ts";

// The built web app's HTML is only served once `npm run build:web` has run, which is after the
// API suite in scripts/test-all.mjs; test/security/headers.test.ts covers every other response.
test("the built app's HTML and the API reference run under a CSP without unsafe-inline or unsafe-eval", async ({ page }) => {
  const problems = watchConsole(page);
  const document = await page.goto("/sign-in");
  const headers = document?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  await expect(heading(page, "Sign in")).toBeVisible();

  const docs = await page.goto("/api/docs");
  const docsCsp = docs?.headers()["content-security-policy"] ?? "";
  expect(docsCsp).toContain("frame-ancestors 'none'");
  expect(docsCsp).not.toMatch(/unsafe-inline|unsafe-eval/);
  await expect(page.getByText("License Portal API").first()).toBeVisible();
  expect(problems).toEqual([]);
});
