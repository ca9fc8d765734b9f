import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import pino, { type DestinationStream } from "pino";

/**
 * The directory this test run writes its logs to (set by test/security/log-scan.setup.ts,
 * which scans them for secrets once the run is over); undefined outside such a run.
 */
export const TEST_LOG_DIR: string | undefined = process.env.LP_TEST_LOG_DIR || undefined;

let workerLog: DestinationStream | undefined;

/**
 * One log file per test worker process, shared by every app the worker builds. Writes are
 * synchronous, so nothing is lost when the worker exits without closing it.
 */
export function testLogStream(): DestinationStream | undefined {
  if (!TEST_LOG_DIR) return undefined;
  workerLog ??= pino.destination({ dest: join(TEST_LOG_DIR, `app-${process.pid}.log`), sync: true, mkdir: true });
  return workerLog;
}

/** Where a child server process's stdout and stderr are copied (one file per child). */
export function childLogPath(pid: number | undefined): string | undefined {
  return TEST_LOG_DIR ? join(TEST_LOG_DIR, `child-${process.pid}-${pid ?? "unknown"}.log`) : undefined;
}

/** Fields of JSON answers that carry a secret the log must never repeat. */
const SECRET_FIELDS = /"(?:credential|primaryKey|licenseKey|totpURI|token)"\s*:\s*"([^"]{16,})"/g;

/**
 * Within a full test run, notes every secret the app hands out (session tokens from
 * Set-Cookie, farm credentials, license keys, TOTP secrets in its answers) so the log scan
 * can look for these exact values, not only for their shapes.
 */
export function recordHandedOutSecrets(app: FastifyInstance) {
  if (!TEST_LOG_DIR) return;
  const file = join(TEST_LOG_DIR, `secrets-${process.pid}.txt`);
  app.addHook("onSend", async (_request, reply, payload) => {
    const secrets: string[] = [];
    for (const cookie of [reply.getHeader("set-cookie") ?? []].flat()) {
      const token = /session_token=([A-Za-z0-9]{16,})\./.exec(String(cookie))?.[1];
      if (token) secrets.push(token);
    }
    if (typeof payload === "string" && payload.length < 1_000_000) {
      for (const match of payload.matchAll(SECRET_FIELDS)) {
        const value = match[1] ?? "";
        const totpSecret = /[?&]secret=([A-Z2-7]{16,})/.exec(value)?.[1];
        secrets.push(totpSecret ?? value);
      }
    }
    if (secrets.length > 0) appendFileSync(file, `${secrets.join("\n")}\n`);
    return payload;
  });
}
