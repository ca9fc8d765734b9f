import { matchPath } from "../../app/router.tsx";

/** The operator console's pages, for vendor staff (Me.isOperator). */
export type OperatorRoute =
  | { page: "search" }
  | { page: "issue" }
  | { page: "catalogue" }
  | { page: "prices" }
  | { page: "orders" }
  | { page: "downloads" }
  | { page: "account"; accountId: string }
  | { page: "subscription"; subscriptionId: string }
  | { page: "support" }
  | { page: "supportTicket"; ticketId: string };

export function isOperatorPath(path: string): boolean {
  return path === "/operator" || path.startsWith("/operator/");
}

export const operatorPaths = {
  search: (q?: string) => (q ? `/operator?q=${encodeURIComponent(q)}` : "/operator"),
  issue: (account?: { id: string; name: string }) =>
    account
      ? `/operator/issue?accountId=${encodeURIComponent(account.id)}&accountName=${encodeURIComponent(account.name)}`
      : "/operator/issue",
  account: (accountId: string, name?: string) =>
    `/operator/accounts/${encodeURIComponent(accountId)}${name ? `?name=${encodeURIComponent(name)}` : ""}`,
  subscription: (subscriptionId: string) => `/operator/subscriptions/${encodeURIComponent(subscriptionId)}`,
  catalogue: () => "/operator/catalogue",
  prices: () => "/operator/store/prices",
  orders: () => "/operator/store/orders",
  downloads: () => "/operator/downloads",
  support: () => "/operator/support",
  supportTicket: (ticketId: string) => `/operator/support/${encodeURIComponent(ticketId)}`,
};

export function matchOperatorRoute(path: string): OperatorRoute | null {
  if (matchPath("/operator", path)) return { page: "search" };
  if (matchPath("/operator/issue", path)) return { page: "issue" };
  if (matchPath("/operator/catalogue", path)) return { page: "catalogue" };
  if (matchPath("/operator/store/prices", path)) return { page: "prices" };
  if (matchPath("/operator/store/orders", path)) return { page: "orders" };
  if (matchPath("/operator/downloads", path)) return { page: "downloads" };
  const account = matchPath("/operator/accounts/:accountId", path);
  if (account?.accountId) return { page: "account", accountId: account.accountId };
  const subscription = matchPath("/operator/subscriptions/:subscriptionId", path);
  if (subscription?.subscriptionId) return { page: "subscription", subscriptionId: subscription.subscriptionId };
  if (matchPath("/operator/support", path)) return { page: "support" };
  const ticket = matchPath("/operator/support/:ticketId", path);
  if (ticket?.ticketId) return { page: "supportTicket", ticketId: ticket.ticketId };
  return null;
}
