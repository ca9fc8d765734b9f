import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import { useFlash } from "../../lib/flash.ts";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { accountPath } from "../accounts/paths.ts";
import { farmsPath } from "../farms/paths.ts";
import { SubscriptionUsage } from "../farms/SubscriptionUsage.tsx";
import { storePaths } from "../store/paths.ts";
import { PaymentGraceNotice } from "../store/RenewalNotices.tsx";
import { SubscriptionOrders } from "../store/SubscriptionOrders.tsx";
import { canBuyMore } from "../store/upgrade-form.ts";
import type { SubscriptionDetails } from "./api.ts";
import { ContractSection } from "./ContractSection.tsx";
import { EditNameDialog } from "./EditNameDialog.tsx";
import { KeysSection } from "./KeysSection.tsx";
import { LicensesSection } from "./LicensesSection.tsx";
import { LICENSE_TYPE_KEYS } from "./labels.ts";
import { StatusSection } from "./StatusSection.tsx";
import { useSubscription } from "./useSubscription.ts";

/** Subscription Details (/accounts/:accountId/subscriptions/:subscriptionId). */
export function SubscriptionPage({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const { account } = useAccount();
  const { state, reload, set } = useSubscription(account.id, subscriptionId);
  const flash = useFlash();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const back = (
    <p className="back-link">
      <Link to={accountPath(account.id)}>{t("licensing.details.backToDashboard")}</Link>
    </p>
  );

  if (state.status === "loading") {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </div>
    );
  }
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.status === 404;
    const title = missing ? t("licensing.details.notFoundTitle") : t("licensing.details.loadFailedTitle");
    return (
      <>
        {back}
        <PageHeading title={title}>{title}</PageHeading>
        <Alert>{missing ? t("errors.SUBSCRIPTION_NOT_FOUND") : messageFor(t, state.error)}</Alert>
        {!missing && (
          <div className="actions">
            <Button variant="secondary" onClick={() => void reload()}>
              {t("accounts.tryAgain")}
            </Button>
          </div>
        )}
      </>
    );
  }

  const details = state.details;
  const isAccountAdmin = account.membership.role === "admin";
  // Buy More Licenses is for subscriptions bought online; the others go through their seller (Contract Details says who).
  const buyMore = isAccountAdmin && details.contract.salesChannel === "online" && canBuyMore(details);
  const changed = (updated: SubscriptionDetails, message: string) => {
    set(updated);
    setNotice(message);
  };

  return (
    <>
      {back}
      <PageHeading
        title={details.displayName}
        subtitle={
          <>
            <span className="account-name">{details.product.name}</span> · {t(LICENSE_TYPE_KEYS[details.licenseType])}
          </>
        }
        actions={
          (details.canManageSubscription || buyMore) && (
            <>
              {buyMore && (
                <Link to={storePaths.buyMore(account.id, details.id)} className="btn btn-primary">
                  <span className="btn-label">{t("store.links.buyMoreOne")}</span>
                </Link>
              )}
              {details.canManageSubscription && (
                <Button variant="secondary" aria-haspopup="dialog" onClick={() => setEditing(true)}>
                  <span className="pencil-icon" aria-hidden="true">
                    ✎
                  </span>{" "}
                  {t("licensing.details.editName")}
                </Button>
              )}
            </>
          )
        }
      >
        {details.displayName}
      </PageHeading>
      <StatusMessage message={notice ?? flash} />
      <div className="stack-lg">
        <PaymentGraceNotice accountId={account.id} details={details} isAccountAdmin={isAccountAdmin} />
        <StatusSection accountId={account.id} details={details} onChanged={changed} />
        <LicensesSection licenses={details.licenses} farmsHref={farmsPath(account.id, { subscriptionId: details.id })} />
        <SubscriptionUsage accountId={account.id} keys={details.keys} />
        <KeysSection
          accountId={account.id}
          details={details}
          isAccountAdmin={isAccountAdmin}
          onChanged={() => void reload()}
          onNotice={setNotice}
        />
        <div className="details-grid">
          <ContractSection contract={details.contract} />
          <SubscriptionOrders accountId={account.id} details={details} isAccountAdmin={isAccountAdmin} />
        </div>
      </div>
      {details.canManageSubscription && (
        <EditNameDialog
          open={editing}
          accountId={account.id}
          details={details}
          onClose={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false);
            changed(updated, t("licensing.details.nameSaved", { name: updated.displayName }));
          }}
        />
      )}
    </>
  );
}
