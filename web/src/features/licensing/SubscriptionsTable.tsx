import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { formatDate } from "../../lib/format.ts";
import type { SubscriptionSummary } from "./api.ts";
import { formatCount, formatDaysLeft } from "./format.ts";
import { LICENSE_TYPE_KEYS } from "./labels.ts";
import { subscriptionPath } from "./paths.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type Props = { accountId: string; items: SubscriptionSummary[]; busy: boolean };

/** The Dashboard's subscriptions: each name opens Subscription Details. */
export function SubscriptionsTable({ accountId, items, busy }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table subscriptions-table" aria-busy={busy || undefined}>
        <caption className="sr-only">{t("licensing.list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("licensing.list.name")}</th>
            <th scope="col">{t("licensing.list.product")}</th>
            <th scope="col">{t("licensing.list.status")}</th>
            <th scope="col">{t("licensing.list.expires")}</th>
            <th scope="col" className="cell-number">
              {t("licensing.list.licenses")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={subscriptionPath(accountId, item.id)}>{item.displayName}</Link>
              </th>
              <td>
                {item.product.name}
                <span className="block muted small">{t(LICENSE_TYPE_KEYS[item.licenseType])}</span>
              </td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td>
                {item.expiresAt ? (
                  <>
                    <time dateTime={item.expiresAt}>{formatDate(item.expiresAt)}</time>
                    {item.daysLeft !== null && <span className="block muted small">{formatDaysLeft(item.daysLeft)}</span>}
                  </>
                ) : (
                  t("licensing.noExpiry")
                )}
              </td>
              <td className="cell-number">{formatCount(item.totalLicenses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
