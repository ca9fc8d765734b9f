import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createLocalDiskStorage } from "../storage/local-disk-storage.ts";

/**
 * Backups of the embedded SQLite database, taken while the portal serves.
 *
 * `backupSqlite` uses SQLite's online backup API (better-sqlite3's `db.backup()`), which
 * reads through SQLite: committed transactions still in the WAL are included, and the copy
 * is one consistent snapshot because every page is copied in one step, inside one read
 * transaction (WAL lets the server keep writing meanwhile). The copy is written beside the
 * target, verified, and only then renamed over it, so a failed backup never replaces a good
 * one. PostgreSQL is backed up with pg_dump or PITR instead (OPERATIONS.md).
 */

/** A backup or restore that must not go ahead; the message is meant for the operator. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export type VerifiedDatabase = {
  /** Migrations applied in the file, oldest first. */
  migrations: string[];
  /** Migrations the code knows that the file has not applied yet (`serve` or `migrate` applies them). */
  pending: string[];
};

export type BackupReport = VerifiedDatabase & { file: string; bytes: number; startedAt: Date; seconds: number };

export type RestoreReport = VerifiedDatabase & {
  file: string;
  /** Where the database that was there before went (renamed, not deleted), or null if there was none. */
  previous: string | null;
  /** stored_files rows whose bytes are not in STORAGE_DIR (restore the files too: OPERATIONS.md). */
  missingFiles: string[];
};

/** All pages in one backup step: one read transaction, so one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Checks that `file` is a healthy License Portal database this code can run: `PRAGMA
 * integrity_check` says ok, the migrations table is readable, and it holds no migration
 * this code does not know (a backup taken by a newer version must not be restored under an
 * older one: forward-only migrations cannot be undone).
 */
export function verifySqliteFile(file: string, knownMigrations: readonly string[]): VerifiedDatabase {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const result = db.pragma("integrity_check") as { integrity_check: string }[];
    const lines = result.map((row) => row.integrity_check);
    if (lines.length !== 1 || lines[0] !== "ok") {
      throw new BackupError(`${file} failed PRAGMA integrity_check: ${lines.slice(0, 3).join("; ")}`);
    }
    const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!hasTable) throw new BackupError(`${file} has no migrations table: it is not a License Portal database.`);
    const migrations = (db.prepare("select name from kysely_migration order by name").all() as { name: string }[]).map(
      (row) => row.name,
    );
    const unknown = migrations.filter((name) => !knownMigrations.includes(name));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} was written by a newer version of License Portal (migrations this version does not know: ${unknown.join(", ")}). Restore it with that version or a later one.`,
      );
    }
    return { migrations, pending: knownMigrations.filter((name) => !migrations.includes(name)) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a SQLite database: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Copies the live database `source` to `target` (online), verifies the copy, then renames it into place. */
export async function backupSqlite(source: string, target: string, knownMigrations: readonly string[]): Promise<BackupReport> {
  if (resolve(source) === resolve(target)) throw new BackupError("The backup target is the database itself.");
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (!existsSync(dirname(resolve(target)))) throw new BackupError(`The directory of ${target} does not exist.`);
  if (existsSync(target) && statSync(target).isDirectory()) throw new BackupError(`${target} is a directory; name a file.`);
  const partial = `${target}.partial-${process.pid}`;
  const startedAt = new Date();
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup of ${source} failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  try {
    // The copy keeps the source's WAL flag; a backup is better as one self-contained file.
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const verified = verifySqliteFile(partial, knownMigrations);
    syncFile(partial);
    renameSync(partial, target);
    syncFile(dirname(resolve(target)), { isDirectory: true });
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    return { ...verified, file: target, bytes: statSync(target).size, startedAt, seconds };
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Replaces the database at `target` with the backup `source`. Refuses when the backup fails
 * verification, or when any process still has `target` open (a running portal): replacing a
 * SQLite file under an open connection corrupts it. The database found at `target` is
 * renamed aside (`<target>.before-restore-<time>`), never deleted.
 */
export async function restoreSqlite(options: {
  source: string;
  target: string;
  knownMigrations: readonly string[];
  storageDir?: string;
  now?: Date;
}): Promise<RestoreReport> {
  const { source, target, knownMigrations } = options;
  if (resolve(source) === resolve(target)) throw new BackupError("The backup to restore is the database itself.");
  const verified = verifySqliteFile(source, knownMigrations);
  mkdirSync(dirname(resolve(target)), { recursive: true });

  let previous: string | null = null;
  if (existsSync(target)) {
    assertNotInUse(target);
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, "-");
    previous = `${target}.before-restore-${stamp}`;
    // The WAL belongs to its database: they move together, so no stale WAL meets the new file.
    for (const suffix of ["-wal", "-shm", ""]) {
      if (existsSync(target + suffix)) renameSync(target + suffix, previous + suffix);
    }
  }

  const partial = `${target}.restoring-${process.pid}`;
  try {
    const backup = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      backup.close();
    }
    verifySqliteFile(partial, knownMigrations);
    syncFile(partial);
    renameSync(partial, target);
    syncFile(dirname(resolve(target)), { isDirectory: true });
  } catch (error) {
    rmSync(partial, { force: true });
    if (previous) {
      for (const suffix of ["", "-wal", "-shm"]) {
        if (existsSync(previous + suffix)) renameSync(previous + suffix, target + suffix);
      }
    }
    throw error instanceof BackupError ? error : new BackupError(`The restore failed: ${(error as Error).message}`);
  }

  const missingFiles = options.storageDir ? await filesMissingFromStorage(target, options.storageDir) : [];
  return { ...verified, file: target, previous, missingFiles };
}

/**
 * Throws when another connection has the database open. A connection in exclusive locking
 * mode must take SQLite's exclusive lock, which it cannot while any other connection (in
 * any process) is attached to the WAL.
 */
function assertNotInUse(file: string): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("begin exclusive");
    db.prepare("select count(*) from sqlite_master").get();
    db.exec("commit");
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_BUSY") {
      throw new BackupError(
        `${file} is in use by another process (a running portal?). Stop every server process that uses it, then restore again.`,
      );
    }
    // A damaged database is a reason to restore, not to refuse: it is renamed aside as it is.
  } finally {
    db?.close();
  }
}

/** The storage keys of stored_files rows whose bytes STORAGE_DIR does not have. */
async function filesMissingFromStorage(file: string, storageDir: string): Promise<string[]> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  let keys: string[];
  try {
    const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'stored_files'").get();
    keys = hasTable
      ? (db.prepare("select storage_key from stored_files").all() as { storage_key: string }[]).map((row) => row.storage_key)
      : [];
  } finally {
    db.close();
  }
  const storage = createLocalDiskStorage(storageDir);
  const missing: string[] = [];
  for (const key of keys) if ((await storage.stat(key)) === null) missing.push(key);
  return missing;
}

/** fsync a file, or (best effort: not every platform can open one) a directory, so a rename survives a power cut. */
function syncFile(path: string, { isDirectory = false } = {}): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch (error) {
    if (!isDirectory) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
