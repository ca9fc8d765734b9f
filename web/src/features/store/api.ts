import type { z } from "zod";
import type {
  BankTransferInstructions,
  Catalog,
  CheckoutBody,
  OrderListQuery,
  OrderPage,
  OrderStatus,
  OrderSummary,
  OrderView,
  PaymentChoice,
  PaymentMethodView,
  PaymentView,
  PurchaseSelection,
  Quote,
  TestCardToken,
  TestPaymentView,
  UpgradeBody,
  UpgradeQuote,
  UpgradeSelection,
} from "../../../../contracts/store.ts";
import { api, request } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type {
  Catalog,
  CheckoutBody,
  OrderPage,
  OrderStatus,
  OrderSummary,
  OrderView,
  PaymentChoice,
  PaymentMethodView,
  PaymentView,
  PurchaseSelection,
  Quote,
  TestCardToken,
  UpgradeBody,
  UpgradeQuote,
  UpgradeSelection,
};
export type BankTransfer = z.infer<typeof BankTransferInstructions>;
export type TestPayment = z.infer<typeof TestPaymentView>;
export type OrderFilters = { status: OrderStatus | ""; subscriptionId?: string };
export type TestCard = { number: string; expMonth: number; expYear: number; cvc: string };

const store = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}/store`;
const order = (accountId: string, orderId: string) => `${store(accountId)}/orders/${encodeURIComponent(orderId)}`;
const testPayment = (paymentRef: string) => `/api/store/test-gateway/payments/${encodeURIComponent(paymentRef)}`;

/**
 * Typed calls to the store (contracts/store.ts). Money moves only through `checkout`
 * and `upgrade`, which carry the attempt's Idempotency-Key; card numbers go only to
 * the test gateway's `tokens`, never to a store route.
 */
export const storeApi = {
  catalog: (signal?: AbortSignal) => api.get<Catalog>("/api/store/catalog", signal),

  quote: (accountId: string, selection: PurchaseSelection, signal?: AbortSignal) =>
    request<Quote>(`${store(accountId)}/quote`, { method: "POST", body: selection, signal }),

  upgradeQuote: (accountId: string, selection: UpgradeSelection, signal?: AbortSignal) =>
    request<UpgradeQuote>(`${store(accountId)}/upgrade-quote`, { method: "POST", body: selection, signal }),

  checkout: (accountId: string, body: CheckoutBody, idempotencyKey: string) =>
    request<OrderView>(`${store(accountId)}/orders`, {
      method: "POST",
      body,
      headers: { "idempotency-key": idempotencyKey },
    }),

  upgrade: (accountId: string, body: UpgradeBody, idempotencyKey: string) =>
    request<OrderView>(`${store(accountId)}/upgrades`, {
      method: "POST",
      body,
      headers: { "idempotency-key": idempotencyKey },
    }),

  orders: (accountId: string, filters: OrderFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) => {
    const query: Partial<Record<keyof OrderListQuery, string | number | null | undefined>> = {
      status: filters.status,
      subscriptionId: filters.subscriptionId,
      limit: page.limit,
      cursor: page.cursor,
    };
    return api.get<OrderPage>(withQuery(`${store(accountId)}/orders`, query), signal);
  },

  order: (accountId: string, orderId: string, signal?: AbortSignal) => api.get<OrderView>(order(accountId, orderId), signal),

  paymentMethod: (accountId: string, signal?: AbortSignal) =>
    api.get<{ paymentMethod: PaymentMethodView | null }>(`${store(accountId)}/payment-method`, signal),

  savePaymentMethod: (accountId: string, token: string) =>
    api.put<{ paymentMethod: PaymentMethodView | null }>(`${store(accountId)}/payment-method`, { token }),

  removePaymentMethod: (accountId: string) => api.delete<unknown>(`${store(accountId)}/payment-method`),
};

/** The built-in test gateway: it stands in for a card provider's own pages and scripts. */
export const testGatewayApi = {
  /** Card details go here and nowhere else; what comes back is a token for the checkout. */
  token: (card: TestCard) => api.post<TestCardToken>("/api/store/test-gateway/tokens", card),
  payment: (paymentRef: string, signal?: AbortSignal) => api.get<TestPayment>(testPayment(paymentRef), signal),
  authenticate: (paymentRef: string, outcome: "approve" | "fail") =>
    api.post<{ redirectUrl: string }>(`${testPayment(paymentRef)}/authenticate`, { outcome }),
};
