import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { formatDate } from "../../lib/format.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { StepHeading } from "../../ui/PageHeading.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { SubscriptionDetails } from "../licensing/api.ts";
import { formatCount } from "../licensing/format.ts";
import { storeApi, type UpgradeQuote } from "./api.ts";
import { storeErrorMessage } from "./errors.ts";
import { formatMoney } from "./money.ts";
import { QuoteSummary } from "./QuoteSummary.tsx";
import { checkNewTotal, MAX_TOTAL } from "./upgrade-form.ts";
import { useQuote } from "./useQuote.ts";

type Props = {
  accountId: string;
  subscription: SubscriptionDetails;
  heading: string;
  totalText: string;
  onTotalText: (text: string) => void;
  onBack: () => void;
  onNext: (newTotal: number) => void;
};

/** What the upgrade quote adds to the summary: the part of the period charged now, and the new renewal. */
export function UpgradeQuoteNotes({ quote }: { quote: UpgradeQuote }) {
  const { t } = useTranslation();
  return (
    <p>
      {t("store.buyMore.prorated", {
        added: formatCount(quote.newTotal - quote.currentTotal),
        remaining: formatCount(quote.remainingDays),
        period: formatCount(quote.periodDays),
      })}
    </p>
  );
}

export function UpgradeRenewal({ quote }: { quote: UpgradeQuote }) {
  const { t } = useTranslation();
  const values = {
    date: formatDate(quote.renewsAt),
    amount: formatMoney(quote.renewalAmount, quote.currency),
    total: formatCount(quote.newTotal),
  };
  return (
    <div className="stack-xs">
      <dl className="quote-totals">
        <div>
          <dt>{t("store.buyMore.newRenewal")}</dt>
          <dd>{values.amount}</dd>
        </div>
      </dl>
      <p className="muted small">
        {quote.autoRenews ? t("store.buyMore.renewalNote", values) : t("store.buyMore.endsNote", values)}
      </p>
    </div>
  );
}

/** Step 2: the new total; the server answers the prorated charge now and the new renewal amount. */
export function BuyMoreTotalStep({ accountId, subscription, heading, totalText, onTotalText, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const form = useForm<"newTotal">();
  const current = subscription.licenses.total;
  const checked = checkNewTotal(totalText, current);
  const input = "total" in checked ? { subscriptionId: subscription.id, newTotal: checked.total } : null;
  const quote = useQuote(input, (body, signal) => storeApi.upgradeQuote(accountId, body, signal));
  const upgrade = quote.quote;

  const onSubmit = form.onSubmit({
    validate: () => ({ newTotal: "error" in checked ? checked.error : undefined }),
    action: async () => {
      if (!("total" in checked)) return;
      // The quote must answer for this total before the buyer can pay it (a refusal is shown in the summary).
      const answer = await storeApi.upgradeQuote(accountId, { subscriptionId: subscription.id, newTotal: checked.total });
      onNext(answer.newTotal);
    },
    onError: (error) => {
      if (error.fieldErrors.length > 0) return false;
      form.setAlert((tt) => storeErrorMessage(tt, error));
      return true;
    },
  });

  return (
    <div className="store-checkout">
      <section className="card store-checkout-main">
        <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <StepHeading>{heading}</StepHeading>
          <FormAlert message={form.alert} />
          <dl className="info-list">
            <dt>{t("store.buyMore.subscription")}</dt>
            <dd>{subscription.displayName}</dd>
            <dt>{t("store.buyMore.currentTotal")}</dt>
            <dd>{formatCount(current)}</dd>
          </dl>
          <TextField
            label={t("store.buyMore.newTotal")}
            hint={t("store.buyMore.newTotalHint", { number: formatCount(current) })}
            type="number"
            inputMode="numeric"
            min={current + 1}
            max={MAX_TOTAL}
            step={1}
            value={totalText}
            onChange={onTotalText}
            error={form.errors.newTotal}
            inputClassName="input-number"
          />
          <div className="actions">
            <Button variant="secondary" onClick={onBack}>
              {t("store.buyMore.back")}
            </Button>
            <Button type="submit" busy={form.busy}>
              {t("store.buyMore.next")}
            </Button>
          </div>
        </form>
      </section>
      <div className="store-checkout-side">
        <QuoteSummary
          quote={upgrade}
          loading={quote.loading}
          error={quote.error}
          intro={upgrade && <UpgradeQuoteNotes quote={upgrade} />}
          renewal={upgrade && <UpgradeRenewal quote={upgrade} />}
        />
      </div>
    </div>
  );
}
