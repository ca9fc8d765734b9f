import type { Readable } from "node:stream";

/**
 * Where uploaded files live (release downloads now, support attachments later). The
 * database keeps what a file *is* (stored_files: size, SHA-256, who uploaded it); the
 * storage keeps only bytes under a key it made up itself. Keys are never derived from
 * anything a user sends, so no file name can reach a path on disk.
 */
export type FileStorage = {
  /**
   * Streams `source` into a new file and returns its key, size and SHA-256 (hex), computed
   * on the way in. Nothing is visible under the key until every byte is written: a failed,
   * oversized or mismatched upload leaves nothing behind.
   */
  put(source: Readable, options?: PutOptions): Promise<StoredObject>;
  /** The file's bytes, or only `range` (inclusive offsets). Throws StoredFileMissingError for an unknown key. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The file's size, or null when there is no such file. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the file; an unknown key is not an error (deleting twice is harmless). */
  delete(key: string): Promise<void>;
};

export type PutOptions = {
  /** More bytes than this aborts the upload with FileTooLargeError. */
  maxBytes?: number;
  /** Lower-case hex SHA-256 the bytes must have, else ChecksumMismatchError (and nothing is kept). */
  expectedSha256?: string;
};

export type StoredObject = { key: string; size: number; sha256: string };

/** Inclusive byte offsets, as in `Range: bytes=start-end`. */
export type ByteRange = { start: number; end: number };

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = "FileTooLargeError";
  }
}

export class ChecksumMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`The file's SHA-256 is ${actual}, not the expected ${expected}.`);
    this.name = "ChecksumMismatchError";
  }
}

export class StoredFileMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under key ${key}.`);
    this.name = "StoredFileMissingError";
  }
}

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("Not a storage key.");
    this.name = "InvalidStorageKeyError";
  }
}

/** 128 random bits as 32 lower-case hex digits: the only shape a key can have. */
export const STORAGE_KEY = /^[0-9a-f]{32}$/;

/** Refuses anything that is not a key this storage could have made (so "../x" never becomes a path). */
export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new InvalidStorageKeyError();
}
