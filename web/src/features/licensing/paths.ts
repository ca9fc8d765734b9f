import { matchPath } from "../../app/router.tsx";

const PATTERN = "/accounts/:accountId/subscriptions/:subscriptionId";

/** Subscription Details of one subscription of the account in the URL. */
export function subscriptionPath(accountId: string, subscriptionId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
}

export function matchSubscriptionRoute(pathname: string): { accountId: string; subscriptionId: string } | null {
  const params = matchPath(PATTERN, pathname);
  if (!params?.accountId || !params.subscriptionId || params.accountId === "new") return null;
  return { accountId: params.accountId, subscriptionId: params.subscriptionId };
}
