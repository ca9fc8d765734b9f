import { randomUUID } from "node:crypto";
import type { Watcher } from "../../../contracts/support.ts";
import { isUniqueViolation } from "../../db/constraint-errors.ts";
import type { Database } from "../../db/database.ts";
import type { ClientInfo } from "../../server/client-info.ts";
import type { Clock } from "../../server/clock.ts";
import { AppError } from "../../server/errors.ts";
import type { AccountActor } from "../accounts/account-access.ts";
import { insertAuditEvent } from "../audit/audit.repo.ts";
import { insertOutboxEmail } from "../notifications/outbox.repo.ts";
import type { Sealer } from "../notifications/sealed-fields.ts";
import type { SupportTokens } from "./support-tokens.ts";
import { loadVisibleTicket, type TicketRow } from "./ticket-access.ts";
import {
  countWatchers,
  deleteWatcher,
  findPersonInAccount,
  findUserBrief,
  findWatcherOfTicket,
  insertWatcher,
  lockTicketForWatchers,
  type WatcherRow,
} from "./watchers.repo.ts";

/** Enough for a team and a few partners; more is a mailing list, which the ticket is not. */
export const MAX_WATCHERS_PER_TICKET = 20;

type Deps = { database: Database; clock: Clock; sealer: Sealer; tokens: SupportTokens; publicUrl: string };

export type WatchersService = ReturnType<typeof createWatchersService>;

const notAllowed = () =>
  new AppError(
    403,
    "WATCHER_MANAGEMENT_NOT_ALLOWED",
    "Only the person who opened the ticket or an Account Administrator can change its watchers.",
  );
const alreadyWatching = () => new AppError(409, "ALREADY_WATCHING", "This address already follows the ticket.");
const watcherNotFound = () => new AppError(404, "WATCHER_NOT_FOUND", "No such watcher on this ticket.");

export function toWatcher(w: WatcherRow): Watcher {
  return {
    id: w.id,
    email: w.email,
    name: w.userId ? w.userName || w.email : null,
    isMember: w.userId !== null,
    addedAt: w.createdAt.toISOString(),
  };
}

/**
 * Watchers: the ticket's creator or an Account Administrator adds people who should
 * follow it. A member of the account (recognised by address) sees it in the portal; any
 * other address gets a link that opens this ticket's public side only. Both changes are
 * in the account's audit log, and the new watcher is told by email in the same transaction.
 */
export function createWatchersService({ database, clock, sealer, tokens, publicUrl }: Deps) {
  const { db, engine } = database;
  const mayManage = (actor: AccountActor, ticket: TicketRow) =>
    actor.role === "admin" || (ticket.createdByUserId !== null && ticket.createdByUserId === actor.userId);
  const auditEntry = (actor: AccountActor, ticket: TicketRow, action: string, client: ClientInfo, email: string) => ({
    action: `support.${action}`,
    outcome: "success" as const,
    actorUserId: actor.userId,
    accountId: ticket.accountId,
    targetType: "support_ticket",
    targetId: ticket.id,
    ...client,
    metadata: { reference: ticket.reference, email },
  });

  return {
    async add(actor: AccountActor, ticketId: string, rawEmail: string, client: ClientInfo): Promise<Watcher> {
      const ticket = await loadVisibleTicket(db, actor, ticketId);
      if (!mayManage(actor, ticket)) throw notAllowed();
      const email = rawEmail.trim().toLowerCase();
      const creator = ticket.createdByUserId ? await findUserBrief(db, ticket.createdByUserId) : undefined;
      // The creator already gets every update; a second row would only send them each email twice.
      if (creator && creator.email.toLowerCase() === email) throw alreadyWatching();

      const person = await findPersonInAccount(db, ticket.accountId, email);
      // A blocked member is refused rather than added as an outside address: a link would give
      // them back, by another door, the ticket their administrators have just shut them out of.
      if (person?.membershipStatus === "blocked") {
        throw new AppError(409, "MEMBER_BLOCKED", "This person's access to the account is blocked; unblock them first.");
      }
      const memberId = person?.membershipStatus === "active" ? person.userId : null;
      const adder = await findUserBrief(db, actor.userId);
      const id = randomUUID();
      const now = clock.now();

      try {
        await db.transaction().execute(async (trx) => {
          await lockTicketForWatchers(trx, engine, ticket.id);
          if ((await countWatchers(trx, ticket.id)) >= MAX_WATCHERS_PER_TICKET) {
            throw new AppError(
              409,
              "TOO_MANY_WATCHERS",
              `A ticket can have at most ${MAX_WATCHERS_PER_TICKET} watchers; remove one first.`,
            );
          }
          await insertWatcher(trx, {
            id,
            ticketId: ticket.id,
            email,
            userId: memberId,
            addedByUserId: actor.userId,
            createdAt: now,
          });
          await insertAuditEvent(trx, auditEntry(actor, ticket, "watcher_added", client, email));
          const url = memberId
            ? `${publicUrl}/accounts/${ticket.accountId}/support/${ticket.id}`
            : // The link is a capability: sealed in the outbox like a registration key.
              sealer.seal(`${publicUrl}/support/watch/${tokens.watchLinkToken(id)}`);
          await insertOutboxEmail(trx, {
            template: "support-watcher-added",
            to: email,
            // An outside address has no language of its own: the creator's, as its later emails use.
            locale: (memberId ? person?.locale : (creator?.locale ?? adder?.locale)) ?? "en",
            data: {
              ...(memberId && person?.name ? { name: person.name } : {}),
              ticketReference: ticket.reference,
              ticketSubject: ticket.subject,
              adderName: adder?.name ?? "",
              url,
              // Answering this email threads into the ticket too.
              replyTo: tokens.replyAddress(ticket.id),
            },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyWatching();
        throw error;
      }
      const row = await findWatcherOfTicket(db, ticket.id, id);
      if (!row) throw watcherNotFound();
      return toWatcher(row);
    },

    /**
     * Removes a watcher; an outside watcher's link stops working at once (the token names
     * the row). A member may also stop watching a ticket themselves.
     */
    async remove(actor: AccountActor, ticketId: string, watcherId: string, client: ClientInfo): Promise<void> {
      const ticket = await loadVisibleTicket(db, actor, ticketId);
      const watcher = await findWatcherOfTicket(db, ticket.id, watcherId);
      if (!watcher) throw watcherNotFound();
      if (!mayManage(actor, ticket) && watcher.userId !== actor.userId) throw notAllowed();
      await db.transaction().execute(async (trx) => {
        if (!(await deleteWatcher(trx, ticket.id, watcher.id))) throw watcherNotFound();
        await insertAuditEvent(trx, auditEntry(actor, ticket, "watcher_removed", client, watcher.email));
      });
    },
  };
}
