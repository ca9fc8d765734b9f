import type { z } from "zod";
import type { OperatorOrderPage, OperatorOrderSummary, OrderStatus, OrderView, PriceList } from "../../../../contracts/store.ts";
import { api } from "../../lib/api.ts";
import { withQuery } from "../members/api.ts";

export type { OrderStatus, OrderView, PriceList };
export type OperatorOrder = z.infer<typeof OperatorOrderSummary>;
export type OperatorOrders = z.infer<typeof OperatorOrderPage>;

const order = (orderId: string) => `/api/operator/store/orders/${encodeURIComponent(orderId)}`;

/** Typed calls to the store's operator routes (403 OPERATOR_REQUIRED for anyone but vendor staff). */
export const storeOperatorApi = {
  priceList: (signal?: AbortSignal) => api.get<PriceList>("/api/operator/store/price-list", signal),
  savePriceList: (body: PriceList) => api.put<PriceList>("/api/operator/store/price-list", body),
  orders: (status: OrderStatus | "", page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<OperatorOrders>(withQuery("/api/operator/store/orders", { status, limit: page.limit, cursor: page.cursor }), signal),
  confirmTransfer: (orderId: string, body: { amount: number; bankReference: string }) =>
    api.post<OrderView>(`${order(orderId)}/confirm-transfer`, body),
  cancel: (orderId: string, reason: string) =>
    api.post<OrderView>(`${order(orderId)}/cancel`, reason.trim() ? { reason: reason.trim() } : {}),
};
