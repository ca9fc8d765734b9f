import { useTranslation } from "react-i18next";
import type { SubscriptionDetails } from "./api.ts";
import { CHANNEL_KEYS } from "./labels.ts";

/** Contract Details: the sales channel, the reseller, and the contact for this contract. */
export function ContractSection({ contract }: { contract: SubscriptionDetails["contract"] }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t("licensing.contract.none")}</span>;
  return (
    <section className="card" aria-labelledby="contract-heading">
      <h2 id="contract-heading">{t("licensing.contract.heading")}</h2>
      <dl className="info-list">
        <dt>{t("licensing.contract.channel")}</dt>
        <dd>{t(CHANNEL_KEYS[contract.salesChannel])}</dd>
        <dt>{t("licensing.contract.reseller")}</dt>
        <dd>{contract.resellerName ?? none}</dd>
        <dt>{t("licensing.contract.contact")}</dt>
        <dd>
          {contract.contactName || contract.contactEmail ? (
            <>
              {contract.contactName && <span className="info-line">{contract.contactName}</span>}
              {contract.contactEmail && (
                <a href={`mailto:${contract.contactEmail}`} className="info-line break-all">
                  {contract.contactEmail}
                </a>
              )}
            </>
          ) : (
            none
          )}
        </dd>
      </dl>
    </section>
  );
}
