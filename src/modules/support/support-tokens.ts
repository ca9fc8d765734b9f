import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * The two capabilities support hands out by email, both derived (HMAC) rather than stored,
 * so nothing in a database dump opens a ticket and nothing needs rotating per message:
 *
 * - a ticket's reply address, `ticket+<ticketId>.<mac>@<domain>`: the inbound listener
 *   threads mail sent to it into that ticket (the sender is still checked against the
 *   ticket's creator, members and watchers);
 * - an outside watcher's link token, `<watcherId>.<mac>`: it opens that one ticket's public
 *   side and nothing else, and stops working when the watcher is removed (the row is gone).
 *
 * The MACs are lower-case hex, because mail systems may change the case of local parts.
 */
export type SupportTokens = ReturnType<typeof createSupportTokens>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC_HEX = 16;

export function createSupportTokens(secret: string, inboundDomain: string) {
  const key = Buffer.from(hkdfSync("sha256", secret, "license-portal", "support tokens v1", 32));
  const mac = (purpose: string, value: string) =>
    createHmac("sha256", key).update(`${purpose}:${value}`).digest("hex").slice(0, MAC_HEX);
  const verify = (purpose: string, value: string, given: string) => {
    const expected = Buffer.from(mac(purpose, value));
    const actual = Buffer.from(given.toLowerCase());
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  const split = (token: string): [string, string] | null => {
    const dot = token.lastIndexOf(".");
    if (dot <= 0) return null;
    const id = token.slice(0, dot).toLowerCase();
    return UUID.test(id) ? [id, token.slice(dot + 1)] : null;
  };

  return {
    replyAddress(ticketId: string): string {
      return `ticket+${ticketId}.${mac("reply", ticketId)}@${inboundDomain}`;
    },
    /** The ticket id a reply address names, or null (wrong domain, tampered or not ours). */
    ticketOfReplyAddress(address: string): string | null {
      const match = /^ticket\+([^@]+)@(.+)$/i.exec(address.trim());
      if (!match?.[1] || match[2]?.toLowerCase() !== inboundDomain) return null;
      const parts = split(match[1]);
      return parts && verify("reply", parts[0], parts[1]) ? parts[0] : null;
    },
    watchLinkToken(watcherId: string): string {
      return `${watcherId}.${mac("watch", watcherId)}`;
    },
    /** The watcher id a link token names, or null. The caller must still find the watcher row. */
    watcherOfLinkToken(token: string): string | null {
      const parts = split(token);
      return parts && verify("watch", parts[0], parts[1]) ? parts[0] : null;
    },
  };
}
