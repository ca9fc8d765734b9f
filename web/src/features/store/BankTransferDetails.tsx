import { useTranslation } from "react-i18next";
import type { BankTransfer } from "./api.ts";
import { formatMoney } from "./money.ts";

/** Where to send the money and what to write on the transfer, so the vendor can match it to the order. */
export function BankTransferDetails({ transfer }: { transfer: BankTransfer }) {
  const { t } = useTranslation();
  return (
    <section className="card stack bank-transfer" aria-labelledby="bank-transfer-heading">
      <h2 id="bank-transfer-heading">{t("store.bankTransfer.heading")}</h2>
      <p>{t("store.bankTransfer.intro")}</p>
      <dl className="info-list">
        <dt>{t("store.bankTransfer.amount")}</dt>
        <dd className="bank-transfer-amount">{formatMoney(transfer.amount, transfer.currency)}</dd>
        <dt>{t("store.bankTransfer.reference")}</dt>
        <dd>
          <code className="bank-transfer-reference">{transfer.reference}</code>
        </dd>
        <dt>{t("store.bankTransfer.payee")}</dt>
        <dd>
          {transfer.payee.map((line) => (
            <span key={line} className="info-line">
              {line}
            </span>
          ))}
        </dd>
      </dl>
      <p className="muted small">{t("store.bankTransfer.after")}</p>
    </section>
  );
}
