import type {
  DashboardSummary,
  KeyBody,
  LicenseKeyView,
  SubscriptionDetails,
  SubscriptionListQuery,
  SubscriptionPage,
} from "../../../../contracts/licensing.ts";
import { api, request } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type { SubscriptionStatus, SubscriptionSummary } from "../../../../contracts/licensing.ts";
export type { DashboardSummary, KeyBody, LicenseKeyView, SubscriptionDetails, SubscriptionPage };

export type DisplayFilter = SubscriptionListQuery["display"];
export type SubscriptionSort = SubscriptionListQuery["sort"];
export type SubscriptionFilters = { display: DisplayFilter; sort: SubscriptionSort; productId: string };
/** PrimaryKeyBody in contracts/licensing.ts: only the name and the per-farm cap change on a Primary Key. */
export type PrimaryKeyBody = { name?: string; maxUsersPerFarm?: number | null };

const base = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;
const subscription = (accountId: string, subscriptionId: string) =>
  `${base(accountId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
const key = (accountId: string, subscriptionId: string, keyId: string) =>
  `${subscription(accountId, subscriptionId)}/keys/${encodeURIComponent(keyId)}`;

/** Typed calls to the customer licensing routes (contracts/licensing.ts). */
export const licensingApi = {
  dashboard: (accountId: string, signal?: AbortSignal) => api.get<DashboardSummary>(`${base(accountId)}/dashboard`, signal),

  subscriptions: (
    accountId: string,
    filters: SubscriptionFilters,
    page: { limit: number; cursor?: string | null },
    signal?: AbortSignal,
  ) =>
    api.get<SubscriptionPage>(
      withQuery(`${base(accountId)}/subscriptions`, { ...filters, limit: page.limit, cursor: page.cursor }),
      signal,
    ),

  register: (accountId: string, typedKey: string) =>
    api.post<SubscriptionDetails>(`${base(accountId)}/subscriptions/register`, { key: typedKey }),

  subscription: (accountId: string, subscriptionId: string, signal?: AbortSignal) =>
    api.get<SubscriptionDetails>(subscription(accountId, subscriptionId), signal),

  updateSubscription: (accountId: string, subscriptionId: string, body: { displayName?: string; renewalEnabled?: boolean }) =>
    api.put<SubscriptionDetails>(subscription(accountId, subscriptionId), body),

  createKey: (accountId: string, subscriptionId: string, body: KeyBody) =>
    api.post<LicenseKeyView>(`${subscription(accountId, subscriptionId)}/keys`, body),

  key: (accountId: string, subscriptionId: string, keyId: string, signal?: AbortSignal) =>
    api.get<LicenseKeyView>(key(accountId, subscriptionId, keyId), signal),

  updateKey: (accountId: string, subscriptionId: string, keyId: string, body: KeyBody | PrimaryKeyBody) =>
    api.put<LicenseKeyView>(key(accountId, subscriptionId, keyId), body),

  deleteKey: (accountId: string, subscriptionId: string, keyId: string) =>
    request<null>(key(accountId, subscriptionId, keyId), { method: "DELETE" }),

  setAdministrators: (accountId: string, subscriptionId: string, keyId: string, userIds: string[]) =>
    api.put<LicenseKeyView>(`${key(accountId, subscriptionId, keyId)}/administrators`, { userIds }),
};
