import type { ExpiringMap } from "../../server/shared-state.ts";

/**
 * RFC 6238 §5.2: a verifier must not accept the same one-time code twice. Better
 * Auth accepts a TOTP code again for as long as it is valid (its ±1 step window,
 * up to 90 s), so someone who sees a code over a shoulder or in a phishing proxy
 * could sign in with it too. We remember each accepted code per person until it
 * can no longer be valid, in the shared state (server/shared-state.ts): in memory
 * for one process, in Redis across several, where an unreachable Redis refuses the
 * check (fail-closed) rather than accept a code twice.
 */
export const CODE_LIFETIME_MS = 90_000;

export class TotpReplayGuard {
  /** `used` must keep entries for CODE_LIFETIME_MS. */
  constructor(private readonly used: ExpiringMap) {}

  async wasUsed(userId: string, code: string): Promise<boolean> {
    return (await this.used.get(`${userId}:${code}`)) !== undefined;
  }

  async markUsed(userId: string, code: string): Promise<void> {
    await this.used.set(`${userId}:${code}`, "1");
  }
}
