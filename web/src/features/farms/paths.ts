import { matchPath } from "../../app/router.tsx";

const PATTERN = "/accounts/:accountId/farms";

/** What Manage Farms is narrowed to: one subscription's keys, or one key. */
export type FarmScope = { subscriptionId?: string | null; keyId?: string | null };

/** Manage Farms of the account in the URL, optionally narrowed to a subscription or a key (`?subscriptionId=` / `?keyId=`). */
export function farmsPath(accountId: string, scope: FarmScope = {}): string {
  const path = `/accounts/${encodeURIComponent(accountId)}/farms`;
  const search = new URLSearchParams();
  if (scope.subscriptionId) search.set("subscriptionId", scope.subscriptionId);
  if (scope.keyId) search.set("keyId", scope.keyId);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function matchFarmsRoute(pathname: string): { accountId: string } | null {
  const params = matchPath(PATTERN, pathname);
  if (!params?.accountId || params.accountId === "new") return null;
  return { accountId: params.accountId };
}

/** The scope a URL's query asks for; a key wins over a subscription (a key belongs to one subscription). */
export function scopeFromSearch(search: URLSearchParams): FarmScope {
  const keyId = search.get("keyId")?.trim() || null;
  const subscriptionId = search.get("subscriptionId")?.trim() || null;
  return keyId ? { keyId, subscriptionId } : { subscriptionId };
}
