import type { z } from "zod";
import type { ResponseTarget, TicketStatus } from "../../../../../contracts/support.ts";

type Response = z.infer<typeof ResponseTarget>;

/**
 * Where a ticket stands against its response target (the plan's minutes for its
 * severity): answered (on time or late), still due, overdue, or closed without a
 * public reply. Pending tickets are judged against `now`, so a row turns overdue while
 * the queue is open; answered ones keep the server's verdict.
 */
export type ResponseState =
  | { kind: "answered"; minutes: number; targetMinutes: number; late: boolean }
  | { kind: "due"; minutes: number; dueAt: string }
  | { kind: "overdue"; minutes: number; dueAt: string }
  | { kind: "unanswered" };

const MINUTE = 60_000;

export function responseState(response: Response, status: TicketStatus, now: Date): ResponseState {
  if (response.firstResponseAt !== null) {
    const minutes =
      response.firstResponseMinutes ??
      Math.max(
        0,
        Math.round((Date.parse(response.firstResponseAt) - Date.parse(response.dueAt)) / MINUTE) + response.targetMinutes,
      );
    return { kind: "answered", minutes, targetMinutes: response.targetMinutes, late: response.breached };
  }
  // A resolved or closed ticket no longer waits for a first response.
  if (status === "resolved" || status === "closed") return { kind: "unanswered" };
  const left = Date.parse(response.dueAt) - now.getTime();
  if (left > 0 && !response.breached) return { kind: "due", minutes: Math.ceil(left / MINUTE), dueAt: response.dueAt };
  return { kind: "overdue", minutes: Math.max(0, Math.floor(-left / MINUTE)), dueAt: response.dueAt };
}

/** Whether the row needs attention: flagged in words ("Overdue"), never by colour alone. */
export function isOverdue(state: ResponseState): boolean {
  return state.kind === "overdue";
}

/**
 * A duration in its two largest units in the UI language: "2 days 3 hr", "45 min",
 * "2 Std. 5 Min.". Intl does the words and the plurals; under a minute counts as one.
 */
export function formatDuration(minutes: number, locale: string): string {
  const total = Math.max(1, Math.round(minutes));
  const parts: Array<[number, "day" | "hour" | "minute"]> = [
    [Math.floor(total / 1440), "day"],
    [Math.floor((total % 1440) / 60), "hour"],
    [total % 60, "minute"],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  const shown = parts.slice(first, first + 2).filter(([value]) => value > 0);
  const words = shown.map(([value, unit]) =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value),
  );
  return new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(words);
}
