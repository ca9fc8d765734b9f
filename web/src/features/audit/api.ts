import type { AuditPage } from "../../../../contracts/invitations.ts";
import { api } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type { AccountAuditEntry } from "../../../../contracts/invitations.ts";

/** The audit filters as the API takes them: a user id, an action value, ISO date-times. */
export type AuditFilters = { person: string; action: string; from: string; to: string };

const base = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;

export const auditApi = {
  page: (accountId: string, filters: AuditFilters, page: { limit: number; cursor?: string }, signal?: AbortSignal) =>
    api.get<AuditPage>(withQuery(`${base(accountId)}/audit`, { ...filters, limit: page.limit, cursor: page.cursor }), signal),

  /** A plain link: the server answers text/csv with Content-Disposition: attachment. */
  csvHref: (accountId: string, filters: AuditFilters) => withQuery(`${base(accountId)}/audit.csv`, filters),
};
