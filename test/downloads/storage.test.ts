import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ChecksumMismatchError,
  FileTooLargeError,
  InvalidStorageKeyError,
  STORAGE_KEY,
  StoredFileMissingError,
} from "../../src/storage/file-storage.ts";
import { createLocalDiskStorage } from "../../src/storage/local-disk-storage.ts";
import { TEST_ENGINE } from "../helpers/test-database.ts";

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe(`local disk file storage (${TEST_ENGINE})`, () => {
  let dir: string;
  let storage: ReturnType<typeof createLocalDiskStorage>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "lp-storage-"));
    storage = createLocalDiskStorage(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores a stream and returns a random key, its size and its SHA-256, computed while streaming", async () => {
    const data = randomBytes(300_000);
    const stored = await storage.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
    expect(stored).toEqual({ key: expect.stringMatching(STORAGE_KEY), size: data.length, sha256: sha256(data) });
    expect(readFileSync(join(dir, stored.key.slice(0, 2), stored.key)).equals(data)).toBe(true);
    expect(await storage.stat(stored.key)).toEqual({ size: data.length });
    // Nothing half-written is left behind.
    expect(filesUnder(join(dir, "tmp"))).toEqual([]);

    const again = await storage.put(Readable.from([data]));
    expect(again.key).not.toBe(stored.key);
    expect(again.sha256).toBe(stored.sha256);
  });

  it("writes to a temporary file and renames it into place only when complete", async () => {
    const stream = new PassThrough();
    const putting = storage.put(stream);
    stream.write(Buffer.from("first half, "));
    await tick();
    // Mid-upload: only a .part file exists, and nothing is visible under any key.
    const during = filesUnder(dir);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^tmp\/[0-9a-f]{32}\.part$/);
    stream.end(Buffer.from("second half"));
    const stored = await putting;
    expect(filesUnder(dir)).toEqual([join(stored.key.slice(0, 2), stored.key)]);
    expect(await text(await storage.get(stored.key))).toBe("first half, second half");
  });

  it("refuses a file whose SHA-256 is not the expected one, and keeps nothing", async () => {
    const data = Buffer.from("the real installer");
    const wrong = sha256("another file");
    const error = await storage.put(Readable.from([data]), { expectedSha256: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: wrong, actual: sha256(data) });
    expect(filesUnder(dir)).toEqual([]);

    const ok = await storage.put(Readable.from([data]), { expectedSha256: sha256(data) });
    expect(ok.sha256).toBe(sha256(data));
  });

  it("stops at the size limit and keeps nothing", async () => {
    const error = await storage
      .put(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(filesUnder(dir)).toEqual([]);
    // Exactly the limit is fine.
    expect((await storage.put(Readable.from([Buffer.alloc(1000)]), { maxBytes: 1000 })).size).toBe(1000);
  });

  it("keeps nothing when the source fails part way (a client that went away)", async () => {
    const source = new PassThrough();
    const putting = storage.put(source);
    source.write(Buffer.alloc(5000));
    await tick();
    source.destroy(new Error("connection reset"));
    await expect(putting).rejects.toThrow("connection reset");
    expect(filesUnder(dir)).toEqual([]);
  });

  it("reads inclusive byte ranges", async () => {
    const stored = await storage.put(Readable.from([Buffer.from("0123456789")]));
    expect(await text(await storage.get(stored.key, { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await storage.get(stored.key, { start: 9, end: 9 }))).toBe("9");
    expect(await text(await storage.get(stored.key))).toBe("0123456789");
  });

  it("only accepts keys it could have made: no path ever comes from outside", async () => {
    // A file outside the storage that a traversal would reach.
    writeFileSync(join(dir, "..", `${dir.split("/").at(-1)}-secret`), "secret");
    mkdirSync(join(dir, "ab"), { recursive: true });
    writeFileSync(join(dir, "ab", "not-a-key"), "x");
    const attempts = [
      "../secret",
      `../${dir.split("/").at(-1)}-secret`,
      "ab/../../etc/passwd",
      "/etc/passwd",
      "not-a-key",
      "AB".repeat(16),
      "a".repeat(31),
      "a".repeat(33),
      `${"a".repeat(32)}\0`,
      "",
    ];
    for (const key of attempts) {
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.stat(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
    expect(readFileSync(join(dir, "..", `${dir.split("/").at(-1)}-secret`), "utf8")).toBe("secret");
    rmSync(join(dir, "..", `${dir.split("/").at(-1)}-secret`));
  });

  it("answers an unknown key as missing, and deleting twice is harmless", async () => {
    const unknown = "0".repeat(32);
    await expect(storage.get(unknown)).rejects.toBeInstanceOf(StoredFileMissingError);
    expect(await storage.stat(unknown)).toBeNull();
    const stored = await storage.put(Readable.from([Buffer.from("bytes")]));
    await storage.delete(stored.key);
    await storage.delete(stored.key);
    expect(await storage.stat(stored.key)).toBeNull();
  });

  it("a reader that opened the file finishes even if it is deleted meanwhile", async () => {
    const stored = await storage.put(Readable.from([Buffer.from("still here")]));
    const reading = await storage.get(stored.key);
    await storage.delete(stored.key);
    expect(await text(reading)).toBe("still here");
  });

  it("sweeps .part files left by uploads that died, and only old ones", async () => {
    mkdirSync(join(dir, "tmp"), { recursive: true });
    const old = join(dir, "tmp", `${"1".repeat(32)}.part`);
    const fresh = join(dir, "tmp", `${"2".repeat(32)}.part`);
    writeFileSync(old, "x");
    writeFileSync(fresh, "y");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(await storage.removeStalePartials()).toBe(1);
    expect(filesUnder(dir)).toEqual([`tmp/${"2".repeat(32)}.part`]);
  });
});
