import { type ColumnDataType, type Expression, type Kysely, type RawBuilder, sql } from "kysely";

/**
 * The one place where migrations branch on the engine. Each helper returns the
 * column type (or default) that stores the value so that NormalizeResultsPlugin
 * reads it back identically on both engines.
 */
export type ColumnTypes = {
  timestamp: ColumnDataType;
  boolean: ColumnDataType;
  json: ColumnDataType;
  /**
   * Text that is sorted and paged by keyset: byte order on both engines (PostgreSQL's
   * default collation is locale-aware, SQLite's is bytewise), so a cursor means the same everywhere.
   */
  sortableText: ColumnDataType | RawBuilder<unknown>;
  now: Expression<unknown>;
};

export function columnTypes(engine: "sqlite" | "postgres"): ColumnTypes {
  if (engine === "postgres") {
    return { timestamp: "timestamptz", boolean: "boolean", json: "jsonb", sortableText: sql`text collate "C"`, now: sql`now()` };
  }
  // SQLite: ISO-8601 text with a `Z`, which sorts chronologically and parses with `new Date()`.
  return {
    timestamp: "text",
    boolean: "integer",
    json: "text",
    sortableText: "text",
    now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  };
}

/** Migrations receive a `Kysely<any>` (frozen in time); this reads the engine off it. */
export function engineOf(db: Kysely<unknown>): "sqlite" | "postgres" {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.toLowerCase().includes("postgres") ? "postgres" : "sqlite";
}

/** A boolean literal for column defaults. */
export function boolDefault(engine: "sqlite" | "postgres", value: boolean) {
  return engine === "postgres" ? sql.lit(value) : sql.lit(value ? 1 : 0);
}
