import { createHash } from "node:crypto";
import type { ExpiringMap } from "../../server/shared-state.ts";

/**
 * Remembers who is half-way through a two-factor sign-in, keyed by Better Auth's
 * signed `two_factor` cookie, so a failed TOTP attempt can be written to the audit
 * log against the right person (Better Auth's 401 does not say who it was).
 * Entries expire with the cookie (10 minutes). Kept in the shared state, so the
 * second step may reach another server process than the first.
 */
const TWO_FACTOR_COOKIE = /(?:^|;\s*)((?:__Secure-)?better-auth\.two_factor)=([^;]+)/;
export const PENDING_SECOND_FACTOR_TTL_MS = 10 * 60_000;

export class PendingSecondFactor {
  /** `pending` must keep entries for PENDING_SECOND_FACTOR_TTL_MS. */
  constructor(private readonly pending: ExpiringMap) {}

  /** Call with the Set-Cookie headers of a sign-in that answered `twoFactorRedirect`. */
  async remember(setCookies: string[], userId: string): Promise<void> {
    for (const header of setCookies) {
      const match = TWO_FACTOR_COOKIE.exec(header);
      if (match?.[2]) await this.pending.set(keyOf(match[2]), userId);
    }
  }

  /** The person behind the `two_factor` cookie in a request's Cookie header, if known. */
  async userFor(cookieHeader: string | undefined): Promise<string | undefined> {
    const value = cookieHeader ? TWO_FACTOR_COOKIE.exec(cookieHeader)?.[2] : undefined;
    return value ? this.pending.get(keyOf(value)) : undefined;
  }
}

/** The cookie is a bearer secret: only its hash is kept (Redis may be shared, dumped, monitored). */
const keyOf = (cookieValue: string) => createHash("sha256").update(cookieValue).digest("base64url");
