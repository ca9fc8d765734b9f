import type { OperatorTicketView, TicketSeverity, TicketStatus, TicketUpdate } from "./api.ts";

type Values = { status: TicketStatus; assignee: string; severity: TicketSeverity };

/**
 * The PATCH body for what the operator changed in the side panel, or null when nothing
 * did (the route refuses an empty change). An empty assignee means "unassign".
 */
export function ticketChanges(
  ticket: Pick<OperatorTicketView, "status" | "severity" | "assignee">,
  values: Values,
): TicketUpdate | null {
  const body: TicketUpdate = {};
  if (values.status !== ticket.status) body.status = values.status;
  if (values.severity !== ticket.severity) body.severity = values.severity;
  const assignee = values.assignee || null;
  if (assignee !== (ticket.assignee?.id ?? null)) body.assigneeUserId = assignee;
  return Object.keys(body).length > 0 ? body : null;
}
