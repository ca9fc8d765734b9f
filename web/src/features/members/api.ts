import type {
  MemberDetails,
  Role,
  RosterPage,
  RosterSort,
  RosterStatus,
  UpdateMemberBody,
} from "../../../../contracts/accounts.ts";
import type { InvitationView, SendInvitationsBody, SendInvitationsResult } from "../../../../contracts/invitations.ts";
import { api } from "../../lib/api.ts";

export type { RosterEntry } from "../../../../contracts/accounts.ts";
export type { InvitationOutcome } from "../../../../contracts/invitations.ts";
export type { InvitationView, MemberDetails, Role, RosterSort, RosterStatus };

export type RosterFilters = { q: string; role: Role | ""; status: RosterStatus | ""; sort: RosterSort };

type QueryValue = string | number | undefined | null;

/** `path?a=1&b=2`, leaving out empty values. Also used for the CSV download links. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

const base = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;
const member = (accountId: string, userId: string) => `${base(accountId)}/users/${encodeURIComponent(userId)}`;
const invitation = (accountId: string, invitationId: string) =>
  `${base(accountId)}/invitations/${encodeURIComponent(invitationId)}`;

function rosterParams(filters: RosterFilters): Record<string, QueryValue> {
  return { q: filters.q.trim(), role: filters.role, status: filters.status, sort: filters.sort };
}

/** Typed calls to the Business Account Users and invitation routes (admin only). */
export const membersApi = {
  roster: (accountId: string, filters: RosterFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<RosterPage>(
      withQuery(`${base(accountId)}/users`, { ...rosterParams(filters), limit: page.limit, cursor: page.cursor }),
      signal,
    ),

  /** A plain link: the server answers text/csv with Content-Disposition: attachment. */
  rosterCsvHref: (accountId: string, filters: RosterFilters) => withQuery(`${base(accountId)}/users.csv`, rosterParams(filters)),

  member: (accountId: string, userId: string, signal?: AbortSignal) => api.get<MemberDetails>(member(accountId, userId), signal),

  updateMember: (accountId: string, userId: string, body: UpdateMemberBody) =>
    api.put<{ member: MemberDetails | null }>(member(accountId, userId), body),

  sendInvitations: (accountId: string, body: SendInvitationsBody) =>
    api.post<SendInvitationsResult>(`${base(accountId)}/invitations`, body),

  invitation: (accountId: string, invitationId: string, signal?: AbortSignal) =>
    api.get<InvitationView>(invitation(accountId, invitationId), signal),

  resendInvitation: (accountId: string, invitationId: string) =>
    api.post<InvitationView>(`${invitation(accountId, invitationId)}/resend`),

  revokeInvitation: (accountId: string, invitationId: string) =>
    api.post<InvitationView>(`${invitation(accountId, invitationId)}/revoke`),
};
