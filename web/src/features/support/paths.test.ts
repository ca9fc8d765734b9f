import { describe, expect, it } from "vitest";
import { filtersFromSearch, matchSupportRoute, matchWatchRoute, NO_FILTERS, supportPaths } from "./paths.ts";

describe("support paths", () => {
  it("tells the list, the form and a ticket apart", () => {
    expect(matchSupportRoute("/accounts/a1/support")).toEqual({ page: "list", accountId: "a1" });
    expect(matchSupportRoute("/accounts/a1/support/")).toEqual({ page: "list", accountId: "a1" });
    expect(matchSupportRoute("/accounts/a1/support/new")).toEqual({ page: "new", accountId: "a1" });
    expect(matchSupportRoute("/accounts/a1/support/t-9")).toEqual({ page: "ticket", accountId: "a1", ticketId: "t-9" });
    expect(matchSupportRoute("/accounts/new/support")).toBeNull();
    expect(matchSupportRoute("/accounts/a1/support/t-9/x")).toBeNull();
    expect(matchSupportRoute("/accounts/a1/downloads")).toBeNull();
  });

  it("reads the watcher's token", () => {
    expect(matchWatchRoute("/support/watch/abc.def")).toEqual({ token: "abc.def" });
    expect(matchWatchRoute("/support/watch")).toBeNull();
  });

  it("keeps only non-empty filters in the URL and encodes ids", () => {
    expect(supportPaths.list("a/1")).toBe("/accounts/a%2F1/support");
    expect(supportPaths.list("a1", { ...NO_FILTERS, status: "resolved", q: " vpn " })).toBe(
      "/accounts/a1/support?status=resolved&q=vpn",
    );
    expect(supportPaths.ticket("a1", "t 1")).toBe("/accounts/a1/support/t%201");
  });

  it("reads filters back and drops values the server would refuse", () => {
    const search = new URLSearchParams("status=resolved&mine=watching&productId=p1&q=license");
    expect(filtersFromSearch(search)).toEqual({ status: "resolved", mine: "watching", productId: "p1", q: "license" });
    expect(filtersFromSearch(new URLSearchParams("status=open&mine=all"))).toEqual(NO_FILTERS);
  });
});
