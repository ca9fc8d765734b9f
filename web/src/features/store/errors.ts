import type { TFunction } from "i18next";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";

/** Store codes (contracts/store.ts routes) with words of our own; anything else falls back to lib/errors.ts. */
const MESSAGES: Record<string, string> = {
  ADMIN_ROLE_REQUIRED: "store.errors.ADMIN_ROLE_REQUIRED",
  IDEMPOTENCY_KEY_REUSED: "store.errors.IDEMPOTENCY_KEY_REUSED",
  BANK_TRANSFER_UNAVAILABLE: "store.errors.BANK_TRANSFER_UNAVAILABLE",
  NO_SAVED_PAYMENT_METHOD: "store.errors.NO_SAVED_PAYMENT_METHOD",
  OFFER_NOT_AVAILABLE: "store.errors.OFFER_NOT_AVAILABLE",
  CARD_PAYMENTS_UNAVAILABLE: "store.errors.CARD_PAYMENTS_UNAVAILABLE",
  CARD_TOKEN_INVALID: "store.errors.CARD_TOKEN_INVALID",
  UPGRADE_NOT_AVAILABLE: "store.errors.UPGRADE_NOT_AVAILABLE",
  SUBSCRIPTION_SUSPENDED: "store.errors.SUBSCRIPTION_SUSPENDED",
  ORDER_NOT_FOUND: "store.errors.ORDER_NOT_FOUND",
  SUBSCRIPTION_NOT_FOUND: "errors.SUBSCRIPTION_NOT_FOUND",
  AMOUNT_MISMATCH: "store.errors.AMOUNT_MISMATCH",
  INVOICE_NOT_FOUND: "store.errors.INVOICE_NOT_FOUND",
};

/** Why a payment was declined, by the gateway's failure code. */
const DECLINES: Record<string, string> = {
  card_declined: "store.decline.card_declined",
  insufficient_funds: "store.decline.insufficient_funds",
  expired_card: "store.decline.expired_card",
  authentication_required: "store.decline.authentication_required",
  authentication_failed: "store.decline.authentication_failed",
};

export function storeErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code];
    if (key) return t(key);
  }
  return messageFor(t, error);
}

/** Whether the answer to a payment was lost: the order may or may not exist, so the same attempt is retried. */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "NETWORK_ERROR" || error.status >= 500);
}

/** A checkout's error: a lost answer says that submitting again is safe (the same Idempotency-Key goes with it). */
export function checkoutErrorMessage(t: TFunction, error: unknown): string {
  return isOutcomeUnknown(error) ? t("store.errors.retrySafe") : storeErrorMessage(t, error);
}

/** One sentence for a declined or failed payment: our words for known codes, else the server's message. */
export function declineMessage(t: TFunction, failure: { code: string; message: string } | null): string {
  const key = failure ? DECLINES[failure.code] : undefined;
  if (key) return t(key);
  return failure?.message ? t("store.decline.other", { message: failure.message }) : t("store.decline.generic");
}

export function isAdminRequired(error: unknown): boolean {
  return error instanceof ApiError && error.code === "ADMIN_ROLE_REQUIRED";
}
