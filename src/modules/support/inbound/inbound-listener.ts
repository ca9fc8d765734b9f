import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { SupportTokens } from "../support-tokens.ts";
import { createInboundDelivery, type InboundDeps, SmtpReply } from "./inbound-delivery.ts";

/** The largest email taken: attachments are ≤ 10 MB each, and base64 adds a third. */
export const DEFAULT_MAX_INBOUND_BYTES = 25 * 1024 * 1024;

export type InboundMailListener = {
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
};

/**
 * The inbound SMTP listener: replies to a ticket's reply address
 * (`ticket+<id>.<mac>@<INBOUND_EMAIL_DOMAIN>`) become messages in that ticket.
 *
 * It is meant to sit behind the domain's MX (Postfix, a cloud mail gateway…), which
 * receives mail from the Internet, does TLS, SPF/DKIM/DMARC and spam filtering, and
 * relays to this port on a private network. So: no STARTTLS and no AUTH here (there is
 * nothing to authenticate; TLS belongs to the MX), one recipient per transaction (a
 * second gets 452 and the relay sends it in its own transaction, so every message
 * gets the answer of its one ticket), and refusals are given where SMTP can carry
 * them: unknown or tampered addresses at RCPT, strangers, closed tickets and oversize
 * messages at the end of DATA (5xx: the relay bounces to the sender, who learns why).
 */
export function createInboundMailListener(deps: InboundDeps & { tokens: SupportTokens; maxBytes?: number }): InboundMailListener {
  const delivery = createInboundDelivery(deps);
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_INBOUND_BYTES;
  const { logger } = deps;

  const reply = (error: unknown): Error => {
    if (error instanceof SmtpReply) return Object.assign(new Error(error.message), { responseCode: error.responseCode });
    logger.error({ err: error }, "inbound support email failed");
    // 451: a temporary failure, so the relay keeps the message and tries again later.
    return Object.assign(new Error("4.3.0 Temporary failure, please try again later."), { responseCode: 451 });
  };

  const ticketOf = (session: SMTPServerSession): string | null => {
    const rcpt = session.envelope.rcptTo[0];
    return rcpt ? deps.tokens.ticketOfReplyAddress(rcpt.address) : null;
  };

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    // Count while reading and keep nothing past the limit, so an oversize message costs no memory.
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded) {
      logger.info({ bytes: stream.byteLength, maxBytes }, "inbound email over the size limit refused");
      throw new SmtpReply(552, `5.3.4 Message too large: the limit is ${Math.floor(maxBytes / (1024 * 1024))} MB.`);
    }
    const ticketId = ticketOf(session);
    if (!ticketId) throw new SmtpReply(550, "5.1.1 No such ticket address.");
    // keepCidLinks: embedded images stay "cid:" references instead of data: URLs copied into the HTML.
    const mail = await simpleParser(Buffer.concat(chunks), { keepCidLinks: true });
    const from = session.envelope.mailFrom;
    const envelopeFrom = from && from.address !== "" ? from.address.trim().toLowerCase() : null;
    const outcome = await delivery.deliver(ticketId, mail, envelopeFrom);
    logger.info({ outcome, ticketId, envelopeFrom }, "inbound support email accepted");
  }

  const server = new SMTPServer({
    banner: "License Portal support mail",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    rejectOversized: true,
    maxRecipients: 1,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const ticketId = deps.tokens.ticketOfReplyAddress(address.address);
      if (!ticketId) {
        callback(reply(new SmtpReply(550, "5.1.1 No such ticket address.")));
        return;
      }
      delivery.checkRecipient(ticketId).then(
        () => callback(),
        (error: unknown) => callback(reply(error)),
      );
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: unknown) => {
          stream.resume(); // an early failure must not leave the client waiting for us to read
          callback(reply(error));
        },
      );
    },
  });
  server.on("error", (error) => logger.error({ err: error }, "inbound SMTP listener error"));

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.server.once("error", onError);
        server.listen(port, host, () => {
          server.server.off("error", onError);
          resolve({ port: (server.server.address() as AddressInfo).port });
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
