import { describe, expect, it } from "vitest";
import { customExpiryIso, endOfDayIso, isAfterSubscription, isDateInput, isPastDay, toDateInput } from "./dates.ts";

describe("date inputs", () => {
  it("reads and writes local calendar days", () => {
    const iso = new Date(2027, 2, 31, 15, 30).toISOString();
    expect(toDateInput(iso)).toBe("2027-03-31");
    expect(isDateInput("2027-02-29")).toBe(false);
    expect(isDateInput("2028-02-29")).toBe(true);
    expect(isDateInput("31/03/2027")).toBe(false);
  });

  it("a day ends at its last millisecond, local time", () => {
    const end = endOfDayIso("2027-03-31");
    expect(end && new Date(end).getHours()).toBe(23);
    expect(end && toDateInput(end)).toBe("2027-03-31");
    expect(endOfDayIso("nope")).toBeNull();
  });

  it("a custom key expiry never passes the subscription's", () => {
    const subscriptionEnd = new Date(2027, 5, 15, 10, 0).toISOString();
    expect(customExpiryIso("2027-06-15", subscriptionEnd)).toBe(subscriptionEnd);
    expect(customExpiryIso("2027-06-10", subscriptionEnd)).toBe(endOfDayIso("2027-06-10"));
    expect(customExpiryIso("2027-06-10", null)).toBe(endOfDayIso("2027-06-10"));
    expect(isAfterSubscription("2027-06-16", subscriptionEnd)).toBe(true);
    expect(isAfterSubscription("2027-06-15", subscriptionEnd)).toBe(false);
    expect(isAfterSubscription("2099-01-01", null)).toBe(false);
  });

  it("today is not in the past; yesterday is", () => {
    const now = new Date(2027, 0, 10, 12);
    expect(isPastDay("2027-01-10", now)).toBe(false);
    expect(isPastDay("2027-01-09", now)).toBe(true);
  });
});
