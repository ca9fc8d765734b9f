import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format.ts";
import { Alert } from "../../ui/Alert.tsx";
import { formatCount } from "../licensing/format.ts";
import type { Quote } from "./api.ts";
import { storeErrorMessage } from "./errors.ts";
import { formatMoney, formatRate } from "./money.ts";

type Props = {
  quote: Quote | null;
  loading: boolean;
  error: unknown;
  /** Shown before the lines, e.g. the part of the period an upgrade pays for. */
  intro?: ReactNode;
  /** Words for the renewal, replacing the default "renews automatically on …". */
  renewal?: ReactNode;
};

/** A period as "1 December 2026 – 1 December 2027". */
export function PeriodText({ from, to }: { from: string; to: string }) {
  return (
    <>
      <time dateTime={from}>{formatDate(from)}</time> – <time dateTime={to}>{formatDate(to)}</time>
    </>
  );
}

/**
 * The server's price for what is chosen: lines, subtotal, tax, total and the renewal.
 * A short sentence with the total is a polite live region, so screen readers hear the
 * new total when the selection changes without the whole summary being read again.
 */
export function QuoteSummary({ quote, loading, error, intro, renewal }: Props) {
  const { t } = useTranslation();
  const money = (amount: number) => formatMoney(amount, quote?.currency ?? "USD");
  return (
    <section className="card stack quote-summary" aria-labelledby="quote-heading" aria-busy={loading || undefined}>
      <h2 id="quote-heading">{t("store.quote.heading")}</h2>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {quote && !loading ? t("store.quote.announce", { total: money(quote.total), tax: money(quote.tax.amount) }) : ""}
      </p>
      {error ? <Alert>{storeErrorMessage(t, error)}</Alert> : null}
      {!quote && !error && (
        <p className="muted">
          {loading && <span className="spinner" aria-hidden="true" />}{" "}
          {loading ? t("store.quote.calculating") : t("store.quote.empty")}
        </p>
      )}
      {quote && (
        <>
          {intro}
          <ul className="quote-lines">
            {quote.lines.map((line) => (
              <li key={`${line.description}-${line.periodStartsAt}`} className="quote-line">
                <span className="quote-line-text">
                  <span className="block">{line.description}</span>
                  <span className="block muted small">
                    {t("store.quote.lineMath", { quantity: formatCount(line.quantity), unit: money(line.unitAmount) })}
                  </span>
                  <span className="block muted small">
                    <PeriodText from={line.periodStartsAt} to={line.periodEndsAt} />
                  </span>
                </span>
                <span className="quote-amount">{money(line.amount)}</span>
              </li>
            ))}
          </ul>
          <dl className="quote-totals">
            <div>
              <dt>{t("store.quote.subtotal")}</dt>
              <dd>{money(quote.subtotal)}</dd>
            </div>
            <div>
              <dt>{t("store.quote.tax", { name: quote.tax.name, rate: formatRate(quote.tax.rateBp) })}</dt>
              <dd>{money(quote.tax.amount)}</dd>
            </div>
            <div className="quote-total">
              <dt>{t("store.quote.total")}</dt>
              <dd>{money(quote.total)}</dd>
            </div>
          </dl>
          <div className="quote-renewal">
            {renewal ??
              (quote.autoRenews ? (
                <p>
                  {t("store.quote.renewsOn", { date: formatDate(quote.renewsAt), amount: money(quote.renewalAmount) })}{" "}
                  <span className="muted">{t("store.quote.renewsNote")}</span>
                </p>
              ) : (
                <p>{t("store.quote.endsOn", { date: formatDate(quote.renewsAt) })}</p>
              ))}
          </div>
        </>
      )}
    </section>
  );
}
