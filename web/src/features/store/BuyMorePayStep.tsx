import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { StepHeading } from "../../ui/PageHeading.tsx";
import type { SubscriptionDetails } from "../licensing/api.ts";
import { formatCount } from "../licensing/format.ts";
import { type Catalog, type PaymentMethodView, storeApi } from "./api.ts";
import { UpgradeQuoteNotes, UpgradeRenewal } from "./BuyMoreTotalStep.tsx";
import { formatMoney } from "./money.ts";
import { initialPayment, PaymentSection, type PaymentState } from "./PaymentSection.tsx";
import { QuoteSummary } from "./QuoteSummary.tsx";
import { useCheckout } from "./useCheckout.ts";
import { useQuote } from "./useQuote.ts";

type Props = {
  accountId: string;
  catalog: Catalog;
  saved: PaymentMethodView | null;
  subscription: SubscriptionDetails;
  newTotal: number;
  heading: string;
  onBack: () => void;
};

/** Step 3: how to pay, then Pay & Upgrade. The licenses join the pool once the payment is confirmed. */
export function BuyMorePayStep({ accountId, catalog, saved, subscription, newTotal, heading, onBack }: Props) {
  const { t } = useTranslation();
  const [payment, setPayment] = useState<PaymentState>(() => initialPayment(catalog, saved));
  const selection = { subscriptionId: subscription.id, newTotal };
  const quote = useQuote(selection, (body, signal) => storeApi.upgradeQuote(accountId, body, signal), 0);
  const { form, submit } = useCheckout(accountId);
  const total = quote.quote ? formatMoney(quote.quote.total, quote.quote.currency) : null;

  return (
    <form
      ref={form.formRef}
      className="store-checkout"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit({ kind: "upgrade", selection }, payment, () => ({}));
      }}
    >
      <div className="store-checkout-main stack-lg">
        <section className="card stack">
          <StepHeading>{heading}</StepHeading>
          <p>
            {t("store.buyMore.payIntro", {
              name: subscription.displayName,
              from: formatCount(subscription.licenses.total),
              to: formatCount(newTotal),
            })}
          </p>
        </section>
        <PaymentSection catalog={catalog} saved={saved} value={payment} onChange={setPayment} errors={form.errors} />
      </div>
      <div className="store-checkout-side stack">
        <QuoteSummary
          quote={quote.quote}
          loading={quote.loading}
          error={quote.error}
          intro={quote.quote && <UpgradeQuoteNotes quote={quote.quote} />}
          renewal={quote.quote && <UpgradeRenewal quote={quote.quote} />}
        />
        <FormAlert message={form.alert} />
        <div className="actions">
          <Button variant="secondary" onClick={onBack} disabled={form.busy}>
            {t("store.buyMore.back")}
          </Button>
          <Button type="submit" busy={form.busy}>
            {payment.method === "bank_transfer" ? t("store.checkout.placeOrder") : t("store.buyMore.payAndUpgrade")}
          </Button>
        </div>
        {total && payment.method !== "bank_transfer" && <p className="muted small">{t("store.buyMore.chargedNow", { total })}</p>}
        {payment.method === "bank_transfer" && <p className="muted small">{t("store.buyMore.bankTransferAfter")}</p>}
      </div>
    </form>
  );
}
