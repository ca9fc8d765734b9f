import { useRef } from "react";
import { navigate } from "../../app/router.tsx";
import type { ApiError } from "../../lib/api.ts";
import { setFlash } from "../../lib/flash.ts";
import { useForm } from "../../lib/form.ts";
import {
  type OrderView,
  type PaymentChoice,
  type PurchaseSelection,
  storeApi,
  testGatewayApi,
  type UpgradeSelection,
} from "./api.ts";
import { type CardField, checkCard, toTestCard } from "./card-form.ts";
import { CheckoutAttempts } from "./checkout-attempt.ts";
import { checkoutErrorMessage, declineMessage } from "./errors.ts";
import type { PaymentState } from "./PaymentSection.tsx";
import { isSameSitePath, storePaths } from "./paths.ts";

export type CheckoutField = CardField | "quantity" | "newTotal";

type Order = { kind: "purchase"; selection: PurchaseSelection } | { kind: "upgrade"; selection: UpgradeSelection };

/** The gateway's /tokens answers field errors for number, expMonth, expYear and cvc; they belong to our three fields. */
const CARD_FIELDS: Record<string, CardField> = { number: "number", expMonth: "expiry", expYear: "expiry", cvc: "cvc" };

/**
 * Submits a purchase or an upgrade: tokenizes a new card with the gateway (the card
 * number goes nowhere else), sends the order with the attempt's Idempotency-Key, and
 * follows the outcome — paid or awaiting a transfer: the order's page; an extra step:
 * the gateway's page; declined: an alert, with the form as it was.
 */
export function useCheckout(accountId: string, shownFields: CheckoutField[] = ["number", "expiry", "cvc"]) {
  const form = useForm<CheckoutField>();
  const attempts = useRef(new CheckoutAttempts());

  function follow(order: OrderView) {
    if (order.status === "failed" || order.status === "canceled") {
      attempts.current.finish();
      form.setAlert((tt) => declineMessage(tt, order.failure));
      return;
    }
    if (order.status === "pending_payment" && order.nextAction) {
      const url = order.nextAction.url;
      if (isSameSitePath(url)) navigate(url);
      else window.location.assign(url);
      return;
    }
    const reference = order.reference;
    setFlash((tt) =>
      order.status === "paid"
        ? tt("store.order.paidFlash", { reference })
        : order.status === "awaiting_transfer"
          ? tt("store.order.placedFlash", { reference })
          : tt("store.order.pendingFlash", { reference }),
    );
    navigate(storePaths.order(accountId, order.id));
  }

  async function pay(order: Order, payment: PaymentState) {
    // Everything that makes up the request; the same values again mean the same attempt.
    const attempt = attempts.current.begin(JSON.stringify({ order, payment }));
    let choice: PaymentChoice;
    if (payment.method === "card") {
      attempt.token ??= (await testGatewayApi.token(toTestCard(payment.card))).token;
      choice = { method: "card", token: attempt.token, saveForRenewals: payment.saveForRenewals };
    } else {
      choice = { method: payment.method };
    }
    const result =
      order.kind === "purchase"
        ? await storeApi.checkout(accountId, { ...order.selection, payment: choice }, attempt.key)
        : await storeApi.upgrade(accountId, { ...order.selection, payment: choice }, attempt.key);
    follow(result);
  }

  /** `order` is null while the form cannot make one; `validate` then says which field is wrong. */
  const submit = (
    order: Order | null,
    payment: PaymentState,
    validate: () => Partial<Record<CheckoutField, string | undefined>>,
  ) =>
    form.submit({
      validate: () => ({ ...validate(), ...(payment.method === "card" ? checkCard(payment.card) : {}) }),
      action: async () => {
        if (order) await pay(order, payment);
      },
      onError: (error: ApiError) => {
        // A key sent with another body is refused for good, and a token the gateway no longer takes
        // cannot be sent again: either way the next submit starts a new attempt.
        if (error.code === "IDEMPOTENCY_KEY_REUSED" || error.code === "CARD_TOKEN_INVALID") attempts.current.finish();
        const fields: Partial<Record<CheckoutField, string>> = {};
        for (const { field, message } of error.fieldErrors) {
          const name = field.replace(/^body\./, "");
          const target = CARD_FIELDS[name] ?? (name === "quantity" || name === "newTotal" ? name : undefined);
          // An error about a field this form does not show is said in the alert instead.
          if (target && shownFields.includes(target) && !fields[target]) fields[target] = message;
        }
        if (Object.keys(fields).length > 0) {
          form.setErrors(fields);
          form.setAlert((tt) => tt("form.fixErrors"));
          form.focusFirstInvalid();
        } else {
          form.setAlert((tt) => checkoutErrorMessage(tt, error));
        }
        return true;
      },
    });

  return { form, submit };
}
