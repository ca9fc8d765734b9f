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

function wrapStatement(statement: BetterSqlite3.Statement): BetterSqlite3.Statement {
  // Kysely passes the parameters as one array argument; plain callers pass them spread.
  const map = (args: unknown[]) => args.map((arg) => (Array.isArray(arg) ? arg.map(toSqliteValue) : toSqliteValue(arg)));
  return new Proxy(statement, {
    get(target, prop, receiver) {
      if (prop === "all" || prop === "run" || prop === "get" || prop === "iterate") {
        const fn = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => fn.apply(target, map(args));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Opens the embedded database with the pragmas a multi-request server needs. */
export function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("foreign_keys = ON");
  raw.pragma("synchronous = NORMAL");
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === "prepare") {
        return (source: string) => wrapStatement(target.prepare(source));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
