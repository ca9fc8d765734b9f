import type { FastifyInstance } from "fastify";
import { AppError } from "./errors.ts";

/**
 * Refuses the NUL character (U+0000) anywhere in a request's path parameters, query or JSON
 * body, on every route. PostgreSQL text cannot hold it, so such a value failed in the database
 * with a 500 (found by test/platform/bad-input.property.test.ts); SQLite would store it, so
 * refusing it everywhere keeps the two engines alike. No field of the API has a use for it.
 */
export function registerNulGuard(app: FastifyInstance) {
  // The path and query are checked first (access checks run on `onRequest` and read the
  // account id), the body once it is parsed.
  app.addHook("onRequest", async (request) =>
    refuseNul(nulPath(request.params, "params") ?? nulPath(request.query, "querystring")),
  );
  app.addHook("preValidation", async (request) => refuseNul(nulPath(request.body, "body")));
}

function refuseNul(field: string | undefined) {
  if (field === undefined) return;
  const message = "must not contain the NUL character";
  throw new AppError(400, "VALIDATION_FAILED", `The request is invalid. ${field}: ${message}`, { errors: [{ field, message }] });
}

/** Parsed JSON, params and query objects (some have a null prototype); not streams or bytes. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** Where the first NUL is (keys included), walking without recursion: bodies may nest deeply. */
function nulPath(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === "string") {
      if (current.includes("\u0000")) return path;
    } else if (Array.isArray(current)) {
      for (const [i, item] of current.entries()) stack.push([item, `${path}.${i}`]);
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes("\u0000")) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}
