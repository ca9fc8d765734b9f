import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { Link, navigate } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { setFlash } from "../../lib/flash.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { LoadMoreFooter } from "../../ui/LoadMoreFooter.tsx";
import { useKeysetPages } from "../members/useKeysetPages.ts";
import { storePaths } from "../store/paths.ts";
import { type DisplayFilter, licensingApi, type SubscriptionSort } from "./api.ts";
import { ProductCards } from "./ProductCards.tsx";
import { subscriptionPath } from "./paths.ts";
import { RegisterSubscriptionDialog } from "./RegisterSubscriptionDialog.tsx";
import { SubscriptionFilters } from "./SubscriptionFilters.tsx";
import { SubscriptionsTable } from "./SubscriptionsTable.tsx";
import { useDashboardSummary } from "./useDashboardSummary.ts";

/**
 * The Dashboard's licensing part: a card per product, then the subscriptions with
 * Display and Arrange by, and Register a subscription for Account Administrators.
 */
export function LicensingDashboard({ account }: { account: AccountDetails }) {
  const { t } = useTranslation();
  const isAdmin = account.membership.role === "admin";
  const summary = useDashboardSummary(account.id);
  const [display, setDisplay] = useState<DisplayFilter>("all");
  const [sort, setSort] = useState<SubscriptionSort>("name");
  const [productId, setProductId] = useState("");
  const [registering, setRegistering] = useState(false);
  const filters = { display, sort, productId };
  const list = useKeysetPages(
    (page, signal) => licensingApi.subscriptions(account.id, filters, page, signal),
    JSON.stringify([account.id, filters]),
  );

  const cards = summary.state.status === "ready" ? summary.state.summary.cards : [];
  const narrowed = display !== "all" || productId !== "";
  const nothingAtAll =
    summary.state.status === "ready" && cards.length === 0 && list.loaded && list.items.length === 0 && !narrowed;
  const productName = cards.find((card) => card.product.id === productId)?.product.name ?? null;

  const registerButton = isAdmin && (
    <Button variant={nothingAtAll ? "primary" : "secondary"} aria-haspopup="dialog" onClick={() => setRegistering(true)}>
      {t("licensing.register.open")}
    </Button>
  );

  function showFiltered(product: string, status: DisplayFilter) {
    setProductId(product);
    setDisplay(status);
    document.getElementById("subscriptions-heading")?.focus();
  }

  return (
    <>
      {nothingAtAll ? (
        <section className="card empty-state" aria-labelledby="dashboard-empty">
          <div className="empty-illustration" aria-hidden="true" />
          <h2 id="dashboard-empty">{isAdmin ? t("dashboard.emptyTitle") : t("licensing.dashboard.noAccessTitle")}</h2>
          <p className="muted">
            {!isAdmin
              ? t("licensing.dashboard.noAccessBody")
              : account.kind === "business"
                ? t("dashboard.emptyBodyBusiness", { name: account.name })
                : t("dashboard.emptyBody")}
          </p>
          {registerButton && (
            <div className="actions actions-center">
              <Link to={storePaths.purchase(account.id)} className="btn btn-secondary">
                <span className="btn-label">{t("store.links.purchase")}</span>
              </Link>
              {registerButton}
            </div>
          )}
        </section>
      ) : (
        <div className="stack-lg">
          {summary.state.status === "error" && <Alert>{messageFor(t, summary.state.error)}</Alert>}
          {cards.length > 0 && (
            <section aria-labelledby="products-heading" className="stack">
              <h2 id="products-heading">{t("licensing.dashboard.products")}</h2>
              <ProductCards cards={cards} onFilter={showFiltered} canBuy={isAdmin} />
            </section>
          )}
          <section className="card" aria-labelledby="subscriptions-heading">
            <div className="section-head">
              <h2 id="subscriptions-heading" tabIndex={-1}>
                {t("licensing.dashboard.subscriptions")}
              </h2>
              {registerButton}
            </div>
            <SubscriptionFilters
              display={display}
              onDisplay={setDisplay}
              sort={sort}
              onSort={setSort}
              productName={productId ? (productName ?? productId) : null}
              onClearProduct={() => setProductId("")}
            />
            {list.error ? <Alert>{messageFor(t, list.error)}</Alert> : null}
            {!list.loaded && list.phase === "loading" ? (
              <p className="page-loading">
                <span className="spinner" aria-hidden="true" />
                {t("common.loading")}
              </p>
            ) : null}
            {list.loaded && list.items.length === 0 ? (
              <div className="empty-state">
                <p>{narrowed ? t("licensing.list.emptyFiltered") : t("licensing.list.empty")}</p>
              </div>
            ) : null}
            {list.loaded && list.items.length > 0 ? (
              <SubscriptionsTable accountId={account.id} items={list.items} busy={list.phase !== "ready"} />
            ) : null}
            <LoadMoreFooter
              list={list}
              shown={list.items.length}
              showingText={t("licensing.list.showing", { shown: list.items.length })}
              loadMoreText={t("licensing.list.loadMore")}
            />
          </section>
        </div>
      )}
      {isAdmin && (
        <RegisterSubscriptionDialog
          accountId={account.id}
          open={registering}
          onClose={() => setRegistering(false)}
          onRegistered={(subscription) => {
            const name = subscription.displayName;
            setFlash((tt) => tt("licensing.register.done", { name }));
            navigate(subscriptionPath(account.id, subscription.id));
          }}
        />
      )}
    </>
  );
}
