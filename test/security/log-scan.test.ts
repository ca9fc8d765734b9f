import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatKey } from "../../contracts/license-key-format.ts";
import { loadConfig } from "../../src/config.ts";
import { createDatabase, type Database } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import { type App, buildApp } from "../../src/server/app.ts";
import { GOOD_PASSWORD, JSON_HEADERS, signUpVerified } from "../helpers/identity-fixtures.ts";
import { TEST_ORIGIN } from "../helpers/test-app.ts";
import { createThrowawayDatabase, TEST_ENGINE, type ThrowawayDatabase } from "../helpers/test-database.ts";
import { scanText } from "./log-scan.ts";

const LICENSE_KEY = formatKey(Array.from({ length: 29 }, (_, i) => (i * 7 + 3) % 29));
const SESSION = `${"a1B2c3D4".repeat(4)}.${"Zx9_".repeat(10)}abc%3D`;
const FARM = `lpf_${"q".repeat(43)}`;
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAZXhhbXBsZS5jb20ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

describe("the log scanner", () => {
  it("finds each kind of secret, and shows where without repeating it", () => {
    const planted = [
      `{"msg":"key ${LICENSE_KEY}"}`,
      `{"msg":"compact ${LICENSE_KEY.replace(/-/g, "")}"}`,
      `{"req":{"headers":{"authorization":"Bearer ${FARM}"}}}`,
      `{"msg":"cookie better-auth.session_token=${SESSION}"}`,
      `{"msg":"signed ${SESSION}"}`,
      `{"url":"/api/auth/verify-email?token=${JWT}"}`,
      `{"url":"/api/auth/reset-password/abcdefgh12345678"}`,
      `{"url":"/api/support/watch/3f6c2a1e-0000-4000-8000-000000000000.sig123456/messages"}`,
      `{"link":"${TEST_ORIGIN}/join#k3J9x8Yq2mN5pL7vR4tW1zA6bC0dE8fG"}`,
      `{"uri":"otpauth://totp/License%20Portal:a@example.com?secret=JBSWY3DPEHPK3PXP"}`,
      `{"body":{"password":"${GOOD_PASSWORD}"}}`,
      `{"secret":"JBSWY3DPEHPK3PXP"}`,
    ];
    const findings = scanText(planted.join("\n"), "planted.log");
    expect(new Set(findings.map((f) => f.line))).toEqual(new Set(planted.map((_, i) => i + 1)));
    for (const finding of findings) {
      expect(finding.excerpt).not.toContain(GOOD_PASSWORD);
      expect(finding.excerpt).not.toContain(LICENSE_KEY);
      expect(finding.excerpt).not.toContain(FARM);
    }
  });

  it("finds the exact secrets the apps handed out, whatever their shape", () => {
    const rawSessionToken = "Qw3rTy7uIoP0aSdFgHjKlZxCvBnM1234";
    const handedOut = new Set([rawSessionToken]);
    const findings = scanText(`{"msg":"duplicate key (token)=(${rawSessionToken})"}\n{"msg":"other"}`, "x.log", handedOut);
    expect(findings.map((f) => [f.line, f.kind])).toEqual([[1, "secret the app handed out"]]);
    expect(scanText(`{"msg":"${rawSessionToken}"}`, "x.log")).toEqual([]);
  });

  it("passes redacted values, route patterns, ids and capital words that are not keys", () => {
    const clean = [
      `{"req":{"url":"/api/auth/verify-email?token=[redacted]&callbackURL=%2Femail-verified"}}`,
      `{"req":{"url":"/api/support/watch/[redacted]/messages"},"route":"/api/support/watch/:token/messages"}`,
      `{"req":{"headers":{"cookie":"[redacted]","authorization":"[redacted]"}},"password":"[redacted]"}`,
      `{"reqId":"7389885f-5244-450e-9794-39a5f605ff80","code":"CROSS_ORIGIN_REQUEST_REFUSED"}`,
      `{"msg":"masked key •••• •••• •••• •••• ${LICENSE_KEY.slice(-6)}"}`,
      `{"msg":"ABCDEF-GHJKMN-PQRSTW-XYZ234-56789A"}`,
    ];
    expect(scanText(clean.join("\n"), "clean.log")).toEqual([]);
  });
});

describe(`what the app logs at debug level (${TEST_ENGINE})`, () => {
  let dir: string;
  let logFile: string;
  let throwaway: ThrowawayDatabase;
  let database: Database;
  let app: App;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lp-log-scan-"));
    logFile = join(dir, "app.log");
    throwaway = await createThrowawayDatabase();
    config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "trace", DATABASE_URL: throwaway.url, PUBLIC_URL: TEST_ORIGIN });
    database = createDatabase(config.database);
    await migrateToLatest(database.authDb);
    app = await buildApp({ config, database, startWorkers: false, logStream: pino.destination({ dest: logFile, sync: true }) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    await throwaway?.drop();
    if (process.env.LP_KEEP_TEST_LOGS !== "1") rmSync(dir, { recursive: true, force: true });
  });

  it("keeps passwords, cookies, tokens, keys and farm credentials out of it", async () => {
    const t = { app, config, database, close: async () => {} };
    const person = await signUpVerified(t);
    const inject = (options: InjectOptions) => app.inject(options);
    await inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      headers: JSON_HEADERS,
      payload: { email: person.email, password: GOOD_PASSWORD },
    });
    await inject({
      method: "POST",
      url: "/api/auth/change-password",
      headers: { ...JSON_HEADERS, cookie: person.cookie },
      payload: { currentPassword: "not-the-right-password", newPassword: GOOD_PASSWORD },
    });
    await inject({ url: `/api/auth/verify-email?token=${JWT}` });
    await inject({ url: `/api/auth/reset-password/abcdefgh12345678?callbackURL=%2F` });
    await inject({
      method: "POST",
      url: "/api/auth/reset-password",
      headers: JSON_HEADERS,
      payload: { token: JWT, newPassword: GOOD_PASSWORD },
    });
    await inject({
      method: "POST",
      url: `/api/support/watch/${"w".repeat(20)}.sig123456/messages`,
      headers: JSON_HEADERS,
      payload: { body: "hi" },
    });
    await inject({
      method: "POST",
      url: "/api/invitations/preview",
      headers: JSON_HEADERS,
      payload: { token: "k3J9x8Yq2mN5pL7vR4tW1zA6bC0dE8fG0123456789a" },
    });
    await inject({
      method: "POST",
      url: "/api/farm/v1/check-in",
      headers: { ...JSON_HEADERS, authorization: `Bearer ${FARM}` },
      payload: { sequence: 1, currentUsers: 1, peakUsers: 1 },
    });
    await inject({
      method: "POST",
      url: "/api/farm/v1/activate",
      headers: JSON_HEADERS,
      payload: { email: person.email, password: GOOD_PASSWORD, licenseKey: LICENSE_KEY, farmId: "f", serverId: "s" },
    });
    await inject({ method: "POST", url: "/api/auth/sign-out", headers: { ...JSON_HEADERS, cookie: person.cookie }, payload: {} });
    // Malformed JSON carrying a password: the parse error must not quote the body.
    await inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      headers: JSON_HEADERS,
      payload: `{"password":"${GOOD_PASSWORD}"`,
    });

    const log = readFileSync(logFile, "utf8");
    expect(log.split("\n").length).toBeGreaterThan(20);
    expect(log).toContain("token=[redacted]");
    const findings = scanText(log, logFile);
    expect(findings.map((f) => `${f.kind}: ${f.excerpt}`)).toEqual([]);
  });
});
