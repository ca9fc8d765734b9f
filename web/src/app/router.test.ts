import { describe, expect, it } from "vitest";
import { matchPath, normalizePath } from "./router.tsx";

describe("matchPath", () => {
  it("matches literal and parameterised segments", () => {
    expect(matchPath("/accounts/:accountId", "/accounts/abc")).toEqual({ accountId: "abc" });
    expect(matchPath("/accounts/:accountId/users", "/accounts/abc/users/")).toEqual({ accountId: "abc" });
    expect(matchPath("/accounts/new", "/accounts/new")).toEqual({});
  });

  it("refuses other lengths, other literals and empty params", () => {
    expect(matchPath("/accounts/:accountId", "/accounts/abc/users")).toBeNull();
    expect(matchPath("/accounts/:accountId/users", "/accounts/abc/audit")).toBeNull();
    expect(matchPath("/accounts/:accountId/users", "/accounts//users")).toBeNull();
  });

  it("decodes params and refuses malformed escapes", () => {
    expect(matchPath("/accounts/:accountId", "/accounts/a%20b")).toEqual({ accountId: "a b" });
    expect(matchPath("/accounts/:accountId", "/accounts/%E0%A4%A")).toBeNull();
  });

  it("normalizes trailing slashes but keeps the root", () => {
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("/profile//")).toBe("/profile");
  });
});
