import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../helpers/account-fixtures.ts";
import { operator } from "../helpers/licensing-fixtures.ts";
import { TEST_ORIGIN } from "../helpers/test-app.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";
import {
  auditActions,
  createDownloadsApp,
  createRelease,
  type DownloadsTestApp,
  releasesUrl,
  releaseUrl,
  send,
  sha256,
  storedFiles,
  upload,
} from "./downloads-kit.ts";

/** Blobs in the storage (not .part files). */
const blobs = (t: DownloadsTestApp) => storedFiles(t).filter((f) => !f.startsWith("tmp/"));

describe(`operators publish releases (${TEST_ENGINE})`, () => {
  let t: DownloadsTestApp;
  let op: Person;
  beforeAll(async () => {
    t = await createDownloadsApp();
    op = await operator(t);
  });
  afterAll(async () => t?.close());

  it("creates a draft, uploads its file with a verified SHA-256, publishes it once with a release date", async () => {
    const release = await createRelease(t, op, { version: "19.4.1", platform: "Linux (deb)", fileName: "ras_19.4.1_amd64.deb" });
    expect(release).toMatchObject({
      product: { id: "ras" },
      version: "19.4.1",
      platform: "Linux (deb)",
      fileName: "ras_19.4.1_amd64.deb",
      status: "draft",
      file: null,
      releasedAt: null,
    });

    const data = randomBytes(70_000);
    const uploaded = await upload(t, op, release.id, data, sha256(data).toUpperCase());
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json().file).toEqual({ size: data.length, sha256: sha256(data) });
    const row = await t.database.db.selectFrom("storedFiles").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ byteSize: data.length, sha256: sha256(data), purpose: "release" });
    expect(blobs(t)).toContain(`${row.storageKey.slice(0, 2)}/${row.storageKey}`);

    const published = await send(t, op, "POST", `${releaseUrl(release.id)}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", releasedAt: expect.any(String) });
    const releasedAt = published.json().releasedAt;
    // Unpublish and publish again: the release date stays the first one.
    expect((await send(t, op, "POST", `${releaseUrl(release.id)}/unpublish`)).json()).toMatchObject({
      status: "draft",
      releasedAt,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await send(t, op, "POST", `${releaseUrl(release.id)}/publish`)).json()).toMatchObject({
      status: "published",
      releasedAt,
    });
    // Publishing what is published changes nothing and is not audited again.
    expect((await send(t, op, "POST", `${releaseUrl(release.id)}/publish`)).statusCode).toBe(200);

    expect((await auditActions(t, release.id)).sort()).toEqual(
      [
        "downloads.release_created",
        "downloads.release_file_uploaded",
        "downloads.release_published",
        "downloads.release_unpublished",
        "downloads.release_published",
      ].sort(),
    );
    const list = await send(t, op, "GET", releasesUrl);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(release.id);
  });

  it("refuses a file whose SHA-256 is not the one given, and keeps nothing", async () => {
    const release = await createRelease(t, op);
    const before = blobs(t);
    const rowsBefore = await t.database.db.selectFrom("storedFiles").select("id").execute();
    const data = Buffer.from("an installer, damaged on the way");
    const response = await upload(t, op, release.id, data, sha256("the installer as built"));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("CHECKSUM_MISMATCH");
    expect(response.json().detail).toContain(sha256(data));
    expect(blobs(t)).toEqual(before);
    expect(storedFiles(t).filter((f) => f.startsWith("tmp/"))).toEqual([]);
    expect(await t.database.db.selectFrom("storedFiles").select("id").execute()).toEqual(rowsBefore);
    const after = await send(t, op, "GET", releasesUrl);
    expect(after.json().items.find((r: { id: string }) => r.id === release.id).file).toBeNull();
    expect(await auditActions(t, release.id)).toEqual(["downloads.release_created"]);
    // A malformed checksum is a validation error before any byte is stored.
    const malformed = await send(t, op, "PUT", `${releaseUrl(release.id)}/file?sha256=abc`, data);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe("VALIDATION_FAILED");
  });

  it("replaces a draft's file (the old bytes go), but never a published one's", async () => {
    const release = await createRelease(t, op);
    const first = Buffer.from("build 1");
    const second = Buffer.from("build 2, fixed");
    expect((await upload(t, op, release.id, first)).statusCode).toBe(200);
    const firstKey = (
      await t.database.db
        .selectFrom("storedFiles")
        .select("storageKey")
        .where("sha256", "=", sha256(first))
        .executeTakeFirstOrThrow()
    ).storageKey;
    const replaced = await upload(t, op, release.id, second);
    expect(replaced.json().file).toEqual({ size: second.length, sha256: sha256(second) });
    expect(blobs(t).some((f) => f.endsWith(firstKey))).toBe(false);
    expect(await t.database.db.selectFrom("storedFiles").select("id").where("sha256", "=", sha256(first)).execute()).toEqual([]);

    expect((await send(t, op, "POST", `${releaseUrl(release.id)}/publish`)).statusCode).toBe(200);
    const refused = await upload(t, op, release.id, Buffer.from("build 3"));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("RELEASE_PUBLISHED");
    const download = await send(t, op, "GET", `${releaseUrl(release.id)}/file`);
    expect(download.rawPayload.equals(second)).toBe(true);
  });

  it("publishes only with a file; refuses empty, oversized and non-binary uploads", async () => {
    const release = await createRelease(t, op);
    const early = await send(t, op, "POST", `${releaseUrl(release.id)}/publish`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("RELEASE_FILE_MISSING");

    const empty = await upload(t, op, release.id, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("EMPTY_FILE");

    const huge = await send(t, op, "PUT", `${releaseUrl(release.id)}/file`, Buffer.from("small"), {
      "content-length": String(2 * 1024 ** 3 + 1),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe("FILE_TOO_LARGE");

    const json = await send(t, op, "PUT", `${releaseUrl(release.id)}/file`, { bytes: "no" });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await t.database.db.selectFrom("releases").select("fileId").where("id", "=", release.id).executeTakeFirst()).toEqual({
      fileId: null,
    });
    // Other routes still take JSON only: the raw body is accepted by the upload's scope alone.
    for (const url of [releasesUrl, "/api/operator/products"]) {
      const elsewhere = await send(t, op, "POST", url, Buffer.from("{}"));
      expect(elsewhere.statusCode, url).toBe(415);
    }
  });

  it("validates metadata: product, version, platform, file name, duplicates", async () => {
    const bad = [
      { productId: "nope" },
      { version: "../19" },
      { version: "" },
      { platform: "" },
      { fileName: "../../etc/passwd" },
      { fileName: "a\\b.msi" },
      { fileName: "bad\nname.msi" },
      { fileName: ".." },
      { notes: "x".repeat(20_001) },
      { extra: true },
    ];
    for (const body of bad) {
      const response = await send(t, op, "POST", releasesUrl, {
        productId: "ras",
        version: "1.0",
        platform: "Windows",
        fileName: "a.msi",
        ...body,
      });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    await createRelease(t, op, { version: "20.0", platform: "macOS" });
    const duplicate = await send(t, op, "POST", releasesUrl, {
      productId: "ras",
      version: "20.0",
      platform: "macOS",
      fileName: "other.pkg",
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe("RELEASE_EXISTS");
    // Any script is a fine file name.
    expect((await createRelease(t, op, { fileName: "Сервер приложений 19.msi" })).fileName).toBe("Сервер приложений 19.msi");
  });

  it("edits notes, and deletes a release with its file (audited)", async () => {
    const release = await createRelease(t, op);
    const data = Buffer.from("to be deleted");
    await upload(t, op, release.id, data);
    await send(t, op, "POST", `${releaseUrl(release.id)}/publish`);
    const edited = await send(t, op, "PATCH", releaseUrl(release.id), { notes: "  Line one\nLine two  " });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().notes).toBe("Line one\nLine two");

    const key = (
      await t.database.db
        .selectFrom("storedFiles")
        .select("storageKey")
        .where("sha256", "=", sha256(data))
        .executeTakeFirstOrThrow()
    ).storageKey;
    const deleted = await send(t, op, "DELETE", releaseUrl(release.id));
    expect(deleted.statusCode).toBe(204);
    expect(blobs(t).some((f) => f.endsWith(key))).toBe(false);
    expect(await t.database.db.selectFrom("releases").select("id").where("id", "=", release.id).execute()).toEqual([]);
    expect(await t.database.db.selectFrom("storedFiles").select("id").where("storageKey", "=", key).execute()).toEqual([]);
    expect(await auditActions(t, release.id)).toContain("downloads.release_deleted");
    const audit = await t.database.db
      .selectFrom("auditEvents")
      .select(["actorUserId", "metadataJson"])
      .where("targetId", "=", release.id)
      .where("action", "=", "downloads.release_deleted")
      .executeTakeFirstOrThrow();
    expect(audit.metadataJson).toMatchObject({ sha256: sha256(data), productId: "ras" });

    expect((await send(t, op, "DELETE", releaseUrl(release.id))).json().code).toBe("RELEASE_NOT_FOUND");
    expect((await send(t, op, "PATCH", releaseUrl(release.id), { notes: "x" })).statusCode).toBe(404);
  });
  it("streams a real chunked upload (no Content-Length) to disk, and a client that goes away part way leaves nothing", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const put = (releaseId: string) =>
      httpRequest({
        host: "127.0.0.1",
        port,
        method: "PUT",
        path: `${releaseUrl(releaseId)}/file`,
        headers: {
          origin: TEST_ORIGIN,
          cookie: op.cookie,
          "content-type": "application/octet-stream",
          "transfer-encoding": "chunked",
        },
      });

    const whole = await createRelease(t, op);
    const chunks = [randomBytes(40_000), randomBytes(40_000), randomBytes(5)];
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = put(whole.id);
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
    const done = await answered;
    expect(done.status, done.body).toBe(200);
    expect(JSON.parse(done.body).file).toEqual({ size: 80_005, sha256: sha256(Buffer.concat(chunks)) });

    const abandoned = await createRelease(t, op);
    const before = blobs(t);
    const req = put(abandoned.id);
    req.on("error", () => undefined);
    req.write(randomBytes(50_000));
    // Wait until the server is writing the .part file, then drop the connection.
    for (let i = 0; i < 100 && !storedFiles(t).some((f) => f.startsWith("tmp/")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(storedFiles(t).some((f) => f.startsWith("tmp/"))).toBe(true);
    req.destroy();
    for (let i = 0; i < 100 && storedFiles(t).some((f) => f.startsWith("tmp/")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(storedFiles(t).filter((f) => f.startsWith("tmp/"))).toEqual([]);
    expect(blobs(t)).toEqual(before);
    expect(await t.database.db.selectFrom("releases").select("fileId").where("id", "=", abandoned.id).executeTakeFirst()).toEqual(
      {
        fileId: null,
      },
    );
  });
});
