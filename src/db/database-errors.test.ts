import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isStorageFull } from "./database-errors.ts";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("database failures that are answered 503 / 507", () => {
  it("recognizes a database that is down, restarting or unreachable, also when wrapped", () => {
    for (const error of [
      withCode("ECONNREFUSED"),
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("57P03", "the database system is starting up"),
      withCode("08006"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Client has encountered a connection error and is not queryable"),
      new Error("wrapped", { cause: withCode("ECONNRESET") }),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it("leaves the request's own errors and bugs alone", () => {
    for (const error of [withCode("23505"), withCode("SQLITE_CONSTRAINT_UNIQUE"), new TypeError("x is undefined"), null, "x"]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(isStorageFull(error)).toBe(false);
    }
  });

  it("recognizes a full disk on either engine", () => {
    expect(isStorageFull(withCode("SQLITE_FULL", "database or disk is full"))).toBe(true);
    expect(isStorageFull(withCode("53100", "could not extend file"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("SQLITE_FULL"))).toBe(false);
  });
});
