import type { AcceptAsNewBody, AcceptResult, InvitationPreview } from "../../../../contracts/invitations.ts";
import { api } from "../../lib/api.ts";

export type { AcceptResult, InvitationPreview };

/** The public joining routes (contracts/invitations.ts). Only accept and accept-new change anything. */
export const joinApi = {
  preview: (token: string) => api.post<InvitationPreview>("/api/invitations/preview", { token }),
  accept: (token: string) => api.post<AcceptResult>("/api/invitations/accept", { token }),
  acceptNew: (body: AcceptAsNewBody) => api.post<AcceptResult>("/api/invitations/accept-new", body),
};
