import type { FarmListQuery, FarmPage, FarmView, UpdateFarmBody, UsageRange, UsageSeries } from "../../../../contracts/farms.ts";
import { api } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type { FarmPage, FarmStatus, FarmView, LicenseState, UsageRange, UsageSeries } from "../../../../contracts/farms.ts";

/** The Manage Farms filters (FarmListQuery without the paging). */
export type FarmFilters = {
  status: FarmListQuery["status"];
  subscriptionId: string | null;
  keyId: string | null;
  q: string;
};

/** DeactivateFarmsResult in contracts/farms.ts. */
export type DeactivateResult = { deactivated: string[]; alreadyDeactivated: string[] };

/** The most farms one Deactivate request takes (DeactivateFarmsBody). */
export const DEACTIVATE_BATCH = 500;

const base = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;
const farm = (accountId: string, farmId: string) => `${base(accountId)}/farms/${encodeURIComponent(farmId)}`;

function listParams(filters: FarmFilters) {
  return { status: filters.status, subscriptionId: filters.subscriptionId, keyId: filters.keyId, q: filters.q.trim() };
}

/** Typed calls to the portal's farm routes (contracts/farms.ts, "Portal: Manage Farms"). */
export const farmsApi = {
  list: (accountId: string, filters: FarmFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<FarmPage>(
      withQuery(`${base(accountId)}/farms`, { ...listParams(filters), limit: page.limit, cursor: page.cursor }),
      signal,
    ),

  /** A plain link: the server answers text/csv with Content-Disposition: attachment. */
  csvHref: (accountId: string, filters: FarmFilters) => withQuery(`${base(accountId)}/farms.csv`, listParams(filters)),

  get: (accountId: string, farmId: string, signal?: AbortSignal) => api.get<FarmView>(farm(accountId, farmId), signal),

  update: (accountId: string, farmId: string, body: UpdateFarmBody) => api.patch<FarmView>(farm(accountId, farmId), body),

  deactivate: (accountId: string, farmIds: string[]) =>
    api.post<DeactivateResult>(`${base(accountId)}/farms/deactivate`, { farmIds }),

  keyUsage: (accountId: string, keyId: string, range: UsageRange, signal?: AbortSignal) =>
    api.get<UsageSeries>(withQuery(`${base(accountId)}/keys/${encodeURIComponent(keyId)}/usage`, { range }), signal),

  farmUsage: (accountId: string, farmId: string, range: UsageRange, signal?: AbortSignal) =>
    api.get<UsageSeries>(withQuery(`${farm(accountId, farmId)}/usage`, { range }), signal),
};

/** Splits ids into request-sized batches. */
export function batches<T>(items: readonly T[], size = DEACTIVATE_BATCH): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
