/**
 * The time, injected: every date rule (expiry, grace, reminders) asks the clock, so
 * tests can move it instead of waiting or faking timers.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export function manualClock(start: Date = new Date()): Clock & { set(at: Date): void; advanceDays(days: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: Date) {
      current = new Date(at);
    },
    advanceDays(days: number) {
      current = new Date(current.getTime() + days * 24 * 60 * 60 * 1000);
    },
  };
}
