/**
 * What the store needs from a card payment provider. The domain code (checkout,
 * upgrades, renewals) talks only to this interface; the built-in test gateway
 * implements it, and a real provider (Stripe, Adyen, …) is one more implementation
 * registered in app.ts, with no change to the domain code.
 *
 * Card numbers never reach the domain: the buyer's browser turns the card into a
 * token at the provider (the test gateway has its own /tokens endpoint for that), and
 * the portal only ever sees and stores tokens.
 */

export type PaymentOutcome =
  /** The money is taken. */
  | { status: "succeeded"; ref: string; card: CardSummary | null }
  /** Refused; `code` is stable (card_declined, insufficient_funds, authentication_required, expired_card, …), `message` human. */
  | { status: "declined"; ref: string | null; code: string; message: string; card: CardSummary | null }
  /** The buyer must take one more step (3-D Secure and the like) at `actionUrl`; the result arrives as an event. */
  | { status: "requires_action"; ref: string; actionUrl: string; card: CardSummary | null };

export type CardSummary = { brand: string; last4: string; expMonth: number; expYear: number };

export type ChargeRequest = {
  amount: number;
  currency: string;
  /** The card token from the buyer's browser, or a saved method's reusable token. */
  token: string;
  /**
   * Sent to the provider so that a retried call (a crash, a timeout) never charges twice:
   * the same key answers with the first call's outcome.
   */
  idempotencyKey: string;
  /** Shown on statements and in the provider's dashboard. */
  description: string;
  /** Where the buyer returns after an extra step. */
  returnUrl: string;
  /** True when nobody is present (renewals): the provider must not ask for an extra step. */
  offSession: boolean;
  /** Our order id, echoed back in events. */
  orderId: string;
};

/** A reusable token for renewals, made from a one-time card token. */
export type SavedMethod = CardSummary & { token: string };

/** A verified event from the provider (a webhook): the final outcome of a payment that needed an extra step. */
export type GatewayEvent = {
  id: string;
  paymentRef: string;
  orderId: string;
  outcome: { status: "succeeded" } | { status: "declined"; code: string; message: string };
};

export interface PaymentGateway {
  /** Stable name, stored on payments and saved methods ("test", "stripe", …). */
  readonly name: string;
  /** True for the built-in test gateway: every page that takes money says "test mode". */
  readonly testMode: boolean;
  charge(request: ChargeRequest): Promise<PaymentOutcome>;
  /** Turn a one-time card token into a reusable one for renewals. Throws InvalidCardTokenError for a token it does not accept. */
  saveMethod(token: string): Promise<SavedMethod>;
  /**
   * Where the buyer takes the extra step of a payment that answered `requires_action`
   * (the same `actionUrl` the charge returned), so an order page opened later can send
   * them there again without the portal storing provider URLs.
   */
  nextActionUrl(paymentRef: string): string;
  /**
   * Check an incoming webhook's signature and parse it. Throws on a bad signature or body;
   * the route answers 400 and nothing is applied.
   */
  verifyEvent(rawBody: string, headers: Record<string, string | string[] | undefined>): GatewayEvent;
}

/** The token is not one this gateway issued, or no longer valid: the buyer must enter the card again. */
export class InvalidCardTokenError extends Error {
  override name = "InvalidCardTokenError";
}
