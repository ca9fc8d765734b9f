import { z } from "zod";
import { LicenseState } from "./farms.ts";
import { Product, SubscriptionStatus, SupportPlan } from "./licensing.ts";

/**
 * Support: tickets of an account (members, under /api/accounts/:accountId/support/…),
 * outside watchers (no session: a secure link, under /api/support/watch/:token/…) and
 * the operators' console (/api/operator/support/…). Attachments are uploaded first, as
 * a raw body (application/octet-stream, ≤ 10 MB, type checked from the bytes), and
 * named by id when a ticket or reply is posted.
 */

const id = z.string().min(1).max(64);
export const SupportParams = z.strictObject({ accountId: id });
export const TicketParams = z.strictObject({ accountId: id, ticketId: id });
export const TicketWatcherParams = z.strictObject({ accountId: id, ticketId: id, watcherId: id });
export const TicketAttachmentParams = z.strictObject({ accountId: id, ticketId: id, attachmentId: id });
export const WatchLinkParams = z.strictObject({ token: z.string().min(10).max(200) });
export const WatchLinkAttachmentParams = z.strictObject({ token: z.string().min(10).max(200), attachmentId: id });
export const OperatorTicketParams = z.strictObject({ ticketId: id });
export const OperatorTicketAttachmentParams = z.strictObject({ ticketId: id, attachmentId: id });

/** The largest attachment: 10 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments per ticket or reply. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** A resolved ticket can be reopened for this many days; after that it is closed. */
export const REOPEN_WINDOW_DAYS = 14;
/**
 * What may be attached, recognised from the bytes (never from the name or the browser's
 * type): images, PDF, ZIP archives (and .docx/.xlsx, which are ZIP), plain text and logs.
 * Everything is served as a download (Content-Disposition: attachment, nosniff).
 */
export const ATTACHMENT_MEDIA_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "application/pdf",
  "application/zip",
  "text/plain",
] as const;
export const AttachmentMediaType = z.enum(ATTACHMENT_MEDIA_TYPES);

export const TicketCategory = z.enum(["technical", "licensing", "purchase"]);
export type TicketCategory = z.infer<typeof TicketCategory>;
export const TicketSeverity = z.enum(["low", "normal", "high", "critical"]);
export type TicketSeverity = z.infer<typeof TicketSeverity>;
export const TicketStatus = z.enum(["new", "in_progress", "waiting_for_customer", "resolved", "closed"]);
export type TicketStatus = z.infer<typeof TicketStatus>;

const safeName = (name: string) =>
  name !== "." &&
  name !== ".." &&
  [...name].every((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && ch !== "/" && ch !== "\\";
  });
export const AttachmentFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(safeName, "Use a file name without slashes or control characters.");

/** The upload's query (its body is the file's bytes). */
export const AttachmentUploadQuery = z.strictObject({ fileName: AttachmentFileName });

export const Attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  /** GET this to download it (always as an attachment). */
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** Plain text; the web app shows line breaks and nothing else. */
export const MessageBody = z.string().trim().min(1, "Write a message.").max(50_000);
export const AttachmentIds = z.array(id).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]);

