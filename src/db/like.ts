import { type Expression, type RawBuilder, sql } from "kysely";

/**
 * A case-insensitive substring match of `q` in an already-lowercased column, with the
 * user's `%` and `_` taken literally. The explicit ESCAPE makes SQLite honour the
 * backslashes, as PostgreSQL does by default.
 */
export function containsText(column: Expression<string> | RawBuilder<string>, q: string) {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${column} like ${pattern} escape '\\'`;
}
