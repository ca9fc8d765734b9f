import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ContractSection } from "../licensing/ContractSection.tsx";
import { formatCount } from "../licensing/format.ts";
import { LICENSE_TYPE_KEYS, SUPPORT_PLAN_KEYS, TERM_KEYS } from "../licensing/labels.ts";
import { StatusBadge } from "../licensing/StatusBadge.tsx";
import { ActionDialog } from "./ActionDialog.tsx";
import type { ActionKind } from "./action-form.ts";
import { type OperatorSubscriptionView, operatorApi } from "./api.ts";
import { operatorPaths } from "./paths.ts";

type State = { status: "loading" } | { status: "ready"; view: OperatorSubscriptionView } | { status: "error"; error: unknown };

const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{formatDate(iso)}</time> : none);

/** /operator/subscriptions/:id: the subscription as issued, and Renew, Extend, licenses, Suspend/Reinstate, Cancel. */
export function OperatorSubscriptionPage({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "loading" });
  const [action, setAction] = useState<ActionKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .subscription(subscriptionId, controller.signal)
      .then((view) => setState({ status: "ready", view }))
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [subscriptionId]);

  if (state.status === "loading") {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </div>
    );
  }
  if (state.status === "error") {
    const title = t("operator.panel.loadFailed");
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Alert>{messageFor(t, state.error)}</Alert>
      </>
    );
  }

  const view = state.view;
  const none = t("licensing.noExpiry");
  const actions: Array<{ id: ActionKind; label: string; danger?: boolean }> = view.canceled
    ? []
    : [
        { id: "renew", label: t("operator.actions.renew") },
        { id: "extend", label: t("operator.actions.extend") },
        { id: "set_licenses", label: t("operator.actions.setLicenses") },
        view.status === "suspended"
          ? { id: "reinstate", label: t("operator.actions.reinstate") }
          : { id: "suspend", label: t("operator.actions.suspend"), danger: true },
        { id: "cancel", label: t("operator.actions.cancel"), danger: true },
      ];

  return (
    <>
      <PageHeading
        title={view.displayName}
        subtitle={
          <>
            <span className="account-name">{view.product.name}</span> · {t(LICENSE_TYPE_KEYS[view.licenseType])}
            {view.term ? ` · ${t(TERM_KEYS[view.term])}` : ""}
          </>
        }
      >
        {view.displayName}
      </PageHeading>
      <StatusMessage message={notice} />
      <div className="stack-lg">
        <section className="card" aria-labelledby="panel-heading">
          <h2 id="panel-heading">{t("operator.panel.heading")}</h2>
          <dl className="info-list">
            <dt>{t("operator.panel.account")}</dt>
            <dd>
              {view.accountId ? (
                <Link to={operatorPaths.account(view.accountId, view.accountName ?? undefined)}>
                  {view.accountName ?? view.accountId}
                </Link>
              ) : (
                <span className="muted">{t("operator.panel.notRegistered")}</span>
              )}
            </dd>
            <dt>{t("licensing.details.status")}</dt>
            <dd>
              <StatusBadge status={view.status} />
              {view.canceled && <span className="badge badge-danger">{t("operator.panel.canceled")}</span>}
            </dd>
            <dt>{t("operator.panel.starts")}</dt>
            <dd>{when(view.startsAt, none)}</dd>
            <dt>{t("licensing.details.expires")}</dt>
            <dd>{when(view.expiresAt, none)}</dd>
            <dt>{t("licensing.details.supportPlan")}</dt>
            <dd>{t(SUPPORT_PLAN_KEYS[view.supportPlan])}</dd>
            <dt>{t("licensing.details.maintenanceExpires")}</dt>
            <dd>{when(view.maintenanceExpiresAt, none)}</dd>
            <dt>{t("licensing.licenses.total")}</dt>
            <dd>{formatCount(view.totalLicenses)}</dd>
            <dt>{t("licensing.licenses.reserved")}</dt>
            <dd>{formatCount(view.reservedInAdditionalKeys)}</dd>
          </dl>
          {actions.length > 0 ? (
            <div className="actions">
              {actions.map((item) => (
                <Button
                  key={item.id}
                  variant={item.danger ? "danger" : "secondary"}
                  aria-haspopup="dialog"
                  onClick={() => {
                    setNotice(null);
                    setAction(item.id);
                  }}
                >
                  {item.label}
                </Button>
              ))}
            </div>
          ) : (
            <p className="muted">{t("operator.panel.canceledNote")}</p>
          )}
        </section>
        <ContractSection contract={view.contract} />
      </div>
      <ActionDialog
        action={action}
        view={view}
        onClose={() => setAction(null)}
        onDone={(updated, message) => {
          setAction(null);
          setState({ status: "ready", view: updated });
          setNotice(message);
        }}
      />
    </>
  );
}