export const CreateTicketBody = z.strictObject({
  productId: id,
  category: TicketCategory,
  severity: TicketSeverity,
  subject: z.string().trim().min(3, "Write a subject.").max(200),
  description: MessageBody,
  /** One of the account's own keys (or null); a technical ticket on a limited plan uses one incident of its subscription. */
  licenseKeyId: id.nullable().default(null),
  /** One of the account's own farms, of the key above when one is given. */
  farmId: id.nullable().default(null),
  attachmentIds: AttachmentIds,
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const ReplyBody = z.strictObject({ body: MessageBody, attachmentIds: AttachmentIds });
export type ReplyBody = z.infer<typeof ReplyBody>;

/** What a customer may do to the status: resolve their ticket, or reopen a resolved one (within 14 days). */
export const CustomerStatusBody = z.strictObject({ status: z.enum(["resolved", "in_progress"]) });

export const AddWatcherBody = z.strictObject({
  /** A member of the account or any address; members are recognised by their address. */
  email: z.email().max(254),
});

export const TicketListQuery = z.strictObject({
  status: TicketStatus.optional(),
  productId: id.optional(),
  /** "created": tickets I opened; "watching": tickets I watch. */
  mine: z.enum(["created", "watching"]).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const Person = z.object({ name: z.string(), email: z.string().nullable() });

export const TicketMessage = z.object({
  id: z.string(),
  authorKind: z.enum(["customer", "watcher", "operator", "system"]),
  author: Person,
  /** Always "public" for customers; operators also see their "internal" notes. */
  visibility: z.enum(["public", "internal"]),
  body: z.string(),
  via: z.enum(["portal", "email", "link"]),
  attachments: z.array(Attachment),
  createdAt: z.iso.datetime(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const Watcher = z.object({
  id: z.string(),
  email: z.string(),
  /** Set for a member of the account (they see the ticket in the portal); null for an outside address. */
  name: z.string().nullable(),
  isMember: z.boolean(),
  addedAt: z.iso.datetime(),
});
export type Watcher = z.infer<typeof Watcher>;

/** The response target of the ticket's plan, and how the first response went. */
export const ResponseTarget = z.object({
  plan: SupportPlan.nullable(),
  targetMinutes: z.number().int(),
  dueAt: z.iso.datetime(),
  firstResponseAt: z.iso.datetime().nullable(),
  /** Minutes from opening to the first public operator reply, or null before it. */
  firstResponseMinutes: z.number().int().nullable(),
  /** Past due without a response, or answered late. */
  breached: z.boolean(),
});

/** The side panel: what the ticket is about, as it is now. */
export const TicketContext = z.object({
  licenseKey: z
    .object({
      id: z.string(),
      name: z.string(),
      /** The key's last characters only. */
      tail: z.string(),
      subscription: z.object({
        id: z.string(),
        name: z.string(),
        status: SubscriptionStatus,
        supportPlan: SupportPlan,
        maintenanceExpiresAt: z.iso.datetime().nullable(),
        expiresAt: z.iso.datetime().nullable(),
      }),
    })
    .nullable(),
  farm: z
    .object({
      id: z.string(),
      name: z.string(),
      appVersion: z.string(),
      licenseState: LicenseState,
      currentUsers: z.number().int(),
      lastReportAt: z.iso.datetime().nullable(),
    })
    .nullable(),
});

export const TicketSummary = z.object({
  id: z.string(),
  reference: z.string(),
  subject: z.string(),
  product: Product,
  category: TicketCategory,
  severity: TicketSeverity,
  status: TicketStatus,
  createdBy: Person.nullable(),
  createdAt: z.iso.datetime(),
  lastActivityAt: z.iso.datetime(),
  /** Whether the caller watches it (members only). */
  watching: z.boolean(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;
export const TicketPage = z.object({ items: z.array(TicketSummary), nextCursor: z.string().nullable() });
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketView = TicketSummary.extend({
  messages: z.array(TicketMessage),
  watchers: z.array(Watcher),
  context: TicketContext,
  response: ResponseTarget,
  /** Set when this technical ticket used an incident of its subscription's allowance. */
  incident: z.object({ usedAt: z.iso.datetime(), creditedAt: z.iso.datetime().nullable() }).nullable(),
  /** Until when a resolved ticket can be reopened; null otherwise. */
  reopenUntil: z.iso.datetime().nullable(),
  /** What the caller may do here (the server checks each again). */
  can: z.object({ reply: z.boolean(), manageWatchers: z.boolean(), resolve: z.boolean(), reopen: z.boolean() }),
});
export type TicketView = z.infer<typeof TicketView>;

export const SupportPlanInfo = z.object({
  code: SupportPlan,
  name: z.string(),
  incidentsPerYear: z.number().int().nullable(),
  responseMinutes: z.object({
    critical: z.number().int(),
    high: z.number().int(),
    normal: z.number().int(),
    low: z.number().int(),
  }),
});
export type SupportPlanInfo = z.infer<typeof SupportPlanInfo>;

/** The New ticket form's choices: the account's products, keys and farms, and its plans' allowances. */
export const TicketOptions = z.object({
  products: z.array(Product),
  licenseKeys: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      tail: z.string(),
      productId: z.string(),
      subscriptionId: z.string(),
      subscriptionName: z.string(),
      supportPlan: SupportPlan,
      /** Technical incidents left this subscription year; null = unlimited. */
      incidentsLeft: z.number().int().nullable(),
      supportActive: z.boolean(),
    }),
  ),
  farms: z.array(z.object({ id: z.string(), name: z.string(), licenseKeyId: z.string(), appVersion: z.string() })),
  plans: z.array(SupportPlanInfo),
});
export type TicketOptions = z.infer<typeof TicketOptions>;

/** What an outside watcher sees through their link: the ticket's public side only. */
export const WatchLinkView = z.object({
  reference: z.string(),
  subject: z.string(),
  product: Product,
  status: TicketStatus,
  watcherEmail: z.string(),
  messages: z.array(TicketMessage),
  canReply: z.boolean(),
});
export type WatchLinkView = z.infer<typeof WatchLinkView>;

// ---- Operators' console ----

export const OperatorTicketListQuery = z.strictObject({
  status: z.union([TicketStatus, z.literal("open")]).optional(),
  /** "me", "unassigned", or an operator's user id. */
  assignee: z.string().max(64).optional(),
  severity: TicketSeverity.optional(),
  category: TicketCategory.optional(),
  productId: id.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type OperatorTicketListQuery = z.infer<typeof OperatorTicketListQuery>;

export const OperatorTicketSummary = TicketSummary.omit({ watching: true }).extend({
  account: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  response: ResponseTarget,
});
export type OperatorTicketSummary = z.infer<typeof OperatorTicketSummary>;
export const OperatorTicketPage = z.object({ items: z.array(OperatorTicketSummary), nextCursor: z.string().nullable() });

export const OperatorTicketView = TicketView.omit({ can: true, watching: true }).extend({
  account: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  incidentsLeft: z.number().int().nullable(),
});
export type OperatorTicketView = z.infer<typeof OperatorTicketView>;

export const OperatorReplyBody = z.strictObject({
  body: MessageBody,
  /** "internal": a note for operators, never shown to customers or emailed. */
  visibility: z.enum(["public", "internal"]),
  attachmentIds: AttachmentIds,
  /** The status to set with the reply (optional; a first public reply moves New to In progress). */
  status: TicketStatus.optional(),
});
export type OperatorReplyBody = z.infer<typeof OperatorReplyBody>;

export const OperatorTicketUpdateBody = z
  .strictObject({
    status: TicketStatus.optional(),
    /** An operator's user id, or null to unassign. */
    assigneeUserId: id.nullable().optional(),
    severity: TicketSeverity.optional(),
  })
  .refine((b) => b.status !== undefined || b.assigneeUserId !== undefined || b.severity !== undefined, "Change something.");

export const CreditIncidentBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const SupportAgents = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })) });
