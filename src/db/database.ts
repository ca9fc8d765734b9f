import { CamelCasePlugin, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Config } from "../config.ts";
import { NormalizeResultsPlugin } from "./normalize-results.plugin.ts";
import type { DB } from "./schema.ts";
import { SqliteReadWriteDialect } from "./sqlite-read-write-dialect.ts";

export type Engine = "sqlite" | "postgres";

export type Database = {
  engine: Engine;
  /** Domain code uses this one: camelCase in TS, snake_case in SQL, normalized rows. */
  db: Kysely<DB>;
  /**
   * Better Auth gets the same connection without the result normalizer, because its
   * adapter does its own boolean/date conversion. Sharing the driver keeps SQLite's
   * single connection (and its transaction mutex) shared too.
   */
  authDb: Kysely<unknown>;
  /** SQLite only: the raw connections (see SqliteReadWriteDialect.connections for the rules). */
  sqlite?: SqliteReadWriteDialect;
  ping(): Promise<void>;
  destroy(): Promise<void>;
};

// int8 (count(*), bigint) comes back from pg as a string; make it a number like SQLite.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * When PostgreSQL restarts it closes every connection with an error message. pg.Pool
 * re-emits it for idle connections, and a checked-out connection between two queries
 * (inside a transaction) emits it itself; with no listener either one is an uncaught
 * 'error' and the process dies (test/faults/postgres-restart.test.ts). Nothing else is
 * needed: the pool drops broken connections (on release it checks they are still
 * usable) and opens new ones, and a request that was using one fails with its own
 * error, answered 503 DATABASE_UNAVAILABLE.
 */
function postgresPool(database: Extract<Config["database"], { kind: "postgres" }>) {
  const pool = new pg.Pool({ connectionString: database.url, max: database.poolMax, connectionTimeoutMillis: 5000 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

export function createDatabase(database: Config["database"]): Database {
  const dialect =
    database.kind === "sqlite"
      ? new SqliteReadWriteDialect(database.file)
      : new PostgresDialect({ pool: postgresPool(database) });
  const authDb = new Kysely<unknown>({ dialect, plugins: [new CamelCasePlugin()] });
  const db = authDb.withPlugin(new NormalizeResultsPlugin()) as unknown as Kysely<DB>;
  return {
    engine: database.kind,
    db,
    authDb,
    ...(dialect instanceof SqliteReadWriteDialect ? { sqlite: dialect } : {}),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async destroy() {
      await authDb.destroy();
    },
  };
}
