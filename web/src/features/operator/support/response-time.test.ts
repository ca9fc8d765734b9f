import { describe, expect, it } from "vitest";
import { formatDuration, isOverdue, responseState } from "./response-time.ts";

const created = Date.parse("2026-11-26T10:00:00Z");
const at = (minutes: number) => new Date(created + minutes * 60_000);
const target = (overrides: Partial<Parameters<typeof responseState>[0]> = {}) => ({
  plan: "premium" as const,
  targetMinutes: 240,
  dueAt: at(240).toISOString(),
  firstResponseAt: null,
  firstResponseMinutes: null,
  breached: false,
  ...overrides,
});

describe("response state", () => {
  it("counts down to the due time while no one has answered", () => {
    expect(responseState(target(), "new", at(100))).toEqual({ kind: "due", minutes: 140, dueAt: at(240).toISOString() });
  });

  it("turns overdue at the due time, judged against the clock, and is flagged", () => {
    const state = responseState(target(), "in_progress", at(275));
    expect(state).toEqual({ kind: "overdue", minutes: 35, dueAt: at(240).toISOString() });
    expect(isOverdue(state)).toBe(true);
  });

  it("trusts the server's breach even when the browser's clock is behind", () => {
    expect(responseState(target({ breached: true }), "new", at(10)).kind).toBe("overdue");
  });

  it("reports the first response against the target, late or on time", () => {
    const onTime = target({ firstResponseAt: at(45).toISOString(), firstResponseMinutes: 45 });
    expect(responseState(onTime, "in_progress", at(500))).toEqual({
      kind: "answered",
      minutes: 45,
      targetMinutes: 240,
      late: false,
    });
    const late = target({ firstResponseAt: at(300).toISOString(), firstResponseMinutes: 300, breached: true });
    expect(responseState(late, "resolved", at(500))).toMatchObject({ kind: "answered", late: true });
    expect(isOverdue(responseState(late, "resolved", at(500)))).toBe(false);
  });

  it("works the minutes out from the times if the server left them out", () => {
    const answered = target({ firstResponseAt: at(90).toISOString() });
    expect(responseState(answered, "in_progress", at(100))).toMatchObject({ kind: "answered", minutes: 90 });
  });

  it("stops counting for resolved or closed tickets without a public reply", () => {
    expect(responseState(target(), "resolved", at(1000))).toEqual({ kind: "unanswered" });
    expect(responseState(target(), "closed", at(1000))).toEqual({ kind: "unanswered" });
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(45, "en")).toBe("45 min");
    expect(formatDuration(125, "en")).toBe("2 hr 5 min");
    expect(formatDuration(60, "en")).toBe("1 hr");
    expect(formatDuration(3 * 1440 + 4 * 60 + 30, "en")).toBe("3 days 4 hr");
    expect(formatDuration(1440 + 5, "en")).toBe("1 day");
  });

  it("never says zero", () => {
    expect(formatDuration(0, "en")).toBe("1 min");
  });

  it("speaks the UI language", () => {
    expect(formatDuration(125, "de")).toBe("2 Std., 5 Min.");
  });
});
