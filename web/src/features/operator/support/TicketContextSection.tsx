import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { TicketContext } from "../../../../../contracts/support.ts";
import { Link } from "../../../app/router.tsx";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { LICENSE_STATE_BADGES, LICENSE_STATE_KEYS } from "../../farms/labels.ts";
import { formatCount } from "../../licensing/format.ts";
import { SUPPORT_PLAN_KEYS } from "../../licensing/labels.ts";
import { StatusBadge } from "../../licensing/StatusBadge.tsx";
import { operatorPaths } from "../paths.ts";

/** The license key (its subscription, plan and maintenance) and the farm the ticket is about, as they are now. */
export function TicketContextSection({ context }: { context: z.infer<typeof TicketContext> }) {
  const { t } = useTranslation();
  const { licenseKey: key, farm } = context;
  return (
    <section className="card" aria-labelledby="opsup-side-context">
      <h2 id="opsup-side-context">{t("operatorSupport.side.context")}</h2>
      {!key && !farm && <p className="muted">{t("operatorSupport.side.noContext")}</p>}
      {key && (
        <dl className="details-list">
          <dt>{t("operatorSupport.side.key")}</dt>
          <dd>
            {key.name} <code className="muted">…{key.tail}</code>
          </dd>
          <dt>{t("operatorSupport.side.subscription")}</dt>
          <dd>
            <Link to={operatorPaths.subscription(key.subscription.id)}>{key.subscription.name}</Link>{" "}
            <StatusBadge status={key.subscription.status} />
          </dd>
          <dt>{t("operatorSupport.side.supportPlan")}</dt>
          <dd>{t(SUPPORT_PLAN_KEYS[key.subscription.supportPlan])}</dd>
          <dt>{t("operatorSupport.side.maintenance")}</dt>
          <dd>
            {key.subscription.maintenanceExpiresAt
              ? formatDate(key.subscription.maintenanceExpiresAt)
              : t("operatorSupport.side.notSet")}
          </dd>
          <dt>{t("operatorSupport.side.expires")}</dt>
          <dd>{key.subscription.expiresAt ? formatDate(key.subscription.expiresAt) : t("operatorSupport.side.never")}</dd>
        </dl>
      )}
      {farm && (
        <dl className="details-list">
          <dt>{t("operatorSupport.side.farm")}</dt>
          <dd>{farm.name}</dd>
          <dt>{t("operatorSupport.side.appVersion")}</dt>
          <dd>{farm.appVersion}</dd>
          <dt>{t("operatorSupport.side.licenseState")}</dt>
          <dd>
            <span className={LICENSE_STATE_BADGES[farm.licenseState]}>{t(LICENSE_STATE_KEYS[farm.licenseState])}</span>
          </dd>
          <dt>{t("operatorSupport.side.currentUsers")}</dt>
          <dd>{formatCount(farm.currentUsers)}</dd>
          <dt>{t("operatorSupport.side.lastReport")}</dt>
          <dd>{farm.lastReportAt ? formatDateTime(farm.lastReportAt) : t("operatorSupport.side.never")}</dd>
        </dl>
      )}
    </section>
  );
}
