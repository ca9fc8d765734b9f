import { describe, expect, it } from "vitest";
import { CheckoutAttempts, newIdempotencyKey } from "./checkout-attempt.ts";

describe("checkout attempts", () => {
  it("reuses the key (and the card token) when the same form is submitted again", () => {
    const attempts = new CheckoutAttempts();
    const first = attempts.begin('{"quantity":5}');
    first.token = "tok_test_1";
    const retry = attempts.begin('{"quantity":5}');
    expect(retry.key).toBe(first.key);
    expect(retry.token).toBe("tok_test_1");
  });

  it("starts a new attempt after a decline, or when the form changed", () => {
    const attempts = new CheckoutAttempts();
    const first = attempts.begin("a");
    attempts.finish();
    const afterDecline = attempts.begin("a");
    expect(afterDecline.key).not.toBe(first.key);
    expect(afterDecline.token).toBeNull();
    expect(attempts.begin("b").key).not.toBe(afterDecline.key);
  });

  it("makes UUIDs the server accepts as an Idempotency-Key", () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});
