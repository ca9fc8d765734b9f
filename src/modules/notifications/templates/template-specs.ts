import type { EmailTemplate } from "../outbox.repo.ts";
import type { EmailMessages } from "./locales/index.ts";

/**
 * What each email template needs and how its body reads (render-email.ts renders them).
 * Adding a template: its name in outbox.repo.ts's EMAIL_TEMPLATES, its spec here, and its
 * copy in every locale (templates/locales/).
 */

/** The data fields a template can use; all are strings in the outbox row's JSON. */
export type EmailDataField =
  | "name"
  | "url"
  | "accountName"
  | "inviterName"
  | "expiresAt"
  | "productName"
  | "subscriptionName"
  | "licenses"
  | "term"
  | "key"
  | "daysLeft"
  | "graceEndsAt"
  | "keyName"
  | "limit"
  | "inUse"
  | "orderReference"
  | "amount"
  | "currency"
  | "payee"
  | "renewsAt"
  | "retryAt"
  | "failureReason"
  | "ticketReference"
  | "ticketSubject"
  | "authorName"
  | "message"
  | "status"
  | "adderName"
  | "responseTarget";

/** The copy keys of a template that can appear in its body (subject and heading have their own place). */
type BodyPart<T extends EmailTemplate> = Exclude<keyof EmailMessages[T] & string, "subject" | "heading">;

/** A body entry that shows a data field verbatim as code (a key to copy), not a copy key. */
export type CodePart = `code:${EmailDataField}`;

export type TemplateSpec<T extends EmailTemplate> = {
  /**
   * Fields that must be present and not blank, or the message is dead at once. `name`
   * is never required (without it the greeting has no name); `url` is always checked
   * to be an absolute http(s) link when given.
   */
  requires: readonly EmailDataField[];
  /** Fields holding an ISO-8601 timestamp, shown as a long date and short time in UTC, in the recipient's language. */
  dateTimes?: readonly EmailDataField[];
  /** Fields holding a whole number (digits only), shown with the digit grouping of the recipient's language. */
  counts?: readonly EmailDataField[];
  /**
   * Fields holding a whole number of minutes (digits only), shown as a duration in the recipient's
   * language in the largest fitting unit, as the web app shows response targets: "30 minutes",
   * "4 hours", "2 days" (days from 48 hours up, so "24 hours" stays as people say it).
   */
  durations?: readonly EmailDataField[];
  /**
   * An amount in minor units (digits only) and its ISO 4217 currency field: the amount is shown
   * as money in the recipient's language ("$1,500.00", "1.500,00 $", "￥1,500" for JPY, which has
   * no minor unit), exactly (no floating point).
   */
  money?: { amount: EmailDataField; currency: EmailDataField };
  /**
   * Fields whose lines are kept (each line on one line, blank lines dropped): for `code:` blocks
   * only (a bank's payee lines), never in copy, where every value is one line.
   */
  multiline?: readonly EmailDataField[];
  /**
   * Reading order of the body: each entry is a copy key of the template, output as a
   * paragraph, except `action`: the button plus the plain URL, left out when there is no URL;
   * and `code:<field>`: that data field as a code block (monospace in HTML, indented in
   * text), left out when the field is missing (so list it in `requires`).
   */
  body: ReadonlyArray<BodyPart<T> | CodePart>;
};

/**
 * Every template's data and body. All copy strings (subject and heading included) are
 * interpolated with the data, so a placeholder must name a field listed in `requires`
 * (test/notifications/membership-emails.test.ts checks this for every locale).
 */
