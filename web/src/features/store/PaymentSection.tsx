import { useTranslation } from "react-i18next";
import { Checkbox } from "../../ui/Checkbox.tsx";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import type { Catalog, PaymentMethodView } from "./api.ts";
import { CardFields } from "./CardFields.tsx";
import { type CardField, type CardValues, EMPTY_CARD } from "./card-form.ts";

export type PaymentMethodChoice = "card" | "saved_card" | "bank_transfer";
export type PaymentState = { method: PaymentMethodChoice; card: CardValues; saveForRenewals: boolean };

/** What the form starts with: the saved card when there is one, else a new card (or bank transfer when cards are not taken). */
export function initialPayment(catalog: Catalog, saved: PaymentMethodView | null): PaymentState {
  const method: PaymentMethodChoice = saved ? "saved_card" : catalog.testMode ? "card" : "bank_transfer";
  return { method, card: EMPTY_CARD, saveForRenewals: true };
}

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  jcb: "JCB",
  unionpay: "UnionPay",
  diners: "Diners Club",
};

/** A card brand as printed on cards ("visa" → "Visa"); an unknown one as the gateway names it. */
export function brandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand;
}

/** "Visa ending in 4242, expires 12/2030". */
export function useCardLabel() {
  const { t } = useTranslation();
  return (card: PaymentMethodView) =>
    t("store.card.savedLabel", {
      brand: brandName(card.brand),
      last4: card.last4,
      expiry: `${String(card.expMonth).padStart(2, "0")}/${card.expYear}`,
    });
}

type Props = {
  catalog: Catalog;
  saved: PaymentMethodView | null;
  value: PaymentState;
  onChange: (value: PaymentState) => void;
  errors: Partial<Record<CardField, string>>;
};

/**
 * How to pay: a new card (through the test gateway in test mode), the card saved for
 * renewals, or bank transfer (the order waits until the vendor confirms the money
 * arrived). Used by Purchase and Buy More Licenses alike.
 */
export function PaymentSection({ catalog, saved, value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const cardLabel = useCardLabel();
  const options: Array<{ value: PaymentMethodChoice; label: string; hint?: string }> = [];
  if (saved) options.push({ value: "saved_card", label: t("store.payment.savedCard"), hint: cardLabel(saved) });
  if (catalog.testMode) options.push({ value: "card", label: t("store.payment.newCard"), hint: t("store.payment.newCardHint") });
  if (catalog.bankTransfer) {
    options.push({ value: "bank_transfer", label: t("store.payment.bankTransfer"), hint: t("store.payment.bankTransferHint") });
  }

  return (
    <section className="card stack" aria-labelledby="payment-heading">
      <h2 id="payment-heading">{t("store.payment.heading")}</h2>
      {options.length === 0 ? (
        <p>{t("store.payment.none")}</p>
      ) : (
        <RadioGroup
          legend={t("store.payment.method")}
          name="payment-method"
          value={value.method}
          options={options}
          onChange={(method) => onChange({ ...value, method })}
        />
      )}
      {!catalog.testMode && <p className="muted small">{t("store.payment.noCardsHint")}</p>}
      {value.method === "card" && (
        <>
          <CardFields values={value.card} onChange={(card) => onChange({ ...value, card })} errors={errors} />
          <Checkbox
            label={t("store.payment.saveForRenewals")}
            hint={t("store.payment.saveForRenewalsHint")}
            checked={value.saveForRenewals}
            onChange={(saveForRenewals) => onChange({ ...value, saveForRenewals })}
          />
        </>
      )}
      {value.method === "bank_transfer" && <p className="muted">{t("store.payment.bankTransferNote")}</p>}
    </section>
  );
}
