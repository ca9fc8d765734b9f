import { createHash, randomBytes } from "node:crypto";

/** Invitation links stay valid this long after they are sent (or resent). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A fresh join token: 256 bits from the CSPRNG (ASVS 11.5.1 asks for ≥128), base64url.
 * Only its SHA-256 is stored; at this entropy a plain hash is enough (ASVS 6.5.2), and
 * it lets acceptance look the invitation up by an index.
 */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The join link. The token rides in the #fragment: browsers never send it to the
 * server or a proxy, so it cannot end up in an access log, and the page POSTs it.
 */
export function joinUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/join#token=${token}`;
}
