import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { REOPEN_WINDOW_DAYS } from "../../../contracts/support.ts";
import type { DB } from "../../db/schema.ts";
import type { TicketStatus } from "../../db/schema-support.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import type { Sealer } from "../notifications/sealed-fields.ts";
import { type EmailAuthor, emailTicketStatus, emailTicketUpdate } from "./support-emails.ts";
import type { SupportTokens } from "./support-tokens.ts";
import { type TicketRow, ticketNotFound } from "./ticket-access.ts";

export type { TicketStatus };

export type ThreadAuthor =
  | { kind: "customer"; userId: string; name: string }
  | { kind: "operator"; userId: string; name: string }
  | { kind: "watcher"; watcherId: string; email: string; name: string };

export type PostMessageInput = {
  ticketId: string;
  author: ThreadAuthor;
  body: string;
  visibility: "public" | "internal";
  via: "portal" | "email" | "link";
  attachmentIds: string[];
  status?: TicketStatus;
  /** Inbound email only: its Message-ID (or content hash), unique per ticket, so a re-delivered copy cannot post twice. */
  emailMessageId?: string;
};

export type TicketThread = {
  /** In the caller's transaction: inserts the message, binds the attachments (each must be an unbound
   *  upload of this author: userId or watcherId, and of the ticket's account, else 400 ATTACHMENT_NOT_FOUND),
   *  applies the status rules (409 TICKET_CLOSED), stamps first_response_at / last_activity_at, and writes
   *  the notification emails to the outbox. */
  post(trx: Transaction<DB>, input: PostMessageInput): Promise<{ messageId: string }>;
  /** Status change without a message (customer resolve/reopen, operator PATCH): same rules, emails on resolved/closed. */
  setStatus(trx: Transaction<DB>, ticketId: string, status: TicketStatus, by: ThreadAuthor): Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export const ticketClosed = () =>
  new AppError(409, "TICKET_CLOSED", "This ticket is closed. Open a new ticket if you still need help.");
export const attachmentNotFound = () =>
  new AppError(400, "ATTACHMENT_NOT_FOUND", "An attachment was not found. Upload the file again and retry.");

/** Until when a resolved ticket can be reopened by its customer; null unless it is resolved. */
export function reopenUntil(ticket: Pick<TicketRow, "status" | "resolvedAt">): Date | null {
  if (ticket.status !== "resolved" || !ticket.resolvedAt) return null;
  return new Date(ticket.resolvedAt.getTime() + REOPEN_WINDOW_DAYS * DAY_MS);
}

/** Whether a customer (or watcher) may still write to the ticket at `now`. */
export function isOpenToCustomers(ticket: Pick<TicketRow, "status" | "resolvedAt">, now: Date): boolean {
  if (ticket.status === "closed") return false;
  const until = reopenUntil(ticket);
  return until === null || now.getTime() <= until.getTime();
}

/** The column changes of moving a ticket to `next`: resolved_at/closed_at stamped on entry, cleared on reopening. */
export function statusChange(ticket: TicketRow, next: TicketStatus, now: Date) {
  return {
    status: next,
    resolvedAt:
      next === "resolved"
        ? ticket.status === "resolved"
          ? ticket.resolvedAt
          : now
        : next === "closed"
          ? ticket.resolvedAt
          : null,
    closedAt: next === "closed" ? (ticket.status === "closed" ? ticket.closedAt : now) : null,
  };
}

const emailAuthorOf = (a: ThreadAuthor): EmailAuthor =>
  a.kind === "watcher" ? { watcherId: a.watcherId } : { userId: a.userId };

/**
 * The ticket's thread: every message and status change goes through here, whoever writes
 * (customer in the portal, outside watcher by link, anyone by email, operator), so the status
 * rules, the first-response clock and the emails are the same for all of them.
 */
export function createTicketThread(deps: {
  clock: Clock;
  publicUrl: string;
  sealer: Sealer;
  tokens: SupportTokens;
}): TicketThread {
  const { clock } = deps;

  /**
   * Takes the ticket's row lock (an UPDATE locks it on PostgreSQL; SQLite's transaction already
   * holds the only writer), so two replies at once apply their status rules one after the other.
   */
  async function lockTicket(trx: Transaction<DB>, ticketId: string, now: Date): Promise<TicketRow> {
    const row = await trx
      .updateTable("supportTickets")
      .set({ updatedAt: now })
      .where("id", "=", ticketId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw ticketNotFound();
    return row;
  }

  /**
   * When a new message is stamped: `now`, but at least 1 ms after the ticket's latest message.
   * The thread is read in created_at order (then by the random id), so two posts in the same
   * millisecond (or a clock that stepped back) could otherwise swap; under the ticket's row lock
   * this keeps the order strict and the same as the order of insertion.
   */
  async function messageTime(trx: Transaction<DB>, ticketId: string, now: Date): Promise<Date> {
    const last = await trx
      .selectFrom("supportMessages")
      .select("createdAt")
      .where("ticketId", "=", ticketId)
      .orderBy("createdAt", "desc")
      .limit(1)
      .executeTakeFirst();
    return last && last.createdAt.getTime() >= now.getTime() ? new Date(last.createdAt.getTime() + 1) : now;
  }

  /** The status a customer's or watcher's public reply leaves: reopens a recently resolved ticket. */
  function customerReplyStatus(ticket: TicketRow, now: Date): TicketStatus {
    if (!isOpenToCustomers(ticket, now)) throw ticketClosed();
    return ticket.status === "waiting_for_customer" || ticket.status === "resolved" ? "in_progress" : ticket.status;
  }

  async function auditStatus(trx: Transaction<DB>, ticket: TicketRow, from: TicketStatus, to: TicketStatus, by: ThreadAuthor) {
    await insertAuditEvent(trx, {
      action: "support.ticket_status_changed",
      outcome: "success",
      actorUserId: by.kind === "watcher" ? null : by.userId,
      accountId: ticket.accountId,
      targetType: "support_ticket",
      targetId: ticket.id,
      metadata: {
        // `name` is what the account's audit log shows as the target (as other modules name theirs).
        name: ticket.reference,
        reference: ticket.reference,
        from,
        to,
        by: by.kind,
        ...(by.kind === "watcher" ? { watcherEmail: by.email } : {}),
      },
    });
  }

  async function bindAttachments(trx: Transaction<DB>, ticket: TicketRow, input: PostMessageInput, messageId: string) {
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length === 0) return;
    let query = trx
      .updateTable("supportAttachments")
      .set({ messageId, ticketId: ticket.id })
      .where("id", "in", ids)
      .where("messageId", "is", null)
      .where("accountId", "=", ticket.accountId);
    query =
      input.author.kind === "watcher"
        ? query.where("uploadedByWatcherId", "=", input.author.watcherId)
        : query.where("uploadedByUserId", "=", input.author.userId);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== ids.length) throw attachmentNotFound();
  }

  return {
    async post(trx, input) {
      const now = clock.now();
      const ticket = await lockTicket(trx, input.ticketId, now);
      const isOperator = input.author.kind === "operator";
      const isPublic = input.visibility === "public";
      if (!isOperator && !isPublic) throw new AppError(400, "VALIDATION_FAILED", "Only operators write internal notes.");

      let next: TicketStatus = ticket.status;
      if (!isOperator) next = customerReplyStatus(ticket, now);
      else if (input.status) next = input.status;
      else if (isPublic && ticket.status === "new") next = "in_progress";

      const messageId = randomUUID();
      await trx
        .insertInto("supportMessages")
        .values({
          id: messageId,
          ticketId: ticket.id,
          authorKind: input.author.kind,
          authorUserId: input.author.kind === "watcher" ? null : input.author.userId,
          authorEmail: input.author.kind === "watcher" ? input.author.email : null,
          authorName: input.author.name,
          visibility: input.visibility,
          body: input.body,
          via: input.via,
          createdAt: await messageTime(trx, ticket.id, now),
          emailMessageId: input.emailMessageId ?? null,
        })
        .execute();
      await bindAttachments(trx, ticket, input, messageId);

      const firstResponse = isOperator && isPublic && ticket.firstResponseAt === null;
      const changes = next === ticket.status ? {} : statusChange(ticket, next, now);
      const updated = await trx
        .updateTable("supportTickets")
        .set({
          ...changes,
          ...(firstResponse ? { firstResponseAt: now } : {}),
          // Internal notes are not activity the customer's list should surface.
          ...(isPublic || next !== ticket.status ? { lastActivityAt: now } : {}),
          updatedAt: now,
        })
        .where("id", "=", ticket.id)
        .returningAll()
        .executeTakeFirstOrThrow();

      if (next !== ticket.status) await auditStatus(trx, ticket, ticket.status, next, input.author);
      if (isPublic) {
        await emailTicketUpdate(trx, deps, updated, emailAuthorOf(input.author), {
          authorName: input.author.name,
          body: input.body,
        });
      }
      if (next !== ticket.status && (next === "resolved" || next === "closed")) {
        await emailTicketStatus(trx, deps, updated, next, emailAuthorOf(input.author));
      }
      return { messageId };
    },

    async setStatus(trx, ticketId, status, by) {
      const now = clock.now();
      const ticket = await lockTicket(trx, ticketId, now);
      if (status === ticket.status) return;
      if (by.kind !== "operator") {
        // Customers resolve an open ticket, or reopen a resolved one within the window.
        if (!isOpenToCustomers(ticket, now)) throw ticketClosed();
        const allowed = status === "resolved" || (status === "in_progress" && ticket.status === "resolved");
        if (!allowed) throw new AppError(409, "STATUS_CHANGE_NOT_ALLOWED", "This status change is not available.");
      }
      const updated = await trx
        .updateTable("supportTickets")
        .set({ ...statusChange(ticket, status, now), lastActivityAt: now, updatedAt: now })
        .where("id", "=", ticket.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await auditStatus(trx, ticket, ticket.status, status, by);
      if (status === "resolved" || status === "closed") await emailTicketStatus(trx, deps, updated, status, emailAuthorOf(by));
    },
  };
}
