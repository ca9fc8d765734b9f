import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { finished, type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertStorageKey,
  type ByteRange,
  ChecksumMismatchError,
  type FileStorage,
  FileTooLargeError,
  type PutOptions,
  StoredFileMissingError,
  type StoredObject,
} from "./file-storage.ts";

/** Half-written files older than this belong to an upload that died with its process. */
const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/**
 * Files on the local disk under `directory`: `<directory>/<first two key digits>/<key>`,
 * so no directory grows past a few thousand entries. An upload is written to
 * `<directory>/tmp/<key>.part`, hashed and counted as it streams, flushed to disk, checked
 * against the expected checksum, and only then renamed into place: rename is atomic on one
 * file system, so a reader sees the whole file or nothing, and a crash mid-upload leaves
 * only a `.part` file (swept by `removeStalePartials`).
 */
export function createLocalDiskStorage(directory: string): FileStorage & {
  readonly root: string;
  removeStalePartials(now?: Date): Promise<number>;
} {
  const root = resolve(directory);
  const partials = join(root, "tmp");
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(root, key.slice(0, 2), key);
  };

  async function put(source: Readable, options: PutOptions = {}): Promise<StoredObject> {
    const key = randomBytes(16).toString("hex");
    const target = pathOf(key);
    const partial = join(partials, `${key}.part`);
    await mkdir(partials, { recursive: true });
    await mkdir(dirname(target), { recursive: true });

    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return done(new FileTooLargeError(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // The source is the caller's (often an HTTP request): piped, not pipelined, so a refusal
    // here does not destroy it and the caller can still answer (413, 422). A source that
    // ends early (the client went away) fails the upload.
    const writing = pipeline(meter, createWriteStream(partial, { flags: "wx", flush: true }));
    finished(source, (error) => {
      if (error) meter.destroy(error);
    });
    source.pipe(meter);
    try {
      await writing;
      const sha256 = hash.digest("hex");
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw new ChecksumMismatchError(options.expectedSha256, sha256);
      }
      await rename(partial, target);
      await syncDirectory(dirname(target));
      return { key, size, sha256 };
    } catch (error) {
      source.unpipe(meter);
      await rm(partial, { force: true });
      throw error;
    }
  }

  async function get(key: string, range?: ByteRange): Promise<Readable> {
    // Open first: a missing file is an error here, not a stream that fails later, and the
    // open handle keeps reading the same file even if it is deleted meanwhile.
    const handle = await open(pathOf(key), "r").catch((error: unknown) => {
      throw isMissing(error) ? new StoredFileMissingError(key) : error;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async function statKey(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(pathOf(key))).size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    await rm(pathOf(key), { force: true });
  }

  /** Deletes `.part` files left by uploads that never finished; returns how many. */
  async function removeStalePartials(now = new Date()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(partials);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(".part")) continue;
      const path = join(partials, name);
      const info = await stat(path).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > STALE_PARTIAL_MS) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  return { root, put, get, stat: statKey, delete: remove, removeStalePartials };
}

/** Makes the rename itself durable (POSIX); some platforms cannot open a directory, which is fine. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}
