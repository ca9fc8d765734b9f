import type { TicketCategory, TicketMessage, TicketSeverity, TicketStatus } from "../../../../contracts/support.ts";

/**
 * i18n keys and badge classes for the support enums, in one place for the customer pages
 * (and the operators' console may import them). Full literal keys, so
 * web/scripts/check-locales.ts can check them. Badges always carry their word, never colour alone.
 */
export const TICKET_STATUSES: readonly TicketStatus[] = ["new", "in_progress", "waiting_for_customer", "resolved", "closed"];

export const TICKET_STATUS_KEYS: Record<TicketStatus, string> = {
  new: "support.status.new",
  in_progress: "support.status.in_progress",
  waiting_for_customer: "support.status.waiting_for_customer",
  resolved: "support.status.resolved",
  closed: "support.status.closed",
};

export const TICKET_STATUS_BADGES: Record<TicketStatus, string> = {
  new: "badge badge-accent",
  in_progress: "badge badge-accent",
  waiting_for_customer: "badge badge-warning",
  resolved: "badge badge-success",
  closed: "badge badge-muted",
};

export const TICKET_CATEGORIES: readonly TicketCategory[] = ["technical", "licensing", "purchase"];

export const CATEGORY_KEYS: Record<TicketCategory, string> = {
  technical: "support.category.technical",
  licensing: "support.category.licensing",
  purchase: "support.category.purchase",
};

/** What each category is for (the New ticket form's hint under each choice). */
export const CATEGORY_HINT_KEYS: Record<TicketCategory, string> = {
  technical: "support.category.technicalHint",
  licensing: "support.category.licensingHint",
  purchase: "support.category.purchaseHint",
};

export const TICKET_SEVERITIES: readonly TicketSeverity[] = ["low", "normal", "high", "critical"];

export const SEVERITY_KEYS: Record<TicketSeverity, string> = {
  low: "support.severity.low",
  normal: "support.severity.normal",
  high: "support.severity.high",
  critical: "support.severity.critical",
};

export const SEVERITY_HINT_KEYS: Record<TicketSeverity, string> = {
  low: "support.severity.lowHint",
  normal: "support.severity.normalHint",
  high: "support.severity.highHint",
  critical: "support.severity.criticalHint",
};

export const SEVERITY_BADGES: Record<TicketSeverity, string> = {
  low: "badge badge-muted",
  normal: "badge badge-muted",
  high: "badge badge-warning",
  critical: "badge badge-danger",
};

/** How a message arrived, when it was not typed in the portal. */
export const VIA_KEYS: Record<TicketMessage["via"], string | null> = {
  portal: null,
  email: "support.thread.viaEmail",
  link: "support.thread.viaLink",
};

export const AUTHOR_KIND_KEYS: Record<TicketMessage["authorKind"], string> = {
  customer: "support.thread.customer",
  watcher: "support.thread.watcher",
  operator: "support.thread.operator",
  system: "support.thread.system",
};

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}
