import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { symmetricDecrypt } from "better-auth/crypto";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Better Auth stores secrets imported from other providers as `base32:<secret>`; ours are plain. */
const BASE32_PREFIX = "base32:";

/**
 * Checks a TOTP code against the person's confirmed authenticator, for callers that
 * cannot go through Better Auth's sign-in flow (a farm's console activating with email,
 * password and code). The same secret, decryption and ±1-step window as Better Auth's
 * own verify-totp; the caller adds the replay guard (TotpReplayGuard).
 */
export async function verifyTotpCode(db: Kysely<DB>, authSecret: string, userId: string, code: string): Promise<boolean> {
  const { rows } = await sql<{ secret: string; verified: number | boolean | null }>`
    select secret, verified from two_factors where user_id = ${userId}`.execute(db);
  const row = rows[0];
  // A setup that was never confirmed does not protect the account yet (Better Auth ignores it at sign-in too).
  if (!row || row.verified === false || row.verified === 0) return false;
  try {
    const stored = await symmetricDecrypt({ key: authSecret, data: row.secret });
    const secret = stored.startsWith(BASE32_PREFIX) ? base32.decode(stored.slice(BASE32_PREFIX.length).toUpperCase()) : stored;
    return await createOTP(secret, { period: 30, digits: 6 }).verify(code);
  } catch {
    return false;
  }
}
