import { describe, expect, it } from "vitest";
import { agentOptions } from "./labels.ts";
import { ticketChanges } from "./ticket-changes.ts";

const ticket = { status: "new", severity: "normal", assignee: { id: "op-1", name: "Olga" } } as const;

describe("ticket changes", () => {
  it("are null when nothing changed (the route refuses an empty change)", () => {
    expect(ticketChanges(ticket, { status: "new", severity: "normal", assignee: "op-1" })).toBeNull();
  });

  it("carry only what changed", () => {
    expect(ticketChanges(ticket, { status: "resolved", severity: "normal", assignee: "op-1" })).toEqual({ status: "resolved" });
    expect(ticketChanges(ticket, { status: "new", severity: "critical", assignee: "op-2" })).toEqual({
      severity: "critical",
      assigneeUserId: "op-2",
    });
  });

  it("unassign with null", () => {
    expect(ticketChanges(ticket, { status: "new", severity: "normal", assignee: "" })).toEqual({ assigneeUserId: null });
    expect(ticketChanges({ ...ticket, assignee: null }, { status: "new", severity: "normal", assignee: "" })).toBeNull();
  });
});

describe("agent options", () => {
  it("add the address only where two agents share a name", () => {
    const options = agentOptions([
      { id: "a", name: "Olga", email: "olga@vendor.example" },
      { id: "b", name: "Olga", email: "olga.k@vendor.example" },
      { id: "c", name: "Ivan", email: "ivan@vendor.example" },
    ]);
    expect(options.map((o) => o.label)).toEqual(["Olga (olga@vendor.example)", "Olga (olga.k@vendor.example)", "Ivan"]);
  });
});
