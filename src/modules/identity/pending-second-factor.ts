/**
 * Remembers who is half-way through a two-factor sign-in, keyed by Better Auth's
 * signed `two_factor` cookie, so a failed TOTP attempt can be written to the audit
 * log against the right person (Better Auth's 401 does not say who it was).
 * Entries expire with the cookie (10 minutes).
 */
const TWO_FACTOR_COOKIE = /(?:^|;\s*)((?:__Secure-)?better-auth\.two_factor)=([^;]+)/;
const TTL_MS = 10 * 60_000;

export class PendingSecondFactor {
  private readonly pending = new Map<string, { userId: string; expiresAt: number }>();

  /** Call with the Set-Cookie headers of a sign-in that answered `twoFactorRedirect`. */
  remember(setCookies: string[], userId: string): void {
    for (const header of setCookies) {
      const match = TWO_FACTOR_COOKIE.exec(header);
      if (match?.[2]) this.pending.set(match[2], { userId, expiresAt: Date.now() + TTL_MS });
    }
    if (this.pending.size > 50_000) this.sweep();
  }

  /** The person behind the `two_factor` cookie in a request's Cookie header, if known. */
  userFor(cookieHeader: string | undefined): string | undefined {
    const value = cookieHeader ? TWO_FACTOR_COOKIE.exec(cookieHeader)?.[2] : undefined;
    const entry = value ? this.pending.get(value) : undefined;
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.userId;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt < now) this.pending.delete(key);
  }
}
