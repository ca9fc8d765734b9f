import { z } from "zod";
import { SupportPlan, Term } from "./licensing.ts";

/**
 * The store: price list, checkout (purchase and Buy More Licenses), payments, orders,
 * invoices and the saved payment method. Money is always an integer number of minor
 * units (cents) of `currency` (ISO 4217); the server does every calculation and the
 * web app only formats. Customer routes live under /api/accounts/:accountId/store/…,
 * operator routes under /api/operator/store/…, and the built-in test gateway under
 * /api/store/test-gateway/….
 */

const id = z.string().min(1).max(64);
export const StoreAccountParams = z.strictObject({ accountId: id });
export const OrderParams = z.strictObject({ accountId: id, orderId: id });
export const OperatorOrderParams = z.strictObject({ orderId: id });

/** Largest amount anywhere (minor units): 10 billion cents. Beyond it something is wrong. */
export const MAX_AMOUNT = 10_000_000_000;
export const MAX_LICENSES_PER_ORDER = 100_000;
const Amount = z.number().int().min(0).max(MAX_AMOUNT);
const Currency = z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code such as USD.");

/** The client's Idempotency-Key header: required on every request that can take money. */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string({ error: "Send an Idempotency-Key header (a UUID the client makes once per checkout)." })
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, "Use letters, digits and _ . : - in the Idempotency-Key."),
});

// ---- Price list (operators keep it; customers read it) ----

export const PriceTier = z.strictObject({
  /** This price applies to every license once the order's quantity reaches this many. */
  minQuantity: z.number().int().min(1).max(MAX_LICENSES_PER_ORDER),
  /** Per license per term, in minor units. */
  unitAmount: Amount,
});
export type PriceTier = z.infer<typeof PriceTier>;

export const PriceEntry = z.strictObject({
  productId: id,
  term: Term,
  supportPlan: SupportPlan,
  /** Sorted by minQuantity, the first one at 1. */
  tiers: z.array(PriceTier).min(1).max(20),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

export const TaxRate = z.strictObject({
  /** ISO 3166-1 alpha-2, as in the Business Profile. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Basis points: 2000 = 20%. */
  rateBp: z.number().int().min(0).max(10_000),
  name: z.string().trim().min(1).max(40),
});
export type TaxRate = z.infer<typeof TaxRate>;

export const PriceList = z.strictObject({
  currency: Currency,
  /** Applied when the buyer's country has no rate of its own (personal accounts have no country). */
  defaultTax: z.strictObject({ rateBp: z.number().int().min(0).max(10_000), name: z.string().trim().min(1).max(40) }),
  taxRates: z.array(TaxRate).max(300),
  prices: z.array(PriceEntry).max(500),
});
export type PriceList = z.infer<typeof PriceList>;

/** What the purchase page offers: products with the terms and plans that have a price. */
export const Catalog = z.object({
  currency: z.string(),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      offers: z.array(z.object({ term: Term, supportPlan: SupportPlan, tiers: z.array(PriceTier) })),
    }),
  ),
  /** True while the built-in test gateway takes the card payments: the UI says "test mode" everywhere money moves. */
  testMode: z.boolean(),
  bankTransfer: z.boolean(),
});
export type Catalog = z.infer<typeof Catalog>;

// ---- Quotes ----

export const PurchaseSelection = z.strictObject({
  productId: id,
  quantity: z
    .number()
    .int()
    .min(1, "Buy at least 1 license.")
    .max(MAX_LICENSES_PER_ORDER, `Buy at most ${MAX_LICENSES_PER_ORDER} licenses in one order.`),
  term: Term,
  supportPlan: SupportPlan,
});
export type PurchaseSelection = z.infer<typeof PurchaseSelection>;

export const QuoteLine = z.object({
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: z.number().int(),
  amount: z.number().int(),
  periodStartsAt: z.iso.datetime(),
  periodEndsAt: z.iso.datetime(),
});
export type QuoteLine = z.infer<typeof QuoteLine>;

export const Quote = z.object({
  currency: z.string(),
  lines: z.array(QuoteLine),
  subtotal: z.number().int(),
  tax: z.object({ name: z.string(), rateBp: z.number().int(), amount: z.number().int() }),
  total: z.number().int(),
  /** When the subscription renews (or ends, if it will not renew), and what renewal costs at today's prices. */
  renewsAt: z.iso.datetime(),
  renewalAmount: z.number().int(),
  autoRenews: z.boolean(),
});
export type Quote = z.infer<typeof Quote>;

export const UpgradeSelection = z.strictObject({
  subscriptionId: id,
  /** The new total number of licenses (the guide: "Enter the new total"). */
  newTotal: z.number().int().min(1).max(1_000_000),
});
export type UpgradeSelection = z.infer<typeof UpgradeSelection>;

export const UpgradeQuote = Quote.extend({
  subscriptionId: z.string(),
  currentTotal: z.number().int(),
  newTotal: z.number().int(),
  /** The part of the current period still to run, which the added licenses are charged for. */
  remainingDays: z.number().int(),
  periodDays: z.number().int(),
});
export type UpgradeQuote = z.infer<typeof UpgradeQuote>;

// ---- Checkout ----

