import { Readable } from "node:stream";
import type { FastifyBaseLogger } from "fastify";
import type { ParsedMail } from "mailparser";
import { isUniqueViolation } from "../../../db/constraint-errors.ts";
import type { Database } from "../../../db/database.ts";
import type { Clock } from "../../../server/clock.ts";
import { AppError } from "../../../server/errors.ts";
import { insertAuditEvent } from "../../audit/audit.repo.ts";
import type { TicketRow } from "../ticket-access.ts";
import { isOpenToCustomers, type TicketThread } from "../ticket-thread.ts";
import { findTicket, isDeliveredAlready, lockTicket } from "./inbound.repo.ts";
import { attachmentsOf, deliveryKey, isAutoReply, replyText, senderOf } from "./inbound-message.ts";
import { type InboundAuthor, resolveSender } from "./inbound-sender.ts";

/** An SMTP answer other than 250: the listener passes code and text to the sending server. */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = "SmtpReply";
  }
}

export const TICKET_CLOSED_REPLY = "This ticket is closed; open a new one in License Portal.";
const noSuchTicket = () => new SmtpReply(550, "5.1.1 No such ticket address.");
const refused = () =>
  new SmtpReply(550, "5.7.1 This address cannot reply to this ticket. Reply from the address the ticket emails you at.");
const closed = () => new SmtpReply(550, `5.7.1 ${TICKET_CLOSED_REPLY}`);

/** The structural part of createSupportAttachments the listener uses (save an upload, then bind it). */
export type AttachmentSaver = {
  save(input: {
    accountId: string;
    fileName: string;
    body: Readable;
    uploader: { userId: string } | { watcherId: string };
  }): Promise<{ id: string; fileName: string; mediaType: string; size: number }>;
};

export type InboundDeps = {
  database: Database;
  thread: TicketThread;
  attachments: AttachmentSaver;
  clock: Clock;
  logger: Pick<FastifyBaseLogger, "info" | "warn" | "error">;
};

export type DeliveryOutcome = "threaded" | "duplicate" | "auto_reply" | "empty";

/**
 * Threads one accepted email into its ticket, or throws SmtpReply. Order matters:
 * auto-replies are dropped before the sender check (an out-of-office from anyone is not
 * worth a refusal, an audit row or a bounce), the sender is checked before the body is
 * used, and duplicates are checked before attachments are stored.
 */
export function createInboundDelivery(deps: InboundDeps) {
  const { database, thread, attachments, clock, logger } = deps;
  const db = database.db;

  async function refuse(ticket: TicketRow, sender: string | null, reason: string, envelopeFrom: string | null): Promise<never> {
    // Never the body: refused mail may be anyone's, and the log is not the place for it.
    logger.warn({ ticketReference: ticket.reference, sender, envelopeFrom, reason }, "inbound support email refused");
    await insertAuditEvent(db, {
      action: "support.inbound_refused",
      outcome: "denied",
      accountId: ticket.accountId,
      targetType: "support_ticket",
      targetId: ticket.id,
      // `name` is what the account's audit log shows as the target.
      metadata: { name: ticket.reference, sender: sender ?? "", ticketReference: ticket.reference, reason },
    });
    throw refused();
  }

  async function saveAttachments(ticket: TicketRow, author: InboundAuthor, mail: ParsedMail): Promise<string[]> {
    const { files, skipped } = attachmentsOf(mail);
    if (skipped > 0)
      logger.info({ ticketReference: ticket.reference, skipped }, "inbound email: attachments over the limit skipped");
    const uploader = author.kind === "watcher" ? { watcherId: author.watcherId } : { userId: author.userId };
    const ids: string[] = [];
    for (const file of files) {
      try {
        const saved = await attachments.save({
          accountId: ticket.accountId,
          fileName: file.fileName,
          body: Readable.from([file.content]),
          uploader,
        });
        ids.push(saved.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        // A type we do not take (or too large): the reply still counts, without that file.
        logger.info(
          { ticketReference: ticket.reference, fileName: file.fileName, code: error.code },
          "inbound email: attachment skipped",
        );
      }
    }
    return ids;
  }

  return {
    /** The ticket a reply address names, if it exists and still takes replies (checked again at DATA). */
    async checkRecipient(ticketId: string): Promise<void> {
      const ticket = await findTicket(db, ticketId);
      if (!ticket) throw noSuchTicket();
      if (!isOpenToCustomers(ticket, clock.now())) throw closed();
    },

    async deliver(ticketId: string, mail: ParsedMail, envelopeFrom: string | null): Promise<DeliveryOutcome> {
      const ticket = await findTicket(db, ticketId);
      if (!ticket) throw noSuchTicket();
      const sender = senderOf(mail);
      const log = { ticketReference: ticket.reference, sender };
      if (isAutoReply(mail)) {
        logger.info(log, "inbound email: automatic reply ignored");
        return "auto_reply";
      }
      if (!sender) return refuse(ticket, null, "no_sender", envelopeFrom);
      // The MX in front checks SPF on the envelope sender (and DMARC aligns From with it);
      // a From that differs from the envelope is how a forged From gets past that check.
      if (envelopeFrom && envelopeFrom !== sender) return refuse(ticket, sender, "envelope_mismatch", envelopeFrom);
      const resolved = await resolveSender(db, ticket, sender);
      if (resolved.kind === "refused") return refuse(ticket, sender, resolved.reason, envelopeFrom);
      if (!isOpenToCustomers(ticket, clock.now())) throw closed();

      const key = deliveryKey(mail);
      const duplicate = () => {
        logger.info(log, "inbound email: duplicate delivery ignored");
        return "duplicate" as const;
      };
      if (await isDeliveredAlready(db, ticket.id, key)) return duplicate();
      const text = await replyText(mail);
      const attachmentIds = await saveAttachments(ticket, resolved.author, mail);
      if (text === "" && attachmentIds.length === 0) {
        logger.info(log, "inbound email: nothing to post (no text, no allowed attachment)");
        return "empty";
      }
      const body = text === "" ? "(attachments sent by email)" : text;

      try {
        return await db.transaction().execute(async (trx) => {
          // Serializes deliveries to this ticket, so a resent copy that arrives while the
          // first is being posted finds its message below and stops. The unique index on
          // (ticket_id, email_message_id) is the backstop (see the catch).
          await lockTicket(trx, database.engine, ticket.id);
          if (await isDeliveredAlready(trx, ticket.id, key)) return duplicate();
          await thread.post(trx, {
            ticketId: ticket.id,
            author: resolved.author,
            body,
            visibility: "public",
            via: "email",
            attachmentIds,
            emailMessageId: key,
          });
          return "threaded" as const;
        });
      } catch (error) {
        // A copy posted by a concurrent delivery won the unique index: this one is the duplicate.
        // (Checked, so that an unrelated unique violation is not silently swallowed.)
        if (isUniqueViolation(error) && (await isDeliveredAlready(db, ticket.id, key))) return duplicate();
        if (error instanceof AppError && error.code === "TICKET_CLOSED") throw closed();
        if (error instanceof AppError && error.status < 500) throw new SmtpReply(550, `5.7.1 ${error.message}`);
        throw error;
      }
    },
  };
}
