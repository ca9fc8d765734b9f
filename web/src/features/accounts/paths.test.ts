import { describe, expect, it } from "vitest";
import type { AccountSummary } from "../../../../contracts/accounts.ts";
import { homeAccount } from "./active-account.ts";
import { accountPath, matchAccountRoute, switchTarget } from "./paths.ts";

const account = (
  id: string,
  kind: "personal" | "business",
  role: "member" | "admin" = "admin",
  status: "active" | "blocked" = "active",
) => ({ id, kind, name: id, role, status, joinedAt: "2026-01-01T00:00:00.000Z" }) satisfies AccountSummary;

const personal = account("p", "personal");
const adminOf = account("b1", "business", "admin");
const memberOf = account("b2", "business", "member");

describe("account routes", () => {
  it("reads the account and the page from a path", () => {
    expect(matchAccountRoute("/accounts/b1")).toEqual({ accountId: "b1", section: "dashboard" });
    expect(matchAccountRoute("/accounts/b1/business-profile")).toEqual({ accountId: "b1", section: "business-profile" });
    expect(matchAccountRoute("/accounts/new")).toBeNull();
    expect(matchAccountRoute("/profile")).toBeNull();
  });

  it("encodes ids", () => {
    expect(accountPath("a/b", "users")).toBe("/accounts/a%2Fb/users");
  });
});

describe("switchTarget keeps the page where it exists for the other account", () => {
  it("Business Profile → another business account's profile, or the personal Dashboard", () => {
    expect(switchTarget("/accounts/b1/business-profile", memberOf)).toBe("/accounts/b2/business-profile");
    expect(switchTarget("/accounts/b1/business-profile", personal)).toBe("/accounts/p");
  });

  it("Users and the audit log only for the target's administrators", () => {
    expect(switchTarget("/accounts/b2/users", adminOf)).toBe("/accounts/b1/users");
    expect(switchTarget("/accounts/b1/audit", memberOf)).toBe("/accounts/b2/business-profile");
  });

  it("Manage Farms → the other account's Manage Farms, without the old account's filters", () => {
    expect(switchTarget("/accounts/b1/farms", personal)).toBe("/accounts/p/farms");
    expect(switchTarget("/accounts/b1/farms", memberOf)).toBe("/accounts/b2/farms");
  });

  it("Downloads and Documentation → the same page of the other account", () => {
    expect(switchTarget("/accounts/b1/downloads", personal)).toBe("/accounts/p/downloads");
    expect(switchTarget("/accounts/b1/documentation", memberOf)).toBe("/accounts/b2/documentation");
  });

  it("Support → the other account's Support list (a ticket belongs to one account), New ticket → its form", () => {
    expect(switchTarget("/accounts/b1/support", memberOf)).toBe("/accounts/b2/support");
    expect(switchTarget("/accounts/b1/support/t-1", personal)).toBe("/accounts/p/support");
    expect(switchTarget("/accounts/b1/support/new", memberOf)).toBe("/accounts/b2/support/new");
  });

  it("pages outside an account go to the Dashboard", () => {
    expect(switchTarget("/profile", adminOf)).toBe("/accounts/b1");
  });
});

describe("homeAccount", () => {
  it("prefers the last-used account while it is listed and active", () => {
    expect(homeAccount([personal, adminOf], "b1")).toBe(adminOf);
    expect(homeAccount([personal, adminOf], "gone")).toBe(personal);
    expect(homeAccount([personal, account("b3", "business", "member", "blocked")], "b3")).toBe(personal);
  });
});
