import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/store.css";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { useMe } from "../../lib/session.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { accountPath } from "../accounts/paths.ts";
import type { SubscriptionDetails } from "../licensing/api.ts";
import { BuyMorePayStep } from "./BuyMorePayStep.tsx";
import { BuyMorePickStep } from "./BuyMorePickStep.tsx";
import { BuyMoreTotalStep } from "./BuyMoreTotalStep.tsx";
import { StepIndicator } from "./StepIndicator.tsx";
import { AdminOnlyNotice, LoadFailed, PageSpinner } from "./StoreNotices.tsx";
import { TestModeBanner } from "./TestModeBanner.tsx";
import { useStoreSetup } from "./useStoreSetup.ts";

type Step =
  | { step: 0 }
  | { step: 1; subscription: SubscriptionDetails }
  | { step: 2; subscription: SubscriptionDetails; newTotal: number };

/**
 * Buy More Licenses (/accounts/:accountId/store/buy-more[?subscription=id]), as the
 * guide has it: 1. pick the subscription → Next; 2. enter the new total and see the
 * prorated charge now and the new renewal amount; 3. pay → Pay & Upgrade.
 */
export function BuyMorePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { account } = useAccount();
  const { search } = useLocation();
  const isAdmin = account.membership.role === "admin";
  const setup = useStoreSetup(account.id, isAdmin);
  const [state, setState] = useState<Step>({ step: 0 });
  const [totalText, setTotalText] = useState("");
  const accountName = account.kind === "business" ? account.name : t("accounts.personal", { name: me.name });
  const title = t("store.buyMore.title");
  const steps = [t("store.buyMore.stepPick"), t("store.buyMore.stepTotal"), t("store.buyMore.stepPay")];

  // A new subscription starts from its current total, so the field never suggests buying fewer.
  const subscriptionId = state.step > 0 && "subscription" in state ? state.subscription.id : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another subscription is picked.
  useEffect(() => {
    if (state.step === 1) setTotalText(String(state.subscription.licenses.total + 1));
  }, [subscriptionId]);

  let body: ReactNode;
  if (!isAdmin) body = <AdminOnlyNotice accountName={accountName} />;
  else if (setup.state.status === "loading") body = <PageSpinner />;
  else if (setup.state.status === "error") body = <LoadFailed error={setup.state.error} onRetry={setup.reload} />;
  else {
    const { catalog, saved } = setup.state;
    body = (
      <div className="stack-lg">
        {catalog.testMode && <TestModeBanner showCards={state.step === 2} />}
        <StepIndicator steps={steps} current={state.step} />
        {state.step === 0 && (
          <BuyMorePickStep
            accountId={account.id}
            preselected={search.get("subscription")}
            heading={t("store.steps.heading", { step: 1, total: 3, name: steps[0] })}
            onNext={(subscription) => setState({ step: 1, subscription })}
          />
        )}
        {state.step === 1 && (
          <BuyMoreTotalStep
            accountId={account.id}
            subscription={state.subscription}
            heading={t("store.steps.heading", { step: 2, total: 3, name: steps[1] })}
            totalText={totalText}
            onTotalText={setTotalText}
            onBack={() => setState({ step: 0 })}
            onNext={(newTotal) => setState({ step: 2, subscription: state.subscription, newTotal })}
          />
        )}
        {state.step === 2 && (
          <BuyMorePayStep
            accountId={account.id}
            catalog={catalog}
            saved={saved}
            subscription={state.subscription}
            newTotal={state.newTotal}
            heading={t("store.steps.heading", { step: 3, total: 3, name: steps[2] })}
            onBack={() => setState({ step: 1, subscription: state.subscription })}
          />
        )}
      </div>
    );
  }

  return (
    <>
      <p className="back-link">
        <Link to={accountPath(account.id)}>{t("licensing.details.backToDashboard")}</Link>
      </p>
      <PageHeading title={title} subtitle={t("store.buyMore.subtitle")}>
        {title}
      </PageHeading>
      {body}
    </>
  );
}
