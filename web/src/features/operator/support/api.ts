import type { z } from "zod";
import type {
  Attachment,
  CreditIncidentBody,
  OperatorReplyBody,
  OperatorTicketPage,
  OperatorTicketSummary,
  OperatorTicketUpdateBody,
  OperatorTicketView,
  SupportAgents,
  TicketCategory,
  TicketSeverity,
  TicketStatus,
} from "../../../../../contracts/support.ts";
import { api } from "../../../lib/api.ts";
import { withQuery } from "../../members/api.ts";
import type { QueueFilters } from "./queue-filters.ts";
import { queueApiParams } from "./queue-filters.ts";

export type { Attachment, OperatorTicketSummary, OperatorTicketView, TicketCategory, TicketSeverity, TicketStatus };
export type OperatorTickets = z.infer<typeof OperatorTicketPage>;
export type Agent = z.infer<typeof SupportAgents>["items"][number];
export type TicketUpdate = z.input<typeof OperatorTicketUpdateBody>;

const tickets = "/api/operator/support/tickets";
const ticket = (ticketId: string) => `${tickets}/${encodeURIComponent(ticketId)}`;

/** Typed calls to the support console's routes (403 OPERATOR_REQUIRED for anyone but vendor staff). */
export const supportOperatorApi = {
  tickets: (filters: QueueFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<OperatorTickets>(withQuery(tickets, { ...queueApiParams(filters), limit: page.limit, cursor: page.cursor }), signal),
  ticket: (ticketId: string, signal?: AbortSignal) => api.get<OperatorTicketView>(ticket(ticketId), signal),
  reply: (ticketId: string, body: OperatorReplyBody) => api.post<OperatorTicketView>(`${ticket(ticketId)}/messages`, body),
  update: (ticketId: string, body: TicketUpdate) => api.patch<OperatorTicketView>(ticket(ticketId), body),
  creditIncident: (ticketId: string, body: z.input<typeof CreditIncidentBody>) =>
    api.post<OperatorTicketView>(`${ticket(ticketId)}/incident-credit`, body),
  agents: (signal?: AbortSignal) => api.get<z.infer<typeof SupportAgents>>("/api/operator/support/agents", signal),
  /** Where the composer uploads a file (`?fileName=…` is added by useAttachments). */
  uploadUrl: (ticketId: string) => `${ticket(ticketId)}/attachments`,
};
