import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../../../server/clock.ts";
import { AppError } from "../../../server/errors.ts";
import {
  type CardSummary,
  type ChargeRequest,
  type GatewayEvent,
  InvalidCardTokenError,
  type PaymentGateway,
  type PaymentOutcome,
  type SavedMethod,
} from "./gateway.ts";

/**
 * The built-in test gateway: a stand-in for a card provider, clearly "test mode". It keeps
 * no state of its own, so any number of server processes can share it: tokens, payment
 * references and events are signed (HMAC-SHA256 under keys derived with HKDF from
 * AUTH_SECRET), and what a card does travels inside its token. The card number itself is
 * never logged or stored: only the brand, the last four digits and the expiry.
 *
 * Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined (card_declined);
 * 4000 0000 0000 9995 is declined (insufficient_funds); 4000 0027 6000 3184 needs an extra
 * authentication step on the test gateway's page (and declines with authentication_required
 * when charged with nobody present, as renewals are); any card whose expiry has passed is
 * declined (expired_card).
 */

export const TEST_GATEWAY_NAME = "test";
export const TEST_SIGNATURE_HEADER = "test-gateway-signature";
/** An event older (or newer) than this is refused: a replayed old signature is worthless. */
const EVENT_TOLERANCE_MS = 5 * 60 * 1000;

type Behaviour = "succeed" | "decline" | "no_funds" | "authenticate";
const TEST_CARDS: Record<string, Behaviour> = {
  "4242424242424242": "succeed",
  "4000000000000002": "decline",
  "4000000000009995": "no_funds",
  "4000002760003184": "authenticate",
};
const BEHAVIOUR_CODES: Record<Behaviour, string> = { succeed: "s", decline: "d", no_funds: "f", authenticate: "a" };

const TokenPayload = z.object({
  b: z.enum(["s", "d", "f", "a"]),
  br: z.string().max(20),
  l4: z.string().regex(/^\d{4}$/),
  m: z.number().int().min(1).max(12),
  y: z.number().int().min(2000).max(2100),
  n: z.string().max(20),
});
type TokenPayload = z.infer<typeof TokenPayload>;

const EventBody = z.strictObject({
  id: z.string().min(1).max(100),
  paymentRef: z.string().min(1).max(100),
  orderId: z.string().min(1).max(64),
  outcome: z.union([
    z.strictObject({ status: z.literal("succeeded") }),
    z.strictObject({ status: z.literal("declined"), code: z.string().max(60), message: z.string().max(300) }),
  ]),
});

const DECLINES = {
  card_declined: "Your card was declined. Try another card or pay by bank transfer.",
  insufficient_funds: "Your card has insufficient funds. Try another card or pay by bank transfer.",
  expired_card: "Your card has expired. Check the expiry date or use another card.",
  authentication_required:
    "This card asks the cardholder to confirm each payment, so it cannot be charged automatically. Pay while signed in, or save another card.",
  invalid_token: "The card details could not be used. Enter the card again.",
  authentication_failed: "The card's extra authentication step failed. Try again or use another card.",
} as const;

export type TestGateway = PaymentGateway & {
  /** The provider's "tokenize" endpoint: a card number in, a one-time token out (refuses non-test numbers). */
  tokenize(card: { number: string; expMonth: number; expYear: number }): CardSummary & { token: string };
  /** Signs an event as the provider's webhook would send it. */
  signEvent(event: GatewayEvent): { rawBody: string; headers: Record<string, string> };
  /** A declined outcome for a failed authentication, with the gateway's own message. */
  authenticationFailure(): { code: string; message: string };
};

