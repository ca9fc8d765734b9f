/**
 * Support's tables (see schema.ts for the conventions: camelCase, normalized by
 * NormalizeResultsPlugin). Timestamps are Dates on both engines.
 */
export type SupportPlanCode = "standard" | "premium";
export type TicketCategory = "technical" | "licensing" | "purchase";
export type TicketSeverity = "low" | "normal" | "high" | "critical";
export type TicketStatus = "new" | "in_progress" | "waiting_for_customer" | "resolved" | "closed";
export type MessageAuthorKind = "customer" | "watcher" | "operator" | "system";
export type MessageVisibility = "public" | "internal";
export type MessageVia = "portal" | "email" | "link";

export type SupportPlansTable = {
  code: SupportPlanCode;
  name: string;
  incidentsPerYear: number | null;
  criticalResponseMinutes: number;
  highResponseMinutes: number;
  normalResponseMinutes: number;
  lowResponseMinutes: number;
};
export type SupportTicketsTable = {
  id: string;
  accountId: string;
  reference: string;
  productId: string;
  category: TicketCategory;
  severity: TicketSeverity;
  subject: string;
  status: TicketStatus;
  licenseKeyId: string | null;
  farmId: string | null;
  supportPlan: SupportPlanCode | null;
  responseTargetMinutes: number;
  createdByUserId: string | null;
  assigneeUserId: string | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
};
export type SupportMessagesTable = {
  id: string;
  ticketId: string;
  authorKind: MessageAuthorKind;
  authorUserId: string | null;
  authorEmail: string | null;
  authorName: string;
  visibility: MessageVisibility;
  body: string;
  via: MessageVia;
  createdAt: Date;
  /** Message-ID (or content hash) of the email this message was threaded from; null otherwise. */
  emailMessageId: string | null;
};
export type SupportAttachmentsTable = {
  id: string;
  fileId: string;
  accountId: string;
  ticketId: string | null;
  messageId: string | null;
  fileName: string;
  uploadedByUserId: string | null;
  uploadedByWatcherId: string | null;
  createdAt: Date;
};
export type SupportWatchersTable = {
  id: string;
  ticketId: string;
  email: string;
  userId: string | null;
  addedByUserId: string | null;
  createdAt: Date;
};
export type SupportIncidentsTable = {
  ticketId: string;
  subscriptionId: string;
  periodStart: Date;
  usedAt: Date;
  creditedAt: Date | null;
  creditedByUserId: string | null;
  creditReason: string | null;
};
