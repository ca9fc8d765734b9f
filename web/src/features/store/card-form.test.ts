import { describe, expect, it } from "vitest";
import { checkCard, parseExpiry, passesLuhn, TEST_CARDS, toTestCard } from "./card-form.ts";

const now = new Date(2026, 10, 26);

describe("the card form", () => {
  it("accepts the test cards as people type them", () => {
    for (const card of TEST_CARDS) {
      expect(checkCard({ number: card.number, expiry: "12/30", cvc: "123" }, now)).toEqual({});
    }
    expect(toTestCard({ number: "4242-4242 4242 4242", expiry: " 1 / 2031 ", cvc: "1234" })).toEqual({
      number: "4242424242424242",
      expMonth: 1,
      expYear: 2031,
      cvc: "1234",
    });
  });

  it("catches typos with the Luhn check", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(passesLuhn("2424424242424242")).toBe(false);
    expect(checkCard({ number: "4242 4242 4242 4241", expiry: "12/30", cvc: "123" }, now).number).toBe(
      "store.card.errors.numberInvalid",
    );
  });

  it("reads expiry dates and refuses past months", () => {
    expect(parseExpiry("13/30")).toBeNull();
    expect(parseExpiry("0/30")).toBeNull();
    expect(parseExpiry("1230")).toBeNull();
    expect(parseExpiry("02/2028")).toEqual({ month: 2, year: 2028 });
    // This month still works; last month does not.
    expect(checkCard({ number: "4242424242424242", expiry: "11/26", cvc: "123" }, now)).toEqual({});
    expect(checkCard({ number: "4242424242424242", expiry: "10/26", cvc: "123" }, now).expiry).toBe("store.card.errors.expired");
  });

  it("names every missing field", () => {
    expect(checkCard({ number: "", expiry: "", cvc: "" }, now)).toEqual({
      number: "store.card.errors.numberRequired",
      expiry: "store.card.errors.expiryRequired",
      cvc: "store.card.errors.cvcInvalid",
    });
  });
});