export const PaymentChoice = z.discriminatedUnion("method", [
  /** A card token from the gateway (the test gateway's /tokens, or a real provider's client-side form). Never a card number. */
  z.strictObject({ method: z.literal("card"), token: z.string().min(1).max(200), saveForRenewals: z.boolean().default(true) }),
  z.strictObject({ method: z.literal("saved_card") }),
  z.strictObject({ method: z.literal("bank_transfer") }),
]);
export type PaymentChoice = z.infer<typeof PaymentChoice>;

export const CheckoutBody = PurchaseSelection.extend({ payment: PaymentChoice });
export type CheckoutBody = z.infer<typeof CheckoutBody>;
export const UpgradeBody = UpgradeSelection.extend({ payment: PaymentChoice });
export type UpgradeBody = z.infer<typeof UpgradeBody>;

export const ORDER_KINDS = ["purchase", "upgrade", "renewal"] as const;
export const ORDER_STATUSES = ["pending_payment", "awaiting_transfer", "paid", "failed", "canceled"] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const PaymentView = z.object({
  id: z.string(),
  gateway: z.string(),
  status: z.enum(["requires_action", "pending", "succeeded", "declined", "canceled"]),
  amount: z.number().int(),
  currency: z.string(),
  card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const BankTransferInstructions = z.object({
  /** The vendor's bank details, from the configuration, as lines. */
  payee: z.array(z.string()),
  /** Put this in the transfer's reference so the payment can be matched. */
  reference: z.string(),
  amount: z.number().int(),
  currency: z.string(),
});

export const OrderView = z.object({
  id: z.string(),
  reference: z.string(),
  accountId: z.string(),
  kind: z.enum(ORDER_KINDS),
  status: OrderStatus,
  paymentMethod: z.enum(["card", "saved_card", "bank_transfer"]),
  product: z.object({ id: z.string(), name: z.string() }),
  subscription: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  term: Term,
  supportPlan: SupportPlan,
  quantity: z.number().int(),
  previousQuantity: z.number().int().nullable(),
  currency: z.string(),
  lines: z.array(QuoteLine),
  subtotal: z.number().int(),
  tax: z.object({ name: z.string(), rateBp: z.number().int(), amount: z.number().int() }),
  total: z.number().int(),
  renewalAmount: z.number().int().nullable(),
  renewsAt: z.iso.datetime().nullable(),
  payments: z.array(PaymentView),
  /** Set while the payment needs one more step from the buyer (the test gateway's authentication page, or a real 3-D Secure page). */
  nextAction: z.object({ url: z.string() }).nullable(),
  bankTransfer: BankTransferInstructions.nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  invoice: z.object({ number: z.string(), issuedAt: z.iso.datetime(), url: z.string() }).nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderListQuery = z.strictObject({
  status: OrderStatus.optional(),
  subscriptionId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const OrderSummary = OrderView.pick({
  id: true,
  reference: true,
  kind: true,
  status: true,
  product: true,
  subscription: true,
  quantity: true,
  previousQuantity: true,
  currency: true,
  total: true,
  invoice: true,
  createdAt: true,
  paidAt: true,
});
export type OrderSummary = z.infer<typeof OrderSummary>;
export const OrderPage = z.object({ items: z.array(OrderSummary), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof OrderPage>;

// ---- Payment Options (the saved method for auto-renewal) ----

export const PaymentMethodView = z.object({
  gateway: z.string(),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type PaymentMethodView = z.infer<typeof PaymentMethodView>;
export const PaymentMethodResponse = z.object({ paymentMethod: PaymentMethodView.nullable() });
export const SavePaymentMethodBody = z.strictObject({ token: z.string().min(1).max(200) });

// ---- Test gateway (stands in for a card provider; clearly "test mode") ----

export const TestCardBody = z.strictObject({
  number: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{12,19}$/, "Enter the card number.")),
  expMonth: z.number().int().min(1, "Enter the expiry month.").max(12, "Enter the expiry month."),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code."),
});
export const TestCardToken = z.object({
  token: z.string(),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export type TestCardToken = z.infer<typeof TestCardToken>;
export const TestPaymentParams = z.strictObject({ paymentRef: z.string().min(1).max(100) });
export const TestPaymentView = z.object({
  paymentRef: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(["requires_action", "succeeded", "declined", "canceled"]),
  /** Where the buyer goes back to when done (the order's page). */
  returnUrl: z.string(),
});
export const TestAuthenticateBody = z.strictObject({ outcome: z.enum(["approve", "fail"]) });
/** Where the test gateway's page sends the buyer back to: the order's page (/accounts/<accountId>/store/orders/<orderId>). */
export const TestAuthenticateResult = z.object({ redirectUrl: z.string() });

// ---- Operator ----

export const OperatorOrderListQuery = z.strictObject({
  status: OrderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type OperatorOrderListQuery = z.infer<typeof OperatorOrderListQuery>;
export const OperatorOrderSummary = OrderSummary.extend({ account: z.object({ id: z.string(), name: z.string() }) });
export type OperatorOrderSummary = z.infer<typeof OperatorOrderSummary>;
export const OperatorOrderPage = z.object({ items: z.array(OperatorOrderSummary), nextCursor: z.string().nullable() });
export type OperatorOrderPage = z.infer<typeof OperatorOrderPage>;
export const ConfirmTransferBody = z.strictObject({
  /** The amount received, in minor units: must equal the order's total. */
  amount: Amount,
  /** The bank's reference for the transfer, kept on the payment. */
  bankReference: z.string().trim().min(1, "Enter the bank's reference.").max(100),
});
export const CancelOrderBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
