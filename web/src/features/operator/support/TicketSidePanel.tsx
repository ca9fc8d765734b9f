import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../../app/router.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { currentLocale, htmlLang } from "../../../lib/i18n.ts";
import { Button } from "../../../ui/Button.tsx";
import { formatCount } from "../../licensing/format.ts";
import { SUPPORT_PLAN_KEYS } from "../../licensing/labels.ts";
import { operatorPaths } from "../paths.ts";
import type { Agent, OperatorTicketView } from "./api.ts";
import { CreditIncidentDialog } from "./CreditIncidentDialog.tsx";
import { CATEGORY_KEYS, SEVERITY_KEYS } from "./labels.ts";
import { ResponseSummary, useNow } from "./ResponseSummary.tsx";
import { formatDuration } from "./response-time.ts";
import { TicketContextSection } from "./TicketContextSection.tsx";
import { TicketSettingsForm } from "./TicketSettingsForm.tsx";

type Props = { ticket: OperatorTicketView; agents: Agent[]; onChanged: (view: OperatorTicketView, message: string) => void };

/** The ticket page's side: who and what it is about, its settings, the response target, the incident and the watchers. */
export function TicketSidePanel({ ticket, agents, onChanged }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const [crediting, setCrediting] = useState(false);
  const [credited, setCredited] = useState(false);
  const planHeading = useRef<HTMLHeadingElement>(null);
  // The button that opened the dialog is gone once the incident is credited: focus goes to its
  // section instead. This effect runs after the dialog's own (a child's effects run first), which
  // tries to give focus back to that button.
  useEffect(() => {
    if (!credited) return;
    planHeading.current?.focus();
    setCredited(false);
  }, [credited]);
  const locale = htmlLang(currentLocale());
  const { response } = ticket;

  return (
    <aside className="opsup-side stack" aria-label={t("operatorSupport.side.label")}>
      <section className="card" aria-labelledby="opsup-side-ticket">
        <h2 id="opsup-side-ticket">{t("operatorSupport.side.ticket")}</h2>
        <dl className="details-list">
          <dt>{t("operatorSupport.side.account")}</dt>
          <dd>
            <Link to={operatorPaths.account(ticket.account.id, ticket.account.name)}>{ticket.account.name}</Link>
          </dd>
          <dt>{t("operatorSupport.side.product")}</dt>
          <dd>{ticket.product.name}</dd>
          <dt>{t("operatorSupport.side.category")}</dt>
          <dd>{t(CATEGORY_KEYS[ticket.category])}</dd>
          <dt>{t("operatorSupport.side.openedBy")}</dt>
          <dd>
            {ticket.createdBy ? (
              <>
                {ticket.createdBy.name}
                {ticket.createdBy.email && <span className="block muted small break-all">{ticket.createdBy.email}</span>}
              </>
            ) : (
              <span className="muted">{t("operatorSupport.side.unknownPerson")}</span>
            )}
          </dd>
          <dt>{t("operatorSupport.side.opened")}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
          </dd>
        </dl>
        <TicketSettingsForm ticket={ticket} agents={agents} onSaved={onChanged} />
      </section>

      <section className="card" aria-labelledby="opsup-side-response">
        <h2 id="opsup-side-response">{t("operatorSupport.side.response")}</h2>
        <p>
          <ResponseSummary response={response} status={ticket.status} now={now} />
        </p>
        <dl className="details-list">
          <dt>{t("operatorSupport.side.target")}</dt>
          <dd>
            {t("operatorSupport.side.targetValue", {
              duration: formatDuration(response.targetMinutes, locale),
              severity: t(SEVERITY_KEYS[ticket.severity]),
            })}
          </dd>
          <dt>{t("operatorSupport.side.dueAt")}</dt>
          <dd>
            <time dateTime={response.dueAt}>{formatDateTime(response.dueAt)}</time>
          </dd>
          <dt>{t("operatorSupport.side.firstResponse")}</dt>
          <dd>
            {response.firstResponseAt ? (
              <time dateTime={response.firstResponseAt}>{formatDateTime(response.firstResponseAt)}</time>
            ) : (
              <span className="muted">{t("operatorSupport.side.none")}</span>
            )}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="opsup-side-plan">
        <h2 id="opsup-side-plan" tabIndex={-1} ref={planHeading}>
          {t("operatorSupport.side.plan")}
        </h2>
        <dl className="details-list">
          <dt>{t("operatorSupport.side.supportPlan")}</dt>
          <dd>{response.plan ? t(SUPPORT_PLAN_KEYS[response.plan]) : t("operatorSupport.side.noKeyPlan")}</dd>
          {ticket.context.licenseKey && (
            <>
              <dt>{t("operatorSupport.side.incidentsLeft")}</dt>
              <dd>
                {ticket.incidentsLeft === null ? t("operatorSupport.side.unlimited") : formatCount(ticket.incidentsLeft, locale)}
              </dd>
            </>
          )}
          <dt>{t("operatorSupport.side.incident")}</dt>
          <dd>
            {ticket.incident === null ? (
              <span className="muted">{t("operatorSupport.side.noIncident")}</span>
            ) : ticket.incident.creditedAt ? (
              t("operatorSupport.side.incidentCredited", { date: formatDateTime(ticket.incident.creditedAt) })
            ) : (
              t("operatorSupport.side.incidentUsed", { date: formatDateTime(ticket.incident.usedAt) })
            )}
          </dd>
        </dl>
        {ticket.incident && !ticket.incident.creditedAt && (
          <div>
            <Button variant="secondary" aria-haspopup="dialog" onClick={() => setCrediting(true)}>
              {t("operatorSupport.credit.open")}
            </Button>
          </div>
        )}
      </section>

      <TicketContextSection context={ticket.context} />

      <section className="card" aria-labelledby="opsup-side-watchers">
        <h2 id="opsup-side-watchers">{t("operatorSupport.side.watchers")}</h2>
        {ticket.watchers.length === 0 ? (
          <p className="muted">{t("operatorSupport.side.noWatchers")}</p>
        ) : (
          <ul className="people">
            {ticket.watchers.map((watcher) => (
              <li key={watcher.id} className="person-row">
                <span>
                  {watcher.name && <span className="person-name">{watcher.name} </span>}
                  <span className="muted break-all">{watcher.email}</span>
                </span>
                <span className="badge badge-muted">
                  {watcher.isMember ? t("operatorSupport.side.member") : t("operatorSupport.side.outside")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CreditIncidentDialog
        ticket={ticket}
        open={crediting}
        onClose={() => setCrediting(false)}
        onDone={(view, message) => {
          setCrediting(false);
          setCredited(true);
          onChanged(view, message);
        }}
      />
    </aside>
  );
}
