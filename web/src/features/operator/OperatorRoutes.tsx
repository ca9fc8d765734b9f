import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/licensing-keys.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NotFoundPage } from "../../app/NotFoundPage.tsx";
import { Link } from "../../app/router.tsx";
import { useMe } from "../../lib/session.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ReleasesPage } from "../downloads/operator/ReleasesPage.tsx";
import { CataloguePage } from "./CataloguePage.tsx";
import { IssuePage } from "./IssuePage.tsx";
import { OperatorAccountPage } from "./OperatorAccountPage.tsx";
import { OperatorSearchPage } from "./OperatorSearchPage.tsx";
import { OperatorSubscriptionPage } from "./OperatorSubscriptionPage.tsx";
import { PriceListPage } from "./PriceListPage.tsx";
import { matchOperatorRoute, type OperatorRoute, operatorPaths } from "./paths.ts";
import { StoreOrdersPage } from "./StoreOrdersPage.tsx";
import { SupportQueuePage } from "./support/SupportQueuePage.tsx";
import { SupportTicketPage } from "./support/SupportTicketPage.tsx";

/** Shown to anyone who is not vendor staff; the API refuses them too (403 OPERATOR_REQUIRED). */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("operator.notAllowed.title")}>{t("operator.notAllowed.title")}</PageHeading>
      <section className="card empty-state">
        <div className="empty-illustration" aria-hidden="true" />
        <p>{t("operator.notAllowed.body")}</p>
        <p>
          <Link to="/">{t("operator.notAllowed.home")}</Link>
        </p>
      </section>
    </>
  );
}

function OperatorNav({ route }: { route: OperatorRoute }) {
  const { t } = useTranslation();
  const links = [
    {
      to: operatorPaths.search(),
      label: t("operator.nav.search"),
      current: !["issue", "catalogue", "prices", "orders", "downloads", "support", "supportTicket"].includes(route.page),
    },
    { to: operatorPaths.issue(), label: t("operator.nav.issue"), current: route.page === "issue" },
    { to: operatorPaths.catalogue(), label: t("operator.nav.catalogue"), current: route.page === "catalogue" },
    { to: operatorPaths.prices(), label: t("operator.nav.prices"), current: route.page === "prices" },
    { to: operatorPaths.orders(), label: t("operator.nav.orders"), current: route.page === "orders" },
    { to: operatorPaths.downloads(), label: t("operator.nav.downloads"), current: route.page === "downloads" },
    {
      to: operatorPaths.support(),
      label: t("operatorSupport.nav"),
      current: route.page === "support" || route.page === "supportTicket",
    },
  ];
  return (
    <nav className="operator-nav" aria-label={t("operator.nav.label")}>
      <span className="operator-nav-title">{t("operator.nav.label")}</span>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="account-nav-link" aria-current={link.current ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The operator console (/operator/…), for people with Me.isOperator. */
export function OperatorRoutes({ path }: { path: string }) {
  const me = useMe();
  if (!me.isOperator) return <NotAllowed />;
  const route = matchOperatorRoute(path);
  if (!route) return <NotFoundPage />;
  const pages: Record<OperatorRoute["page"], () => ReactNode> = {
    search: () => <OperatorSearchPage />,
    issue: () => <IssuePage />,
    catalogue: () => <CataloguePage />,
    prices: () => <PriceListPage />,
    orders: () => <StoreOrdersPage />,
    downloads: () => <ReleasesPage />,
    account: () => (route.page === "account" ? <OperatorAccountPage accountId={route.accountId} /> : null),
    subscription: () =>
      route.page === "subscription" ? <OperatorSubscriptionPage subscriptionId={route.subscriptionId} /> : null,
    support: () => <SupportQueuePage />,
    supportTicket: () => (route.page === "supportTicket" ? <SupportTicketPage ticketId={route.ticketId} /> : null),
  };
  return (
    <>
      <OperatorNav route={route} />
      {pages[route.page]()}
    </>
  );
}
