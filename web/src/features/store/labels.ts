import type { OrderStatus, OrderView, PaymentView } from "./api.ts";

/** i18n keys for the store's enums; full literal keys, so web/scripts/check-locales.ts can check them. */
export const ORDER_STATUS_KEYS: Record<OrderStatus, string> = {
  pending_payment: "store.orderStatus.pending_payment",
  awaiting_transfer: "store.orderStatus.awaiting_transfer",
  paid: "store.orderStatus.paid",
  failed: "store.orderStatus.failed",
  canceled: "store.orderStatus.canceled",
};

export const ORDER_STATUS_BADGES: Record<OrderStatus, string> = {
  pending_payment: "badge badge-warning",
  awaiting_transfer: "badge badge-warning",
  paid: "badge badge-success",
  failed: "badge badge-danger",
  canceled: "badge badge-muted",
};

/** The status filter's options, in the order an order moves through them. */
export const ORDER_STATUSES: OrderStatus[] = ["pending_payment", "awaiting_transfer", "paid", "failed", "canceled"];

export const ORDER_KIND_KEYS: Record<OrderView["kind"], string> = {
  purchase: "store.orderKind.purchase",
  upgrade: "store.orderKind.upgrade",
  renewal: "store.orderKind.renewal",
};

export const PAYMENT_METHOD_KEYS: Record<OrderView["paymentMethod"], string> = {
  card: "store.paymentMethod.card",
  saved_card: "store.paymentMethod.saved_card",
  bank_transfer: "store.paymentMethod.bank_transfer",
};

export const PAYMENT_STATUS_KEYS: Record<PaymentView["status"], string> = {
  requires_action: "store.paymentStatus.requires_action",
  pending: "store.paymentStatus.pending",
  succeeded: "store.paymentStatus.succeeded",
  declined: "store.paymentStatus.declined",
  canceled: "store.paymentStatus.canceled",
};

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as string[]).includes(value);
}