export function createTestGateway({ secret, clock }: { secret: string; clock: Clock }): TestGateway {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", secret, "license-portal", info, 32));
  const tokenKey = derive("test-gateway tokens v1");
  const refKey = derive("test-gateway payment refs v1");
  const eventKey = derive("test-gateway events v1");
  const mac = (key: Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

  function seal(prefix: "tok_test_" | "pm_test_", payload: TokenPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${prefix}${body}.${mac(tokenKey, `${prefix}${body}`).subarray(0, 24).toString("base64url")}`;
  }

  function open(token: string): { reusable: boolean; payload: TokenPayload } | null {
    const prefix = token.startsWith("tok_test_") ? "tok_test_" : token.startsWith("pm_test_") ? "pm_test_" : null;
    if (!prefix) return null;
    const [body = "", signature = ""] = token.slice(prefix.length).split(".");
    const expected = mac(tokenKey, `${prefix}${body}`).subarray(0, 24);
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const payload = TokenPayload.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
      return { reusable: prefix === "pm_test_", payload };
    } catch {
      return null;
    }
  }

  const cardOf = (p: TokenPayload): CardSummary => ({ brand: p.br, last4: p.l4, expMonth: p.m, expYear: p.y });
  /** A card is good through the last moment of its expiry month (UTC). */
  const isExpired = (p: TokenPayload) => clock.now().getTime() >= Date.UTC(p.y, p.m, 1);
  /** The same idempotency key always gives the same reference: a retried charge is the same payment. */
  const refFor = (idempotencyKey: string) => `pay_test_${mac(refKey, idempotencyKey).subarray(0, 18).toString("base64url")}`;
  const declined = (ref: string | null, code: keyof typeof DECLINES, card: CardSummary | null): PaymentOutcome => ({
    status: "declined",
    ref,
    code,
    message: DECLINES[code],
    card,
  });
  const nextActionUrl = (paymentRef: string) => `/store/test-gateway/authenticate/${encodeURIComponent(paymentRef)}`;

  return {
    name: TEST_GATEWAY_NAME,
    testMode: true,

    tokenize({ number, expMonth, expYear }) {
      const behaviour = TEST_CARDS[number];
      if (!behaviour) {
        throw new AppError(400, "VALIDATION_FAILED", "This is test mode: no real card can be charged. Use a test card number.", {
          errors: [{ field: "number", message: "Use a test card number, such as 4242 4242 4242 4242." }],
        });
      }
      const payload: TokenPayload = {
        b: BEHAVIOUR_CODES[behaviour] as TokenPayload["b"],
        br: "visa",
        l4: number.slice(-4),
        m: expMonth,
        y: expYear,
        n: randomBytes(6).toString("base64url"),
      };
      return { token: seal("tok_test_", payload), ...cardOf(payload) };
    },

    async saveMethod(token: string): Promise<SavedMethod> {
      const opened = open(token);
      if (!opened) throw new InvalidCardTokenError("not a test gateway token");
      const payload = { ...opened.payload, n: randomBytes(6).toString("base64url") };
      return { token: seal("pm_test_", payload), ...cardOf(payload) };
    },

    async charge(request: ChargeRequest): Promise<PaymentOutcome> {
      const opened = open(request.token);
      const ref = refFor(request.idempotencyKey);
      if (!opened) return declined(ref, "invalid_token", null);
      const card = cardOf(opened.payload);
      if (isExpired(opened.payload)) return declined(ref, "expired_card", card);
      switch (opened.payload.b) {
        case "s":
          return { status: "succeeded", ref, card };
        case "d":
          return declined(ref, "card_declined", card);
        case "f":
          return declined(ref, "insufficient_funds", card);
        case "a":
          if (request.offSession) return declined(ref, "authentication_required", card);
          return { status: "requires_action", ref, actionUrl: nextActionUrl(ref), card };
      }
    },

    nextActionUrl,

    authenticationFailure: () => ({ code: "authentication_failed", message: DECLINES.authentication_failed }),

    signEvent(event) {
      const rawBody = JSON.stringify(event);
      const at = Math.floor(clock.now().getTime() / 1000);
      const signature = mac(eventKey, `${at}.${rawBody}`).toString("hex");
      return { rawBody, headers: { [TEST_SIGNATURE_HEADER]: `t=${at},v1=${signature}`, "content-type": "application/json" } };
    },

    verifyEvent(rawBody, headers): GatewayEvent {
      const header = headers[TEST_SIGNATURE_HEADER];
      const match = typeof header === "string" ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header) : null;
      if (!match?.[1] || !match[2]) throw new Error("missing or malformed signature header");
      const at = Number(match[1]);
      if (Math.abs(clock.now().getTime() - at * 1000) > EVENT_TOLERANCE_MS) throw new Error("event timestamp outside tolerance");
      const expected = mac(eventKey, `${at}.${rawBody}`);
      if (!timingSafeEqual(Buffer.from(match[2], "hex"), expected)) throw new Error("bad signature");
      return EventBody.parse(JSON.parse(rawBody));
    },
  };
}
