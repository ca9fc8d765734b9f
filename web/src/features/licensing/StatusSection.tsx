import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format.ts";
import { RenewalContact } from "../store/RenewalNotices.tsx";
import type { SubscriptionDetails } from "./api.ts";
import { formatDaysLeft } from "./format.ts";
import { LICENSE_TYPE_KEYS, SUPPORT_PLAN_KEYS, TERM_KEYS } from "./labels.ts";
import { RenewalSwitch } from "./RenewalSwitch.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

function DateValue({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <time dateTime={iso}>{formatDate(iso)}</time> : <span className="muted">{none}</span>;
}

type Props = {
  accountId: string;
  details: SubscriptionDetails;
  onChanged: (details: SubscriptionDetails, message: string) => void;
};

/** Status: the badge, dates, renewal, type and term, the support plan and its expiry. */
export function StatusSection({ accountId, details, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t("licensing.details.statusHeading")}</h2>
      <dl className="info-list">
        <dt>{t("licensing.details.status")}</dt>
        <dd>
          <StatusBadge status={details.status} />
          {details.daysLeft !== null && details.status !== "suspended" && (
            <span className="muted small status-days">{formatDaysLeft(details.daysLeft)}</span>
          )}
        </dd>
        <dt>{t("licensing.details.licenseType")}</dt>
        <dd>
          {t(LICENSE_TYPE_KEYS[details.licenseType])}
          {details.term && <span className="muted"> · {t(TERM_KEYS[details.term])}</span>}
        </dd>
        <dt>{t("licensing.details.activated")}</dt>
        <dd>
          <DateValue iso={details.activatedAt} none={t("licensing.details.notActivated")} />
        </dd>
        <dt>{t("licensing.details.expires")}</dt>
        <dd>
          <DateValue iso={details.expiresAt} none={t("licensing.noExpiry")} />
        </dd>
        <dt>{t("licensing.details.renewal")}</dt>
        <dd>
          <RenewalSwitch accountId={accountId} details={details} onChanged={onChanged} />
          <RenewalContact contract={details.contract} />
        </dd>
        <dt>{t("licensing.details.supportPlan")}</dt>
        <dd>{t(SUPPORT_PLAN_KEYS[details.supportPlan])}</dd>
        <dt>{t("licensing.details.maintenanceExpires")}</dt>
        <dd>
          <DateValue iso={details.maintenanceExpiresAt} none={t("licensing.noExpiry")} />
        </dd>
      </dl>
    </section>
  );
}
