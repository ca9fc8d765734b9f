import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { formatDate } from "../../lib/format.ts";
import type { SubscriptionDetails } from "../licensing/api.ts";
import { CHANNEL_KEYS } from "../licensing/labels.ts";
import { storePaths } from "./paths.ts";

/**
 * A renewal payment failed: the subscription keeps working through the 7-day payment
 * grace while the payment is retried. Account Administrators get the way to fix it.
 */
export function PaymentGraceNotice({
  accountId,
  details,
  isAccountAdmin,
}: {
  accountId: string;
  details: SubscriptionDetails;
  isAccountAdmin: boolean;
}) {
  const { t } = useTranslation();
  if (!details.paymentGraceEndsAt) return null;
  return (
    <div role="alert" className="alert alert-warning">
      <p className="alert-title">{t("store.renewal.graceTitle")}</p>
      <p>
        {t("store.renewal.graceBody", { date: formatDate(details.paymentGraceEndsAt) })}{" "}
        {isAccountAdmin && <Link to={storePaths.paymentMethod(accountId)}>{t("store.renewal.graceLink")}</Link>}
      </p>
    </div>
  );
}

/** Reseller and direct-sales subscriptions renew through their seller: who to contact, from the contract details. */
export function RenewalContact({ contract }: { contract: SubscriptionDetails["contract"] }) {
  const { t } = useTranslation();
  if (contract.salesChannel === "online") return null;
  const who = contract.resellerName ?? contract.contactName ?? t(CHANNEL_KEYS[contract.salesChannel]);
  return (
    <p className="small renewal-contact">
      {t("store.renewal.contact", { who })}{" "}
      {contract.contactEmail && (
        <a href={`mailto:${contract.contactEmail}`} className="break-all">
          {contract.contactEmail}
        </a>
      )}
    </p>
  );
}
