import { describe, expect, it } from "vitest";
import { createMemoryState } from "../../server/shared-state.ts";
import { CODE_LIFETIME_MS, TotpReplayGuard } from "./totp-replay-guard.ts";

describe("TotpReplayGuard", () => {
  it("refuses a code already used by the same person until it can no longer be valid", async () => {
    let now = 0;
    const guard = new TotpReplayGuard(createMemoryState().expiringMap("totp", CODE_LIFETIME_MS, "fail-closed", () => now));
    await guard.markUsed("u1", "123456");
    expect(await guard.wasUsed("u1", "123456")).toBe(true);
    expect(await guard.wasUsed("u2", "123456")).toBe(false);
    expect(await guard.wasUsed("u1", "654321")).toBe(false);
    now = 90_001;
    expect(await guard.wasUsed("u1", "123456")).toBe(false);
  });
});
