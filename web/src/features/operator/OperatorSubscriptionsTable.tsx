import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { formatDate } from "../../lib/format.ts";
import { formatCount } from "../licensing/format.ts";
import { LICENSE_TYPE_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import { StatusBadge } from "../licensing/StatusBadge.tsx";
import type { OperatorSubscriptionView } from "./api.ts";
import { operatorPaths } from "./paths.ts";

/** An account's subscriptions as the operator sees them; each opens the subscription panel. */
export function OperatorSubscriptionsTable({
  items,
  showAccount = false,
}: {
  items: OperatorSubscriptionView[];
  showAccount?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="sr-only">{showAccount ? t("operator.recent.caption") : t("operator.account.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("licensing.list.name")}</th>
            {showAccount && <th scope="col">{t("operator.panel.account")}</th>}
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
                <Link to={operatorPaths.subscription(item.id)}>{item.displayName}</Link>
              </th>
              {showAccount && (
                <td>
                  {item.accountId ? (
                    <Link to={operatorPaths.account(item.accountId, item.accountName ?? undefined)}>
                      {item.accountName ?? item.accountId}
                    </Link>
                  ) : (
                    <span className="muted">{t("operator.recent.notRegistered")}</span>
                  )}
                </td>
              )}
              <td>
                {item.product.name}
                <span className="block muted small">
                  {t(LICENSE_TYPE_KEYS[item.licenseType])}
                  {item.term ? ` · ${t(TERM_KEYS[item.term])}` : ""}
                </span>
              </td>
              <td>
                <StatusBadge status={item.status} />
                {item.canceled && <span className="badge badge-danger">{t("operator.panel.canceled")}</span>}
              </td>
              <td>
                {item.expiresAt ? <time dateTime={item.expiresAt}>{formatDate(item.expiresAt)}</time> : t("licensing.noExpiry")}
              </td>
              <td className="cell-number">{formatCount(item.totalLicenses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
