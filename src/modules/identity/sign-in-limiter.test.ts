import { describe, expect, it } from "vitest";
import { FailureWindow } from "./sign-in-limiter.ts";

describe("FailureWindow", () => {
  it("locks after the limit and reopens when the oldest failure leaves the window", () => {
    let now = 0;
    const window = new FailureWindow(3, 60_000, () => now);
    for (const at of [0, 10_000, 20_000]) {
      now = at;
      expect(window.retryAfterSeconds("a@example.com")).toBe(0);
      window.recordFailure("a@example.com");
    }
    now = 30_000;
    expect(window.retryAfterSeconds("a@example.com")).toBe(30);
    expect(window.retryAfterSeconds("b@example.com")).toBe(0);
    now = 60_001;
    expect(window.retryAfterSeconds("a@example.com")).toBe(0);
  });
});
