/**
 * True for a unique-constraint violation on either engine: PostgreSQL's SQLSTATE
 * 23505, or better-sqlite3's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. Services use it
 * to turn a lost race on a unique key into a clear 409 rather than a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
