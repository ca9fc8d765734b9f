import { matchPath } from "../../app/router.tsx";

/** The store's pages of the account in the URL, and the test gateway's public page. */
export type StoreRoute =
  | { page: "purchase"; accountId: string }
  | { page: "buy-more"; accountId: string }
  | { page: "orders"; accountId: string }
  | { page: "order"; accountId: string; orderId: string }
  | { page: "payment-method"; accountId: string };

const account = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/store`;

export const storePaths = {
  purchase: (accountId: string, productId?: string | null) =>
    productId ? `${account(accountId)}/purchase?product=${encodeURIComponent(productId)}` : `${account(accountId)}/purchase`,
  buyMore: (accountId: string, subscriptionId?: string | null) =>
    subscriptionId
      ? `${account(accountId)}/buy-more?subscription=${encodeURIComponent(subscriptionId)}`
      : `${account(accountId)}/buy-more`,
  orders: (accountId: string) => `${account(accountId)}/orders`,
  order: (accountId: string, orderId: string) => `${account(accountId)}/orders/${encodeURIComponent(orderId)}`,
  paymentMethod: (accountId: string) => `${account(accountId)}/payment-method`,
  testAuthentication: (paymentRef: string) => `/store/test-gateway/authenticate/${encodeURIComponent(paymentRef)}`,
};

const PAGES: Array<{ pattern: string; page: Exclude<StoreRoute["page"], "order"> }> = [
  { pattern: "/accounts/:accountId/store/purchase", page: "purchase" },
  { pattern: "/accounts/:accountId/store/buy-more", page: "buy-more" },
  { pattern: "/accounts/:accountId/store/orders", page: "orders" },
  { pattern: "/accounts/:accountId/store/payment-method", page: "payment-method" },
];

export function matchStoreRoute(pathname: string): StoreRoute | null {
  for (const { pattern, page } of PAGES) {
    const params = matchPath(pattern, pathname);
    if (params?.accountId && params.accountId !== "new") return { page, accountId: params.accountId };
  }
  const order = matchPath("/accounts/:accountId/store/orders/:orderId", pathname);
  if (order?.accountId && order.orderId && order.accountId !== "new") {
    return { page: "order", accountId: order.accountId, orderId: order.orderId };
  }
  return null;
}

/** The test gateway's authentication page: public, outside any account (a card provider's page in real life). */
export function matchTestAuthenticationRoute(pathname: string): { paymentRef: string } | null {
  const params = matchPath("/store/test-gateway/authenticate/:paymentRef", pathname);
  return params?.paymentRef ? { paymentRef: params.paymentRef } : null;
}

/**
 * Where to send the buyer for a payment's extra step or after it: a same-site path is
 * opened in the app; a provider's own https page is opened as a full page load.
 */
export function isSameSitePath(url: string): boolean {
  return /^\/(?![/\\])/.test(url);
}
