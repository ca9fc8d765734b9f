import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";

/**
 * better-sqlite3 refuses to bind JS booleans and Dates. PostgreSQL takes both, so
 * domain code would have to branch per engine. Instead we convert them here, once,
 * on the way into SQLite: booleans become 0/1 and Dates become ISO-8601 strings,
 * which is also the format the migrations use for SQLite timestamp defaults.
 */
function toSqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

const toSqliteParameters = (parameters: readonly unknown[]) => parameters.map(toSqliteValue);

/** The part of a statement our read/write dialect uses. */
type KyselyStatement = {
  reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): BetterSqlite3.RunResult;
};

/** Kysely prepares every query anew; re-preparing the same SQL cost ~6% of a session lookup. */
const STATEMENT_CACHE_SIZE = 500;

/** A SQLite connection as sqlite-read-write-dialect.ts uses it: `prepare` and `close`. */
export type SqliteForKysely = { prepare(sql: string): KyselyStatement; pragma(statement: string): unknown; close(): void };

/** Opens the embedded database with the pragmas a multi-request server needs. */
export function openSqlite(file: string, { readonly = false } = {}): SqliteForKysely {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma("busy_timeout = 5000");
  // Reads through a memory map instead of read() calls, and a 64 MiB page cache per
  // connection: a check-in touches a farm row at random among hundreds of thousands.
  raw.pragma("mmap_size = 268435456");
  raw.pragma("cache_size = -65536");
  if (readonly) {
    raw.pragma("query_only = ON");
  } else {
    raw.pragma("journal_mode = WAL");
    raw.pragma("foreign_keys = ON");
    raw.pragma("synchronous = NORMAL");
  }

  const cache = new Map<string, KyselyStatement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) return cached;
      const statement = raw.prepare(sql);
      const wrapped: KyselyStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(toSqliteParameters(parameters)),
        run: (parameters) => statement.run(toSqliteParameters(parameters)),
      };
      // Map keeps insertion order: drop the oldest entry when full.
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
      cache.set(sql, wrapped);
      return wrapped;
    },
    pragma: (statement) => raw.pragma(statement),
    close() {
      cache.clear();
      raw.close();
    },
  };
}
