import { describe, expect, it } from "vitest";
import { OperatorTicketListQuery } from "../../../../../contracts/support.ts";
import { matchOperatorRoute, operatorPaths } from "../paths.ts";
import { DEFAULT_QUEUE_FILTERS, parseQueueFilters, queueApiParams, queueSearch } from "./queue-filters.ts";

describe("support queue filters", () => {
  it("default to the open tickets of anyone, with nothing in the URL", () => {
    expect(parseQueueFilters(new URLSearchParams())).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(queueSearch(DEFAULT_QUEUE_FILTERS)).toBe("");
    expect(queueApiParams(DEFAULT_QUEUE_FILTERS)).toMatchObject({ status: "open", assignee: undefined });
  });

  it("survive a round trip through the URL", () => {
    const filters = {
      status: "waiting_for_customer",
      assignee: "me",
      severity: "critical",
      category: "technical",
      productId: "prod-1",
      q: "crash on start",
    } as const;
    const search = queueSearch(filters);
    expect(search).toBe(
      "?status=waiting_for_customer&assignee=me&severity=critical&category=technical&productId=prod-1&q=crash+on+start",
    );
    expect(parseQueueFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it('keep "all statuses" in the URL and send no status to the API for it', () => {
    const filters = { ...DEFAULT_QUEUE_FILTERS, status: "all" as const };
    expect(queueSearch(filters)).toBe("?status=all");
    expect(queueApiParams(filters).status).toBeUndefined();
  });

  it("drop unknown or unsafe values from a hand-edited URL", () => {
    const filters = parseQueueFilters(
      new URLSearchParams("status=pending&severity=urgent&category=x&assignee=a%2Fb&productId=%3Cscript%3E&q=%20%20"),
    );
    expect(filters).toEqual(DEFAULT_QUEUE_FILTERS);
  });

  it("give the API a query its schema accepts", () => {
    const params = queueApiParams({ ...DEFAULT_QUEUE_FILTERS, assignee: "unassigned", severity: "high", q: " acme " });
    const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    expect(OperatorTicketListQuery.parse(defined)).toMatchObject({
      status: "open",
      assignee: "unassigned",
      severity: "high",
      q: "acme",
    });
  });
});

describe("support console paths", () => {
  it("route the queue and a ticket", () => {
    expect(matchOperatorRoute(operatorPaths.support())).toEqual({ page: "support" });
    expect(matchOperatorRoute(operatorPaths.supportTicket("t 1/2"))).toEqual({ page: "supportTicket", ticketId: "t 1/2" });
    expect(matchOperatorRoute("/operator/support/t1/extra")).toBeNull();
  });
});
