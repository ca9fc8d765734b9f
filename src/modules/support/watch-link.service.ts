import type { Readable } from "node:stream";
import type { Kysely, Transaction } from "kysely";
import type { Attachment, ReplyBody, TicketMessage, WatchLinkView } from "../../../contracts/support.ts";
import type { Database } from "../../db/database.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import { findTicketAttachment } from "./attachments.repo.ts";
import type { SupportAttachments } from "./attachments.ts";
import type { SupportTokens } from "./support-tokens.ts";
import { isOpenToCustomers, type TicketThread, ticketClosed } from "./ticket-thread.ts";
import { loadMessages } from "./ticket-view.ts";
import { findOutsideWatcher } from "./watchers.repo.ts";

type Deps = { database: Database; clock: Clock; tokens: SupportTokens; thread: TicketThread; attachments: SupportAttachments };

export type WatchLinkService = ReturnType<typeof createWatchLinkService>;
type LinkWatcher = { id: string; ticketId: string; email: string; accountId: string };

/** A bad, tampered or revoked (watcher removed) token: all the same answer. */
const linkNotFound = () =>
  new AppError(404, "WATCH_LINK_NOT_FOUND", "This link does not work any more. Ask the person who added you for a new one.");

const watchAttachmentUrl = (token: string, attachmentId: string) =>
  `/api/support/watch/${encodeURIComponent(token)}/attachments/${attachmentId}`;

/** "jane.doe@partner.example" → "j…@partner.example": who wrote, without handing out their address. */
export function maskAddress(value: string): string {
  const at = value.lastIndexOf("@");
  if (at <= 0) return value;
  return `${value.slice(0, 1)}…${value.slice(at)}`;
}

/**
 * What a link holder may see of the thread: public messages only (loadMessages for the
 * customer audience already drops internal notes), and no one's address but their own —
 * not the members', and not other watchers' (an outside watcher's name may be their
 * address, so it is masked too).
 */
function forLinkHolder(messages: TicketMessage[], ownEmail: string): TicketMessage[] {
  return messages.map((m) => {
    const isOwn = m.authorKind === "watcher" && m.author.email?.toLowerCase() === ownEmail;
    if (isOwn) return m;
    const name = m.authorKind === "watcher" && m.author.name.includes("@") ? maskAddress(m.author.name) : m.author.name;
    return { ...m, author: { name, email: null } };
  });
}

/**
 * The outside watcher's side: a link token (derived, see support-tokens.ts) names a watcher
 * row with no user; that row names one ticket, whose public side is all the link opens. No
 * session is created: every request shows the token again, and removing the watcher ends it.
 */
export function createWatchLinkService({ database, clock, tokens, thread, attachments }: Deps) {
  const { db } = database;

  async function resolve(executor: Kysely<DB> | Transaction<DB>, token: string): Promise<LinkWatcher> {
    const watcherId = tokens.watcherOfLinkToken(token);
    const watcher = watcherId ? await findOutsideWatcher(executor, watcherId) : undefined;
    if (!watcher) throw linkNotFound();
    return watcher;
  }

  async function view(token: string): Promise<WatchLinkView> {
    const watcher = await resolve(db, token);
    const ticket = await db
      .selectFrom("supportTickets as t")
      .innerJoin("products as p", "p.id", "t.productId")
      .select(["t.id", "t.reference", "t.subject", "t.status", "t.resolvedAt", "p.id as productId", "p.code", "p.name"])
      .where("t.id", "=", watcher.ticketId)
      .executeTakeFirst();
    if (!ticket) throw linkNotFound();
    const messages = await loadMessages(db, ticket.id, "customer", (id) => watchAttachmentUrl(token, id));
    return {
      reference: ticket.reference,
      subject: ticket.subject,
      product: { id: ticket.productId, code: ticket.code, name: ticket.name },
      status: ticket.status,
      watcherEmail: watcher.email,
      messages: forLinkHolder(messages, watcher.email),
      canReply: isOpenToCustomers(ticket, clock.now()),
    };
  }

  return {
    view,

    /** A public reply as the watcher (emails everyone else on the ticket); 409 TICKET_CLOSED once it is closed. */
    async reply(token: string, body: ReplyBody): Promise<WatchLinkView> {
      await db.transaction().execute(async (trx) => {
        // Checked again inside the transaction: a watcher removed a moment ago cannot post.
        const watcher = await resolve(trx, token);
        await thread.post(trx, {
          ticketId: watcher.ticketId,
          author: { kind: "watcher", watcherId: watcher.id, email: watcher.email, name: watcher.email },
          body: body.body,
          visibility: "public",
          via: "link",
          attachmentIds: body.attachmentIds,
        });
      });
      return view(token);
    },

    /** An upload of the watcher's, for their next reply (it binds only to a message of theirs). */
    async upload(token: string, fileName: string, body: Readable): Promise<Attachment> {
      const watcher = await resolve(db, token);
      // Nothing to attach it to once the ticket is closed to them; refuse before storing bytes.
      const ticket = await db
        .selectFrom("supportTickets")
        .select(["status", "resolvedAt"])
        .where("id", "=", watcher.ticketId)
        .executeTakeFirstOrThrow();
      if (!isOpenToCustomers(ticket, clock.now())) throw ticketClosed();
      const saved = await attachments.save({ accountId: watcher.accountId, fileName, body, uploader: { watcherId: watcher.id } });
      return { ...saved, url: watchAttachmentUrl(token, saved.id) };
    },

    /** A file of a public message of this ticket only; anything else (other tickets, internal notes) is not found. */
    async attachment(token: string, attachmentId: string) {
      const watcher = await resolve(db, token);
      const row = await findTicketAttachment(db, watcher.ticketId, attachmentId, { publicOnly: true });
      if (!row) throw new AppError(404, "ATTACHMENT_NOT_FOUND", "No such attachment on this ticket.");
      return row;
    },
  };
}
