import type { Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { TicketStatus } from "../../db/schema-support.ts";
import { insertOutboxEmails, type OutboxEmail } from "../notifications/outbox.repo.ts";
import type { Sealer } from "../notifications/sealed-fields.ts";
import type { SupportTokens } from "./support-tokens.ts";
import type { TicketRow } from "./ticket-access.ts";

export type SupportEmailDeps = { publicUrl: string; sealer: Sealer; tokens: SupportTokens };

/** Who wrote or changed something: never emailed about their own action. */
export type EmailAuthor = { userId: string } | { watcherId: string } | null;

type Recipient = { email: string; locale: string; name: string | null; url: string };

/** The status words of the status email, in each language the emails speak (the template quotes them). */
const STATUS_WORDS: Record<string, Record<"resolved" | "closed", string>> = {
  en: { resolved: "resolved", closed: "closed" },
  de: { resolved: "gelöst", closed: "geschlossen" },
  es: { resolved: "resuelta", closed: "cerrada" },
  fr: { resolved: "résolue", closed: "clôturée" },
  it: { resolved: "risolta", closed: "chiusa" },
  ja: { resolved: "解決済み", closed: "クローズ" },
  ru: { resolved: "решена", closed: "закрыта" },
  zh: { resolved: "已解决", closed: "已关闭" },
};

export const ticketPageUrl = (publicUrl: string, accountId: string, ticketId: string) =>
  `${publicUrl}/accounts/${accountId}/support/${ticketId}`;

/**
 * The people a ticket's news goes to: its creator and every watcher, minus the author and
 * minus members (creator or member-watchers) whose membership is no longer active. Members
 * get the ticket's page; outside watchers get their own watch link, sealed in the outbox row
 * because it opens the ticket without a sign-in.
 */
export async function ticketRecipients(
  trx: Transaction<DB>,
  deps: SupportEmailDeps,
  ticket: TicketRow,
  author: EmailAuthor,
): Promise<Recipient[]> {
  const authorUserId = author && "userId" in author ? author.userId : null;
  const authorWatcherId = author && "watcherId" in author ? author.watcherId : null;
  const memberUrl = ticketPageUrl(deps.publicUrl, ticket.accountId, ticket.id);

  const memberIds = new Set<string>();
  if (ticket.createdByUserId) memberIds.add(ticket.createdByUserId);
  const watchers = await trx
    .selectFrom("supportWatchers")
    .select(["id", "email", "userId"])
    .where("ticketId", "=", ticket.id)
    .orderBy("createdAt")
    .execute();
  for (const w of watchers) if (w.userId) memberIds.add(w.userId);
  if (authorUserId) memberIds.delete(authorUserId);

  const members =
    memberIds.size === 0
      ? []
      : await trx
          .selectFrom("memberships as m")
          .innerJoin("users as u", "u.id", "m.userId")
          .select(["u.email", "u.locale", "u.name"])
          .where("m.accountId", "=", ticket.accountId)
          .where("m.status", "=", "active")
          .where("m.userId", "in", [...memberIds])
          .execute();
  // Outside watchers get the language of the person who opened the ticket (they have no profile).
  const creatorLocale =
    (ticket.createdByUserId &&
      (await trx.selectFrom("users").select("locale").where("id", "=", ticket.createdByUserId).executeTakeFirst())?.locale) ||
    "en";

  const out = new Map<string, Recipient>();
  for (const m of members) {
    out.set(m.email.toLowerCase(), { email: m.email, locale: m.locale, name: m.name || null, url: memberUrl });
  }
  for (const w of watchers) {
    if (w.userId || w.id === authorWatcherId || out.has(w.email)) continue;
    const link = `${deps.publicUrl}/support/watch/${deps.tokens.watchLinkToken(w.id)}`;
    out.set(w.email, { email: w.email, locale: creatorLocale, name: null, url: deps.sealer.seal(link) });
  }
  return [...out.values()];
}

const base = (deps: SupportEmailDeps, ticket: TicketRow, r: Recipient) => ({
  ...(r.name ? { name: r.name } : {}),
  ticketReference: ticket.reference,
  ticketSubject: ticket.subject,
  url: r.url,
  replyTo: deps.tokens.replyAddress(ticket.id),
});

/** A public reply: to everyone on the ticket but its author, in the caller's transaction. */
export async function emailTicketUpdate(
  trx: Transaction<DB>,
  deps: SupportEmailDeps,
  ticket: TicketRow,
  author: EmailAuthor,
  message: { authorName: string; body: string },
): Promise<void> {
  const recipients = await ticketRecipients(trx, deps, ticket, author);
  const emails: OutboxEmail[] = recipients.map((r) => ({
    template: "support-ticket-update",
    to: r.email,
    locale: r.locale,
    data: { ...base(deps, ticket, r), authorName: message.authorName, message: message.body },
  }));
  await insertOutboxEmails(trx, emails);
}

/** The ticket was resolved or closed (by an operator, the customer or the auto-close job). */
export async function emailTicketStatus(
  trx: Transaction<DB>,
  deps: SupportEmailDeps,
  ticket: TicketRow,
  status: Extract<TicketStatus, "resolved" | "closed">,
  author: EmailAuthor,
): Promise<void> {
  const recipients = await ticketRecipients(trx, deps, ticket, author);
  const emails: OutboxEmail[] = recipients.map((r) => ({
    template: "support-ticket-status",
    to: r.email,
    locale: r.locale,
    data: { ...base(deps, ticket, r), status: (STATUS_WORDS[r.locale] ?? STATUS_WORDS.en)?.[status] ?? status },
  }));
  await insertOutboxEmails(trx, emails);
}

/**
 * The creator's copy of a ticket they just opened (in the opening transaction): its reference,
 * the first-response target, and the reply address, so they can add details by answering it.
 * Sent even though the creator is the author: it is their receipt, not news of someone else's change.
 */
export async function emailTicketOpened(trx: Transaction<DB>, deps: SupportEmailDeps, ticket: TicketRow): Promise<void> {
  if (!ticket.createdByUserId) return;
  const creator = await trx
    .selectFrom("users")
    .select(["email", "locale", "name"])
    .where("id", "=", ticket.createdByUserId)
    .executeTakeFirstOrThrow();
  const recipient: Recipient = {
    email: creator.email,
    locale: creator.locale,
    name: creator.name || null,
    url: ticketPageUrl(deps.publicUrl, ticket.accountId, ticket.id),
  };
  await insertOutboxEmails(trx, [
    {
      template: "support-ticket-opened",
      to: creator.email,
      locale: creator.locale,
      data: { ...base(deps, ticket, recipient), responseTarget: String(ticket.responseTargetMinutes) },
    },
  ]);
}
