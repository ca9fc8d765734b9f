import { describe, expect, it } from "vitest";
import { TotpReplayGuard } from "./totp-replay-guard.ts";

describe("TotpReplayGuard", () => {
  it("refuses a code already used by the same person until it can no longer be valid", () => {
    let now = 0;
    const guard = new TotpReplayGuard(() => now);
    guard.markUsed("u1", "123456");
    expect(guard.wasUsed("u1", "123456")).toBe(true);
    expect(guard.wasUsed("u2", "123456")).toBe(false);
    expect(guard.wasUsed("u1", "654321")).toBe(false);
    now = 90_001;
    expect(guard.wasUsed("u1", "123456")).toBe(false);
  });
});
