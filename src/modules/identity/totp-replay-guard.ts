/**
 * RFC 6238 §5.2: a verifier must not accept the same one-time code twice. Better
 * Auth accepts a TOTP code again for as long as it is valid (its ±1 step window,
 * up to 90 s), so someone who sees a code over a shoulder or in a phishing proxy
 * could sign in with it too. We remember each accepted code per person until it
 * can no longer be valid. In memory: one process (issue 8 moves it to shared storage).
 */
const CODE_LIFETIME_MS = 90_000;

export class TotpReplayGuard {
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  wasUsed(userId: string, code: string): boolean {
    const expiresAt = this.used.get(`${userId}:${code}`);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  markUsed(userId: string, code: string): void {
    this.used.set(`${userId}:${code}`, this.now() + CODE_LIFETIME_MS);
    if (this.used.size > 10_000) {
      const now = this.now();
      for (const [key, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(key);
    }
  }
}
