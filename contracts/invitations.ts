import { z } from "zod";
import { Role } from "./accounts.ts";
import { Locale } from "./identity.ts";

/** Up to this many addresses go in one Send Invitations. */
export const MAX_INVITATIONS_PER_SEND = 100;

export const InvitationTarget = z.strictObject({
  /** Checked per row by the server: an invalid address gets outcome "invalid", not a 400 for the whole send. */
  email: z.string().max(320),
  /** Overrides the dialog's language for this address (the CSV language column). */
  locale: Locale.optional(),
});

export const SendInvitationsBody = z.strictObject({
  locale: Locale,
  invitations: z
    .array(InvitationTarget)
    .min(1, "Add at least one email address.")
    .max(MAX_INVITATIONS_PER_SEND, `Send at most ${MAX_INVITATIONS_PER_SEND} invitations at a time.`),
});
export type SendInvitationsBody = z.infer<typeof SendInvitationsBody>;

export const InvitationOutcome = z.enum(["invited", "already_member", "already_invited", "invalid", "duplicate"]);
export type InvitationOutcome = z.infer<typeof InvitationOutcome>;

export const SendInvitationsResult = z.object({
  results: z.array(
    z.object({
      email: z.string(),
      outcome: InvitationOutcome,
      /** For "invited" and "already_invited": the invitation, so the dialog can offer Resend. */
      invitationId: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type SendInvitationsResult = z.infer<typeof SendInvitationsResult>;

/** What an administrator sees of an invitation. Never the token. */
export const InvitationView = z.object({
  id: z.string(),
  email: z.string(),
  locale: Locale,
  role: Role,
  status: z.enum(["pending", "expired", "accepted", "revoked"]),
  invitedBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
  sentAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type InvitationView = z.infer<typeof InvitationView>;

// ---- Joining from the emailed link (public) ----

/** The token travels in the link's #fragment and is POSTed, so it never reaches a URL log. */
export const InvitationTokenBody = z.strictObject({ token: z.string().min(20).max(200) });

export const InvitationPreview = z.object({
  state: z.enum(["pending", "expired", "revoked", "accepted"]),
  accountName: z.string(),
  inviterName: z.string().nullable(),
  /** Whom to ask for a new invitation: the inviter, or the account's administrators. */
  contactEmails: z.array(z.string()),
  email: z.string(),
  locale: Locale,
  expiresAt: z.iso.datetime(),
  /** Whether the invited email already has a sign-in. Only the holder of the link learns this. */
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

const personName = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

/** Join account for an email with no sign-in yet: creates it, verified, and signs in. */
export const AcceptAsNewBody = z.strictObject({
  token: z.string().min(20).max(200),
  firstName: personName,
  lastName: personName,
  password: z.string().min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters."),
});
export type AcceptAsNewBody = z.infer<typeof AcceptAsNewBody>;

export const AcceptResult = z.object({ accountId: z.string(), accountName: z.string() });
export type AcceptResult = z.infer<typeof AcceptResult>;

// ---- Account audit log ----

/** The account-log actions, for the filter drop-down. */
export const ACCOUNT_AUDIT_ACTIONS = [
  "account.created",
  "account.company_updated",
  "invitation.sent",
  "invitation.resent",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.blocked",
  "member.unblocked",
  "member.removed",
  "member.left",
  "subscription.registered",
  "subscription.updated",
  "license_key.created",
  "license_key.updated",
  "license_key.deleted",
  "license_key.administrators_changed",
  "operator.subscription_issued",
  "operator.subscription_renew",
  "operator.subscription_extend",
  "operator.subscription_set_licenses",
  "operator.subscription_suspend",
  "operator.subscription_reinstate",
  "operator.subscription_cancel",
  "farm.activated",
  "farm.updated",
  "farm.deactivated",
  "store.order_placed",
  "store.order_paid",
  "store.order_canceled",
  "store.payment_declined",
  "store.payment_method_saved",
  "store.payment_method_removed",
  "store.transfer_confirmed",
  "store.refund_needed",
  "store.renewal_payment_failed",
  "store.renewal_ended",
  "support.ticket_opened",
  "support.ticket_status_changed",
  "support.incident_used",
  "support.incident_credited",
  "support.watcher_added",
  "support.watcher_removed",
  "support.inbound_refused",
] as const;

export const AuditQuery = z.strictObject({
  /** A person (actor or target) by user id. */
  person: z.string().max(64).optional(),
  action: z.enum(ACCOUNT_AUDIT_ACTIONS).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AccountAuditEntry = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime(),
  action: z.string(),
  outcome: z.enum(["success", "failure", "denied"]),
  actor: z.object({ userId: z.string(), name: z.string(), email: z.string() }).nullable(),
  target: z.object({ type: z.string(), id: z.string(), label: z.string().nullable() }).nullable(),
  /** Action-specific facts, e.g. { fromRole, toRole, note } or { email, locale }. */
  details: z.record(z.string(), z.unknown()),
  ipAddress: z.string().nullable(),
});
export type AccountAuditEntry = z.infer<typeof AccountAuditEntry>;

export const AuditPage = z.object({ items: z.array(AccountAuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
