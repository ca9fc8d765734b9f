import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { LICENSE_STATE_BADGES, LICENSE_STATE_KEYS } from "../farms/labels.ts";
import { formatCount } from "../licensing/format.ts";
import { STATUS_BADGES, STATUS_KEYS, SUPPORT_PLAN_KEYS } from "../licensing/labels.ts";
import type { TicketView } from "./api.ts";
import { formatMinutes, keyTail } from "./format.ts";
import { CATEGORY_KEYS, SEVERITY_BADGES, SEVERITY_KEYS } from "./labels.ts";

type Panel = Pick<
  TicketView,
  "product" | "category" | "severity" | "createdBy" | "createdAt" | "response" | "context" | "incident"
>;

/** Beside the thread: what the ticket is about and how the response target is going. */
export function TicketSidePanel({ ticket }: { ticket: Panel }) {
  const { t } = useTranslation();
  const { response, context, incident } = ticket;
  const { licenseKey, farm } = context;
  return (
    <>
      <section className="card" aria-labelledby="ticket-details">
        <h2 id="ticket-details">{t("support.ticket.details")}</h2>
        <dl className="details-list">
          <dt>{t("support.fields.product")}</dt>
          <dd>{ticket.product.name}</dd>
          <dt>{t("support.fields.category")}</dt>
          <dd>{t(CATEGORY_KEYS[ticket.category])}</dd>
          <dt>{t("support.fields.severity")}</dt>
          <dd>
            <span className={SEVERITY_BADGES[ticket.severity]}>{t(SEVERITY_KEYS[ticket.severity])}</span>
          </dd>
          <dt>{t("support.fields.createdBy")}</dt>
          <dd>{ticket.createdBy?.name ?? t("support.fields.unknownPerson")}</dd>
          <dt>{t("support.fields.opened")}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="ticket-response">
        <h2 id="ticket-response">{t("support.response.title")}</h2>
        <dl className="details-list">
          <dt>{t("support.response.plan")}</dt>
          <dd>{response.plan ? t(SUPPORT_PLAN_KEYS[response.plan]) : t("support.response.noPlan")}</dd>
          <dt>{t("support.response.target")}</dt>
          <dd>{t("support.response.within", { duration: formatMinutes(response.targetMinutes) })}</dd>
          <dt>{t("support.response.due")}</dt>
          <dd>
            <time dateTime={response.dueAt}>{formatDateTime(response.dueAt)}</time>
          </dd>
          <dt>{t("support.response.first")}</dt>
          <dd>
            {response.firstResponseAt ? (
              <>
                <time dateTime={response.firstResponseAt}>{formatDateTime(response.firstResponseAt)}</time>
                {response.firstResponseMinutes !== null && (
                  <span className="block muted small">
                    {t("support.response.after", { duration: formatMinutes(response.firstResponseMinutes) })}
                  </span>
                )}
              </>
            ) : (
              t("support.response.notYet")
            )}
          </dd>
        </dl>
        {response.breached && (
          <p className="badge badge-warning">
            {response.firstResponseAt ? t("support.response.late") : t("support.response.overdue")}
          </p>
        )}
      </section>

      {(licenseKey || farm || incident) && (
        <section className="card" aria-labelledby="ticket-context">
          <h2 id="ticket-context">{t("support.context.title")}</h2>
          {licenseKey && (
            <dl className="details-list">
              <dt>{t("support.context.key")}</dt>
              <dd>
                {licenseKey.name}{" "}
                <span className="key-text-small" translate="no">
                  {keyTail(licenseKey.tail)}
                </span>
              </dd>
              <dt>{t("support.context.subscription")}</dt>
              <dd>
                {licenseKey.subscription.name}{" "}
                <span className={STATUS_BADGES[licenseKey.subscription.status]}>
                  {t(STATUS_KEYS[licenseKey.subscription.status])}
                </span>
              </dd>
              <dt>{t("support.context.supportPlan")}</dt>
              <dd>{t(SUPPORT_PLAN_KEYS[licenseKey.subscription.supportPlan])}</dd>
              <dt>{t("support.context.maintenance")}</dt>
              <dd>
                {licenseKey.subscription.maintenanceExpiresAt
                  ? formatDate(licenseKey.subscription.maintenanceExpiresAt)
                  : t("support.context.noMaintenanceDate")}
              </dd>
            </dl>
          )}
          {farm && (
            <dl className="details-list">
              <dt>{t("support.context.farm")}</dt>
              <dd>{farm.name}</dd>
              <dt>{t("support.context.version")}</dt>
              <dd translate="no">{farm.appVersion}</dd>
              <dt>{t("support.context.licenseState")}</dt>
              <dd>
                <span className={LICENSE_STATE_BADGES[farm.licenseState]}>{t(LICENSE_STATE_KEYS[farm.licenseState])}</span>
              </dd>
              <dt>{t("support.context.usersNow")}</dt>
              <dd>{formatCount(farm.currentUsers)}</dd>
              <dt>{t("support.context.lastReport")}</dt>
              <dd>{farm.lastReportAt ? formatDateTime(farm.lastReportAt) : t("support.context.neverReported")}</dd>
            </dl>
          )}
          {incident && (
            <p>
              {t("support.context.incidentUsed", { date: formatDate(incident.usedAt) })}
              {incident.creditedAt && (
                <span className="block">{t("support.context.incidentCredited", { date: formatDate(incident.creditedAt) })}</span>
              )}
            </p>
          )}
        </section>
      )}
    </>
  );
}
