import type { TestCard } from "./api.ts";

/**
 * The card form of the test gateway: what was typed, checked in the browser so that
 * typos are caught before any request (the gateway checks again). Pure, so it is
 * unit-tested. Returns i18n keys per field.
 */
export type CardValues = { number: string; expiry: string; cvc: string };
export type CardField = keyof CardValues;
export const EMPTY_CARD: CardValues = { number: "", expiry: "", cvc: "" };

/** The Luhn check every card number carries: one wrong digit or a swap of neighbours is caught. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = Number(digits[index]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** "4242 4242 4242 4242" → "4242424242424242"; spaces and dashes are how people type them. */
export const cardDigits = (text: string) => text.replace(/[\s-]/g, "");

/** "12/30", "12 / 2030", "1/30" → month and four-digit year; null when it is not an expiry. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[1]);
  const yearText = match[2] ?? "";
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return { month, year };
}

export function checkCard(values: CardValues, now: Date = new Date()): Partial<Record<CardField, string>> {
  const errors: Partial<Record<CardField, string>> = {};
  const digits = cardDigits(values.number);
  if (!digits) errors.number = "store.card.errors.numberRequired";
  else if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) errors.number = "store.card.errors.numberInvalid";
  const expiry = parseExpiry(values.expiry);
  if (!values.expiry.trim()) errors.expiry = "store.card.errors.expiryRequired";
  else if (!expiry) errors.expiry = "store.card.errors.expiryInvalid";
  else if (expiry.year * 12 + expiry.month < now.getFullYear() * 12 + now.getMonth() + 1)
    errors.expiry = "store.card.errors.expired";
  if (!/^\d{3,4}$/.test(values.cvc.trim())) errors.cvc = "store.card.errors.cvcInvalid";
  return errors;
}

/** The body for the gateway's /tokens; call it only after checkCard found nothing. */
export function toTestCard(values: CardValues): TestCard {
  const expiry = parseExpiry(values.expiry) ?? { month: 0, year: 0 };
  return { number: cardDigits(values.number), expMonth: expiry.month, expYear: expiry.year, cvc: values.cvc.trim() };
}

/** The test cards the built-in gateway knows, as shown on the Test mode banner. */
export const TEST_CARDS = [
  { number: "4242 4242 4242 4242", outcome: "store.testMode.cardSucceeds" },
  { number: "4000 0000 0000 0002", outcome: "store.testMode.cardDeclined" },
  { number: "4000 0027 6000 3184", outcome: "store.testMode.cardAuthenticates" },
] as const;
