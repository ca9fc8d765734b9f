import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * Every email the portal sends; each has HTML + text in all supported locales (templates/).
 * The data of the licensing emails (registration-key, subscription-expiring,
 * subscription-expired) and the license overuse emails (overuse-*) is described with
 * TEMPLATE_SPECS in templates/template-specs.ts.
 */
export const EMAIL_TEMPLATES = [
  "verify-email",
  "reset-password",
  "welcome",
  "password-changed",
  "invitation",
  "membership-blocked",
  "membership-restored",
  "membership-removed",
  "registration-key",
  "subscription-expiring",
  "subscription-expired",
  "overuse-started",
  "overuse-grace-ending",
  "overuse-deactivated",
  "overuse-resolved",
  "order-paid",
  "upgrade-paid",
  "bank-transfer-instructions",
  "renewal-succeeded",
  "renewal-payment-failed",
  "renewal-ended",
  "support-ticket-update",
  "support-ticket-status",
  "support-watcher-added",
  "support-ticket-opened",
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export function isEmailTemplate(value: string): value is EmailTemplate {
  return (EMAIL_TEMPLATES as readonly string[]).includes(value);
}

export type OutboxEmail = {
  template: EmailTemplate;
  to: string;
  locale: string;
  /**
   * Template variables, stored as JSON with the message (`name` is always optional:
   * without it the greeting has no name; a missing or blank required field makes the
   * message dead, see templates/template-specs.ts):
   * - verify-email, reset-password, welcome: { name?, url }; password-changed: { name?, url? }
   * - invitation: { name?, accountName, inviterName, url, expiresAt } (expiresAt: ISO-8601 with offset,
   *   shown as a date and time in UTC in the recipient's language)
   * - membership-blocked, membership-removed: { name?, accountName }
   * - membership-restored: { name?, accountName, url } (url opens the account)
   * - License overuse (a key's concurrent users, pooled across its farms, over its limit), to the
   *   account's Account Administrators and the key's License Administrators; `limit` (licensed
   *   concurrent users) and `inUse` (concurrent users now) are whole numbers ("25"), `graceEndsAt`
   *   is ISO-8601 with offset (the end of the 7-day grace), `url` opens the Manage Farms page:
   *   - overuse-started (the grace has started), overuse-grace-ending (a day or less left):
   *     { name?, productName, subscriptionName, keyName, limit, inUse, graceEndsAt, url }
   *   - overuse-deactivated (the grace is over: farms over the limit are deactivated),
   *     overuse-resolved (back at or under the limit): { name?, productName, subscriptionName, keyName, limit, inUse, url }
   * - Store: `amount` is minor units as digits ("150000") and `currency` its ISO 4217 code ("USD"), shown
   *   together as money in the recipient's language; dates are ISO-8601 with offset; `licenses` a whole
   *   number; `url` an absolute link:
   *   - order-paid (a purchase is paid, to the buyer): { name?, productName, subscriptionName, licenses,
   *     orderReference, amount, currency, renewsAt, url (the subscription) }
   *   - upgrade-paid (Buy More Licenses paid, to the buyer): { name?, subscriptionName, licenses (the new
   *     total), orderReference, amount, currency, url }
   *   - bank-transfer-instructions (to the buyer): { name?, orderReference, amount, currency, payee (the
   *     bank's lines joined by "\n", shown as a block), url (the order) }
   *   - renewal-succeeded (to the Account Administrators): { name?, subscriptionName, orderReference,
   *     amount, currency, expiresAt (the new expiry), url }
   *   - renewal-payment-failed: { name?, subscriptionName, amount, currency, failureReason, retryAt (the
   *     next attempt), graceEndsAt, url (Payment Options) }
   *   - renewal-ended (the grace is over and nothing was paid): { name?, subscriptionName, expiresAt, url }
   * - Support, to a ticket's creator and watchers (never the author); each carries `replyTo` (the ticket's
   *   reply address, the Reply-To header) and `url` (members: the ticket's page; outside watchers: their
   *   watch link, sealed); `ticketReference` is "SR-…", `ticketSubject` the ticket's subject:
   *   - support-ticket-update (a public reply): { name?, ticketReference, ticketSubject, authorName, message
   *     (the reply's text; its lines are kept, shown as a block), url, replyTo }
   *   - support-ticket-status (resolved or closed): { name?, ticketReference, ticketSubject, status (a word
   *     already in the recipient's language), url, replyTo }
   *   - support-watcher-added: { name?, ticketReference, ticketSubject, adderName, url, replyTo? }
   *   - support-ticket-opened (to the creator, when the ticket is opened): { name?, ticketReference,
   *     ticketSubject, responseTarget (the first-response target in whole minutes, "240", shown as a
   *     duration in the recipient's language), url, replyTo }
   */
  data: Record<string, string>;
};

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Writes an email to the outbox. Call it with the transaction of the change that
 * causes the email, so both commit together or neither does.
 */
export async function insertOutboxEmail(executor: Executor, email: OutboxEmail): Promise<string> {
  const id = randomUUID();
  await executor
    .insertInto("outbox")
    .values({
      id,
      kind: "email",
      template: email.template,
      recipient: email.to,
      locale: email.locale,
      payloadJson: JSON.stringify(email.data),
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(),
    })
    .execute();
  return id;
}

/** Many emails in one statement (Send Invitations), in the caller's transaction like insertOutboxEmail. */
export async function insertOutboxEmails(executor: Executor, emails: OutboxEmail[]): Promise<void> {
  if (emails.length === 0) return;
  const now = new Date();
  await executor
    .insertInto("outbox")
    .values(
      emails.map((email) => ({
        id: randomUUID(),
        kind: "email",
        template: email.template,
        recipient: email.to,
        locale: email.locale,
        payloadJson: JSON.stringify(email.data),
        status: "pending" as const,
        attempts: 0,
        nextAttemptAt: now,
      })),
    )
    .execute();
}
