import type { TicketMessage } from "../../../../../contracts/support.ts";
import type { TicketCategory, TicketSeverity, TicketStatus } from "./api.ts";

/**
 * i18n keys for the support enums as the console shows them. Full literal keys, so
 * web/scripts/check-locales.ts can check them.
 */
export const TICKET_STATUS_KEYS: Record<TicketStatus, string> = {
  new: "operatorSupport.status.new",
  in_progress: "operatorSupport.status.in_progress",
  waiting_for_customer: "operatorSupport.status.waiting_for_customer",
  resolved: "operatorSupport.status.resolved",
  closed: "operatorSupport.status.closed",
};

export const TICKET_STATUS_BADGES: Record<TicketStatus, string> = {
  new: "badge badge-accent",
  in_progress: "badge badge-warning",
  waiting_for_customer: "badge badge-muted",
  resolved: "badge badge-success",
  closed: "badge badge-muted",
};

export const SEVERITY_KEYS: Record<TicketSeverity, string> = {
  low: "operatorSupport.severity.low",
  normal: "operatorSupport.severity.normal",
  high: "operatorSupport.severity.high",
  critical: "operatorSupport.severity.critical",
};

/** The same badges as the customer pages show. */
export { SEVERITY_BADGES } from "../../support/labels.ts";

export const CATEGORY_KEYS: Record<TicketCategory, string> = {
  technical: "operatorSupport.category.technical",
  licensing: "operatorSupport.category.licensing",
  purchase: "operatorSupport.category.purchase",
};

export const AUTHOR_KIND_KEYS: Record<TicketMessage["authorKind"], string> = {
  customer: "operatorSupport.author.customer",
  watcher: "operatorSupport.author.watcher",
  operator: "operatorSupport.author.operator",
  system: "operatorSupport.author.system",
};

export const VIA_KEYS: Record<TicketMessage["via"], string> = {
  portal: "operatorSupport.via.portal",
  email: "operatorSupport.via.email",
  link: "operatorSupport.via.link",
};

export const TICKET_STATUSES: TicketStatus[] = ["new", "in_progress", "waiting_for_customer", "resolved", "closed"];
export const SEVERITIES: TicketSeverity[] = ["critical", "high", "normal", "low"];
export const CATEGORIES: TicketCategory[] = ["technical", "licensing", "purchase"];

/** An agent as a select shows them: the name, with the address when another agent has the same name. */
export function agentOptions(
  agents: Array<{ id: string; name: string; email: string }>,
): Array<{ value: string; label: string }> {
  const counts = new Map<string, number>();
  for (const agent of agents) counts.set(agent.name, (counts.get(agent.name) ?? 0) + 1);
  return agents.map((agent) => ({
    value: agent.id,
    label: (counts.get(agent.name) ?? 0) > 1 ? `${agent.name} (${agent.email})` : agent.name,
  }));
}
