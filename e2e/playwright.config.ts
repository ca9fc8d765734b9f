import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const root = join(import.meta.dirname, "..");
const port = 3123;
const inboundSmtpPort = 3125;
const baseURL = `http://localhost:${port}`;

// A fresh database for every run. The runner picks the file and puts it in the
// environment, which its workers inherit, so specs can reach the same database
// (e.g. `license-portal operator create`, which no web form can do).
const tmpDir = join(root, ".tmp");
mkdirSync(tmpDir, { recursive: true });
process.env.E2E_DATABASE_FILE ??= join(tmpDir, `e2e-${Date.now()}-${process.pid}.sqlite`);
const databaseFile = process.env.E2E_DATABASE_FILE;
// Uploaded release files go next to the run's database, not into ./data.
process.env.E2E_STORAGE_DIR ??= join(tmpDir, `e2e-${Date.now()}-${process.pid}-files`);
const storageDir = process.env.E2E_STORAGE_DIR;

/** Expects dist/web to be built already (`npm run build:web`; scripts/test-all.mjs does it first). */
export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: join(tmpDir, "e2e-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL,
    locale: "en-US",
    // A missing element fails the step in seconds instead of at the 2-minute test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node --import tsx src/main.ts serve",
    cwd: root,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `sqlite:${databaseFile}`,
      PORT: String(port),
      PUBLIC_URL: baseURL,
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT: "off",
      OUTBOX_POLL_MS: "100",
      STORAGE_DIR: storageDir,
      // Support email in: e2e/support.spec.ts answers a ticket email over SMTP to this port.
      INBOUND_SMTP_PORT: String(inboundSmtpPort),
      INBOUND_SMTP_HOST: "127.0.0.1",
    },
  },
});
