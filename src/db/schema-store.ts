import type { ColumnType } from "kysely";

/**
 * The store's tables (see schema.ts for the conventions: camelCase, normalized by
 * NormalizeResultsPlugin). Money columns are integer minor units.
 */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;

export type OrderKind = "purchase" | "upgrade" | "renewal";
export type OrderStatus = "pending_payment" | "awaiting_transfer" | "paid" | "failed" | "canceled";
export type OrderPaymentMethod = "card" | "saved_card" | "bank_transfer";
export type PaymentStatus = "requires_action" | "pending" | "succeeded" | "declined" | "canceled";
type Term = "1m" | "1y" | "2y" | "3y";
type SupportPlanName = "standard" | "premium";

export type StoreSettingsTable = {
  id: string;
  currency: string;
  defaultTaxRateBp: number;
  defaultTaxName: string;
  updatedAt: Timestamp;
};
export type TaxRatesTable = { country: string; rateBp: number; name: string; updatedAt: Timestamp };
export type PricesTable = {
  id: string;
  productId: string;
  term: Term;
  supportPlan: SupportPlanName;
  minQuantity: number;
  unitAmount: number;
  updatedAt: Timestamp;
};
export type OrdersTable = {
  id: string;
  reference: string;
  accountId: string;
  createdByUserId: string | null;
  kind: OrderKind;
  status: OrderStatus;
  paymentMethod: OrderPaymentMethod;
  productId: string;
  subscriptionId: string | null;
  term: Term;
  supportPlan: SupportPlanName;
  quantity: number;
  previousQuantity: number | null;
  currency: string;
  subtotal: number;
  taxRateBp: number;
  taxName: string;
  taxAmount: number;
  total: number;
  renewalAmount: number | null;
  renewsAt: Date | null;
  periodStartsAt: Date;
  periodEndsAt: Date;
  idempotencyKey: string | null;
  requestHash: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
export type OrderLinesTable = {
  orderId: string;
  position: number;
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  periodStartsAt: Date;
  periodEndsAt: Date;
};
export type PaymentsTable = {
  id: string;
  orderId: string;
  gateway: string;
  gatewayRef: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  confirmedByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
};
export type GatewayEventsTable = { gateway: string; eventId: string; paymentId: string | null; receivedAt: Date };
export type PaymentMethodsTable = {
  accountId: string;
  gateway: string;
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  savedByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
};
export type InvoiceCountersTable = { series: string; lastNumber: number };
/** Who sold and who bought, frozen when the invoice is issued. */
export type InvoiceParty = {
  name: string;
  addressLines: string[];
  country: string | null;
  taxId: string | null;
  email: string | null;
  phone: string | null;
};
export type InvoicesTable = {
  id: string;
  orderId: string;
  accountId: string;
  series: string;
  sequence: number;
  number: string;
  issuedAt: Date;
  currency: string;
  subtotal: number;
  taxAmount: number;
  total: number;
  sellerJson: Json<InvoiceParty>;
  buyerJson: Json<InvoiceParty>;
};
export type RenewalAttemptsTable = {
  subscriptionId: string;
  periodEndsAt: Date;
  attempt: number;
  orderId: string | null;
  status: "claimed" | "succeeded" | "failed";
  failureCode: string | null;
  attemptedAt: Date;
  nextAttemptAt: Date | null;
};

/** A blob in the file storage (src/storage); releases now, support attachments later. */
