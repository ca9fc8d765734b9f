import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OperatorRelease } from "../../contracts/downloads.ts";
import type { Clock } from "../../src/server/clock.ts";
import type { Person } from "../helpers/account-fixtures.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../helpers/test-app.ts";

/**
 * Helpers shared by the downloads tests (not a test file itself): an app whose file
 * storage is a fresh temporary directory, and calls to the release and download routes.
 */

export type DownloadsTestApp = TestApp & { storageDir: string };

export async function createDownloadsApp(options: { clock?: Clock } = {}): Promise<DownloadsTestApp> {
  const storageDir = mkdtempSync(join(tmpdir(), "lp-downloads-"));
  const t = await createTestApp({ AUTH_RATE_LIMIT: "off", STORAGE_DIR: storageDir }, options);
  return {
    ...t,
    storageDir,
    async close() {
      await t.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
export const releasesUrl = "/api/operator/downloads/releases";
export const releaseUrl = (releaseId: string) => `${releasesUrl}/${releaseId}`;
export const downloadsUrl = (accountId: string) => `/api/accounts/${accountId}/downloads`;
export const fileUrl = (accountId: string, releaseId: string) => `${downloadsUrl(accountId)}/${releaseId}/file`;

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A request as the signed-in `who` (or nobody), JSON unless a Buffer body says otherwise. */
export async function send(
  t: TestApp,
  who: Person | null,
  method: Method,
  url: string,
  payload?: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, ...extraHeaders };
  if (who) headers.cookie = who.cookie;
  if (payload !== undefined && !Buffer.isBuffer(payload)) headers["content-type"] = "application/json";
  if (Buffer.isBuffer(payload)) headers["content-type"] ??= "application/octet-stream";
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) }),
  });
}

/**
 * Numbers the releases a test file makes: each file has a database of its own, so a counter
 * keeps versions unique (a random 16-bit version collided once in CI: 409 RELEASE_EXISTS).
 */
let releaseSerial = 0;

export async function createRelease(t: TestApp, op: Person, body: Record<string, unknown> = {}): Promise<OperatorRelease> {
  releaseSerial += 1;
  const response = await send(t, op, "POST", releasesUrl, {
    productId: "ras",
    version: `19.${releaseSerial}.${randomBytes(2).readUInt16BE()}`,
    platform: "Windows x64",
    fileName: "RASInstaller.msi",
    notes: "Fixes and improvements.",
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(`create release failed: ${response.body}`);
  return response.json();
}

export async function upload(t: TestApp, op: Person, releaseId: string, data: Buffer, expectedSha256?: string) {
  const query = expectedSha256 ? `?sha256=${expectedSha256}` : "";
  return send(t, op, "PUT", `${releaseUrl(releaseId)}/file${query}`, data);
}

/** A published release with `data` as its file. */
export async function publishedRelease(
  t: TestApp,
  op: Person,
  data: Buffer,
  body: Record<string, unknown> = {},
): Promise<OperatorRelease> {
  const release = await createRelease(t, op, body);
  const uploaded = await upload(t, op, release.id, data, sha256(data));
  if (uploaded.statusCode !== 200) throw new Error(`upload failed: ${uploaded.body}`);
  const published = await send(t, op, "POST", `${releaseUrl(release.id)}/publish`);
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
  return published.json();
}

/** Every file in the storage directory (blobs and .part files), relative, sorted. */
export function storedFiles(t: DownloadsTestApp): string[] {
  if (!existsSync(t.storageDir)) return [];
  return readdirSync(t.storageDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(t.storageDir.length + 1))
    .sort();
}

export async function auditActions(t: TestApp, releaseId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom("auditEvents")
    .select(["action", "occurredAt"])
    .where("targetId", "=", releaseId)
    .orderBy("occurredAt")
    .execute();
  return rows.map((r) => r.action);
}
