/**
 * Date helpers for the key and operator forms. A date field holds a local calendar
 * day ("2027-03-31"); the API wants an instant. Pure, so they are unit-tested.
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar day of an instant, as an <input type="date"> value. */
export function toDateInput(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Parses "YYYY-MM-DD" as a local day; null when it is not a real date. */
function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export function isDateInput(value: string): boolean {
  return parseDay(value) !== null;
}

/** The last millisecond of that local day, as ISO (a key "expires on" the day shown). */
export function endOfDayIso(value: string): string | null {
  const day = parseDay(value);
  if (!day) return null;
  day.setHours(23, 59, 59, 999);
  return day.toISOString();
}

/**
 * A custom key expiry: the end of the chosen day, but never after the subscription's
 * own expiry (choosing the subscription's last day gives exactly its expiry).
 */
export function customExpiryIso(value: string, subscriptionExpiresAt: string | null): string | null {
  const end = endOfDayIso(value);
  if (!end) return null;
  if (subscriptionExpiresAt && Date.parse(end) > Date.parse(subscriptionExpiresAt)) {
    return toDateInput(subscriptionExpiresAt) === value ? subscriptionExpiresAt : end;
  }
  return end;
}

/** Whether a chosen day is after the subscription's last day (the server refuses it). */
export function isAfterSubscription(value: string, subscriptionExpiresAt: string | null): boolean {
  if (!subscriptionExpiresAt || !isDateInput(value)) return false;
  return value > toDateInput(subscriptionExpiresAt);
}

/** Whether a chosen day is already over (today is still allowed). */
export function isPastDay(value: string, now: Date = new Date()): boolean {
  const end = endOfDayIso(value);
  return end !== null && Date.parse(end) < now.getTime();
}