export const TEMPLATE_SPECS: { readonly [T in EmailTemplate]: TemplateSpec<T> } = {
  "verify-email": { requires: ["url"], body: ["intro", "action", "outro"] },
  "reset-password": { requires: ["url"], body: ["intro", "action", "outro"] },
  welcome: { requires: ["url"], body: ["intro", "action", "outro"] },
  // "If this wasn't you, reset your password" comes before the (optional) reset link.
  "password-changed": { requires: [], body: ["intro", "outro", "action"] },
  invitation: {
    requires: ["accountName", "inviterName", "url", "expiresAt"],
    dateTimes: ["expiresAt"],
    body: ["intro", "details", "action", "expiry", "outro"],
  },
  "membership-blocked": { requires: ["accountName"], body: ["intro", "details", "outro"] },
  "membership-restored": { requires: ["accountName", "url"], body: ["intro", "action", "outro"] },
  "membership-removed": { requires: ["accountName"], body: ["intro", "outro"] },
  // Licensing emails: data { name?, productName, licenses, term, key, url } for registration-key, where
  // `licenses` is a whole number ("25"), `term` a phrase already in the recipient's language ("1 year",
  // "permanent"), `key` the registration key as printed (shown as a code block) and `url` opens License Portal;
  // { name?, subscriptionName, productName, expiresAt, daysLeft, url } for subscription-expiring (`daysLeft`:
  // a whole number); { name?, subscriptionName, productName, expiresAt, graceEndsAt, url } for
  // subscription-expired (`graceEndsAt`: when the primary key stops working). `url` opens the subscription.
  "registration-key": {
    requires: ["productName", "licenses", "term", "key", "url"],
    counts: ["licenses"],
    body: ["intro", "details", "keyLabel", "code:key", "steps", "action", "keepPrivate"],
  },
  "subscription-expiring": {
    requires: ["subscriptionName", "productName", "expiresAt", "daysLeft", "url"],
    dateTimes: ["expiresAt"],
    counts: ["daysLeft"],
    body: ["intro", "atExpiry", "renew", "action", "outro"],
  },
  "subscription-expired": {
    requires: ["subscriptionName", "productName", "expiresAt", "graceEndsAt", "url"],
    dateTimes: ["expiresAt", "graceEndsAt"],
    body: ["intro", "grace", "renew", "action", "outro"],
  },
  // License overuse emails, to the account's Account Administrators and the key's License Administrators:
  // { name?, productName, subscriptionName, keyName, limit, inUse, graceEndsAt, url } for overuse-started and
  // overuse-grace-ending; the same without graceEndsAt for overuse-deactivated and overuse-resolved. `keyName`
  // is the license key's name (never the key itself), `limit` the key's licensed concurrent users and `inUse`
  // its concurrent users across its farms (whole numbers), `graceEndsAt` the end of the 7-day grace period,
  // and `url` opens the Manage Farms page.
  "overuse-started": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "graceEndsAt", "url"],
    dateTimes: ["graceEndsAt"],
    counts: ["limit", "inUse"],
    body: ["intro", "grace", "advice", "action", "outro"],
  },
  "overuse-grace-ending": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "graceEndsAt", "url"],
    dateTimes: ["graceEndsAt"],
    counts: ["limit", "inUse"],
    body: ["intro", "deadline", "advice", "action", "outro"],
  },
  "overuse-deactivated": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "url"],
    counts: ["limit", "inUse"],
    body: ["intro", "deactivated", "restore", "action", "outro"],
  },
  "overuse-resolved": {
    requires: ["productName", "subscriptionName", "keyName", "limit", "inUse", "url"],
    counts: ["limit", "inUse"],
    body: ["intro", "normal", "reminder", "action", "outro"],
  },
  // Store emails: `amount` (minor units, digits) with `currency` (ISO 4217) is shown as money; `licenses` is a
  // whole number; renewsAt, expiresAt, retryAt and graceEndsAt are dates; `payee` holds the bank's lines joined
  // by "\n", shown as a block; `failureReason` is the payment provider's message. Order emails go to the buyer,
  // renewal emails to the account's Account Administrators.
  "order-paid": {
    requires: ["productName", "subscriptionName", "licenses", "orderReference", "amount", "currency", "renewsAt", "url"],
    dateTimes: ["renewsAt"],
    counts: ["licenses"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "renewal", "keys", "action", "outro"],
  },
  "upgrade-paid": {
    requires: ["subscriptionName", "licenses", "orderReference", "amount", "currency", "url"],
    counts: ["licenses"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "total", "action", "outro"],
  },
  "bank-transfer-instructions": {
    requires: ["orderReference", "amount", "currency", "payee", "url"],
    money: { amount: "amount", currency: "currency" },
    multiline: ["payee"],
    body: ["intro", "code:payee", "reference", "release", "action", "outro"],
  },
  "renewal-succeeded": {
    requires: ["subscriptionName", "orderReference", "amount", "currency", "expiresAt", "url"],
    dateTimes: ["expiresAt"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "period", "action", "outro"],
  },
  "renewal-payment-failed": {
    requires: ["subscriptionName", "amount", "currency", "failureReason", "retryAt", "graceEndsAt", "url"],
    dateTimes: ["retryAt", "graceEndsAt"],
    money: { amount: "amount", currency: "currency" },
    body: ["intro", "reason", "retry", "advice", "action", "outro"],
  },
  "renewal-ended": {
    requires: ["subscriptionName", "expiresAt", "url"],
    dateTimes: ["expiresAt"],
    body: ["intro", "expired", "advice", "action", "outro"],
  },
  // Support emails, to a ticket's creator and watchers: `message` is the reply's plain text (its lines kept,
  // shown as a block), `status` a word already in the recipient's language, `url` the ticket's page or an
  // outside watcher's watch link; `replyTo` (the ticket's reply address) becomes the Reply-To header.
  "support-ticket-update": {
    requires: ["ticketReference", "ticketSubject", "authorName", "message", "url"],
    multiline: ["message"],
    body: ["intro", "code:message", "reply", "action", "outro"],
  },
  "support-ticket-status": {
    requires: ["ticketReference", "ticketSubject", "status", "url"],
    body: ["intro", "advice", "action", "outro"],
  },
  "support-watcher-added": {
    requires: ["ticketReference", "ticketSubject", "adderName", "url"],
    body: ["intro", "explain", "action", "outro"],
  },
  // To the ticket's creator when it is opened: its reference, the first-response target of its plan and
  // severity (`responseTarget`, minutes; every ticket has one), and that replying adds to the ticket.
  "support-ticket-opened": {
    requires: ["ticketReference", "ticketSubject", "responseTarget", "url"],
    durations: ["responseTarget"],
    body: ["intro", "target", "reply", "action", "outro"],
  },
};
