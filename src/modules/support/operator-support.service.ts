import type { Readable } from "node:stream";
import type { z } from "zod";
import type {
  Attachment,
  OperatorReplyBody,
  OperatorTicketListQuery,
  OperatorTicketSummary,
  OperatorTicketView,
  SupportAgents,
  TicketSeverity,
  TicketStatus,
} from "../../../contracts/support.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { IdentityService } from "../identity/identity.service.ts";
import { findTicketAttachment } from "./attachments.repo.ts";
import type { SupportAttachments } from "./attachments.ts";
import { findOperator, findTicketRow, listOperators, listQueue, type QueueRow } from "./operator-support.repo.ts";
import { creditIncident, DEFAULT_PLAN, findPlan, incidentsLeft, targetMinutes } from "./support-plans.ts";
import { ticketNotFound } from "./ticket-access.ts";
import type { ThreadAuthor, TicketThread } from "./ticket-thread.ts";
import { loadTicketDetail, responseTarget, toSummary } from "./ticket-view.ts";

type Deps = {
  database: Database;
  clock: Clock;
  identity: Pick<IdentityService, "requireOperator">;
  thread: TicketThread;
  attachments: SupportAttachments;
};

export type OperatorSupportService = ReturnType<typeof createOperatorSupportService>;
export type Operator = { userId: string; name: string };

export const operatorAttachmentUrl = (ticketId: string, attachmentId: string) =>
  `/api/operator/support/tickets/${ticketId}/attachments/${attachmentId}`;

/** The name an account goes by in the console: its company, or the owner of a personal account. */
const accountName = (r: { companyName: string | null; ownerName: string | null }) =>
  r.companyName ?? r.ownerName ?? "Personal account";

function toQueueItem(r: QueueRow, now: Date): OperatorTicketSummary {
  const { watching: _watching, ...summary } = toSummary(r, false);
  return {
    ...summary,
    account: { id: r.accountId, name: accountName(r) },
    assignee: r.assigneeUserId ? { id: r.assigneeUserId, name: r.assigneeName ?? "" } : null,
    response: responseTarget(r, now),
  };
}

/**
 * The operators' support console: the queue across every account, a ticket with its
 * internal notes, replies and notes (through the same thread as everyone else's, so the
 * status rules, first-response clock and emails cannot differ), assignment, severity,
 * status, incident credits and attachments. Every call checks users.is_operator first.
 */
export function createOperatorSupportService({ database, clock, identity, thread, attachments }: Deps) {
  const { db, engine } = database;

  const author = (op: Operator): ThreadAuthor => ({ kind: "operator", userId: op.userId, name: op.name });

  async function view(ticketId: string): Promise<OperatorTicketView> {
    const now = clock.now();
    const detail = await loadTicketDetail(db, ticketId, "operator", null, {
      urlFor: (attachmentId) => operatorAttachmentUrl(ticketId, attachmentId),
      now,
    });
    const { watching: _watching, subscriptionId, ...rest } = detail;
    return { ...rest, incidentsLeft: subscriptionId ? await incidentsLeft(db, subscriptionId, now) : null };
  }

  async function existingTicket(ticketId: string) {
    const ticket = await findTicketRow(db, ticketId);
    if (!ticket) throw ticketNotFound();
    return ticket;
  }

  return {
    requireOperator: identity.requireOperator,

    async list(op: Operator, query: OperatorTicketListQuery) {
      const now = clock.now();
      const page = await listQueue(db, engine, query, op.userId);
      return { items: page.rows.map((r) => toQueueItem(r, now)), nextCursor: page.nextCursor };
    },

    view,

    /** A public reply (emails everyone on the ticket) or an internal note (emails no one). */
    async reply(op: Operator, ticketId: string, body: OperatorReplyBody): Promise<OperatorTicketView> {
      await db.transaction().execute(async (trx) => {
        await thread.post(trx, {
          ticketId,
          author: author(op),
          body: body.body,
          visibility: body.visibility,
          via: "portal",
          attachmentIds: body.attachmentIds,
          ...(body.status ? { status: body.status } : {}),
        });
      });
      return view(ticketId);
    },

    /**
     * Status, assignee and severity in one transaction. A new severity moves the response
     * target to that severity's target of the ticket's plan: the target is "how fast for
     * this severity", and the severity the customer chose may have been wrong either way.
     */
    async update(
      op: Operator,
      ticketId: string,
      body: { status?: TicketStatus; assigneeUserId?: string | null; severity?: TicketSeverity },
    ): Promise<OperatorTicketView> {
      const ticket = await existingTicket(ticketId);
      if (body.assigneeUserId) {
        const assignee = await findOperator(db, body.assigneeUserId);
        if (!assignee?.isOperator) {
          throw new AppError(400, "ASSIGNEE_NOT_AN_OPERATOR", "Tickets can only be assigned to operators.", {
            errors: [{ field: "assigneeUserId", message: "Choose an operator." }],
          });
        }
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const changes = {
          ...(body.assigneeUserId !== undefined ? { assigneeUserId: body.assigneeUserId } : {}),
          ...(body.severity && body.severity !== ticket.severity
            ? {
                severity: body.severity,
                responseTargetMinutes: targetMinutes(await findPlan(trx, ticket.supportPlan ?? DEFAULT_PLAN), body.severity),
              }
            : {}),
        };
        if (Object.keys(changes).length > 0) {
          await trx
            .updateTable("supportTickets")
            .set({ ...changes, updatedAt: now })
            .where("id", "=", ticket.id)
            .execute();
        }
        if (body.status) await thread.setStatus(trx, ticket.id, body.status, author(op));
      });
      return view(ticketId);
    },

    /** Gives the ticket's incident back to its subscription's allowance (creditIncident audits it). */
    async creditIncident(op: Operator, ticketId: string, reason: string): Promise<OperatorTicketView> {
      const ticket = await existingTicket(ticketId);
      await db.transaction().execute((trx) => creditIncident(trx, ticket.id, op.userId, reason, clock.now()));
      return view(ticketId);
    },

    /** An operator's upload for a reply or note on this ticket; bound when the message is posted. */
    async upload(op: Operator, ticketId: string, fileName: string, body: Readable): Promise<Attachment> {
      const ticket = await existingTicket(ticketId);
      const saved = await attachments.save({ accountId: ticket.accountId, fileName, body, uploader: { userId: op.userId } });
      return { ...saved, url: operatorAttachmentUrl(ticket.id, saved.id) };
    },

    /** Any file of the ticket's thread, internal notes' included. */
    async attachment(ticketId: string, attachmentId: string) {
      const row = await findTicketAttachment(db, ticketId, attachmentId, { publicOnly: false });
      if (!row) throw new AppError(404, "ATTACHMENT_NOT_FOUND", "No such attachment on this ticket.");
      return row;
    },

    async agents(): Promise<z.infer<typeof SupportAgents>> {
      return { items: await listOperators(db) };
    },
  };
}
