/**
 * Database failures that are not the request's fault and not a bug: the database is
 * down or restarting, or its disk is full. The error handler answers them with a
 * clear problem+json (503 DATABASE_UNAVAILABLE with Retry-After, 507 STORAGE_FULL)
 * instead of a generic 500 (issue 8, part 4: test/faults/).
 */

/** Node socket errors and pg's own messages when the connection is refused, drops or times out. */
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
];

/** The error and its causes (pg and Better Auth sometimes wrap the socket error). */
function* chain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    yield current as { code?: unknown; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * PostgreSQL is unreachable or going away: a refused or dropped connection, SQLSTATE
 * class 08 (connection exception), 57P01–57P03 (shutdown, crash, starting up).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, message } of chain(error)) {
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || /^57P0[123]$/.test(code)))
      return true;
    if (typeof message === "string" && CONNECTION_MESSAGES.some((text) => message.includes(text))) return true;
  }
  return false;
}

/** The database's disk is full: SQLite's SQLITE_FULL, PostgreSQL's 53100 (disk_full). */
export function isStorageFull(error: unknown): boolean {
  for (const { code } of chain(error)) if (code === "SQLITE_FULL" || code === "53100") return true;
  return false;
}
