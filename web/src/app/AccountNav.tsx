import "../styles/store.css";
import { useTranslation } from "react-i18next";
import { useActiveAccount } from "../features/accounts/active-account.ts";
import { accountPath, matchAccountRoute } from "../features/accounts/paths.ts";
import { docsPath, matchDocsRoute } from "../features/docs/paths.ts";
import { downloadsPath, matchDownloadsRoute } from "../features/downloads/paths.ts";
import { farmsPath, matchFarmsRoute } from "../features/farms/paths.ts";
import { matchSubscriptionRoute } from "../features/licensing/paths.ts";
import { matchStoreRoute, storePaths } from "../features/store/paths.ts";
import { matchSupportRoute, supportPaths } from "../features/support/paths.ts";
import { Link, useLocation } from "./router.tsx";

/**
 * The account's pages in the upper right: Dashboard, Farms, the store (Purchase and
 * Orders) for Account Administrators, and Business Profile for a business account.
 * The current page is marked with aria-current.
 */
export function AccountNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = useActiveAccount();
  if (!active.id) return null;

  // Subscription Details belong to the Dashboard, so it stays marked there.
  const subscription = matchSubscriptionRoute(pathname);
  const farms = matchFarmsRoute(pathname);
  const store = matchStoreRoute(pathname);
  const downloads = matchDownloadsRoute(pathname);
  const docs = matchDocsRoute(pathname);
  const support = matchSupportRoute(pathname);
  // Orders and an order's page are "Orders"; Purchase, Buy More Licenses and Payment Options are "Purchase".
  const storeSection = store ? (store.page === "orders" || store.page === "order" ? "orders" : "store") : null;
  const route = subscription
    ? { accountId: subscription.accountId, section: "dashboard" as const }
    : farms
      ? { accountId: farms.accountId, section: "farms" as const }
      : store && storeSection
        ? { accountId: store.accountId, section: storeSection }
        : downloads
          ? { accountId: downloads.accountId, section: "downloads" as const }
          : docs
            ? { accountId: docs.accountId, section: "documentation" as const }
            : support
              ? { accountId: support.accountId, section: "support" as const }
              : matchAccountRoute(pathname);
  const here = route?.accountId === active.id ? route.section : null;
  const isBusiness = active.summary?.kind === "business";
  const accountId = active.id;
  const links: Array<{ id: string; to: string; label: string; current: boolean }> = [
    { id: "dashboard", to: accountPath(accountId), label: t("nav.dashboard"), current: here === "dashboard" },
    { id: "farms", to: farmsPath(accountId), label: t("nav.farms"), current: here === "farms" },
    // Every member sees both; the server decides what Downloads lists (an active subscription).
    { id: "downloads", to: downloadsPath(accountId), label: t("nav.downloads"), current: here === "downloads" },
    { id: "documentation", to: docsPath(accountId), label: t("nav.documentation"), current: here === "documentation" },
    // Every member may open tickets; the server decides which ones each sees.
    { id: "support", to: supportPaths.list(accountId), label: t("nav.support"), current: here === "support" },
  ];
  // Only Account Administrators buy and see orders (the server refuses everyone else: 403 ADMIN_ROLE_REQUIRED).
  if (active.summary?.role === "admin") {
    links.push(
      { id: "store", to: storePaths.purchase(accountId), label: t("nav.store"), current: here === "store" },
      { id: "orders", to: storePaths.orders(accountId), label: t("nav.orders"), current: here === "orders" },
    );
  }
  if (isBusiness) {
    // Users and the audit log are reached from the Business Profile, so it stays marked on them.
    links.push({
      id: "business-profile",
      to: accountPath(accountId, "business-profile"),
      label: t("nav.businessProfile"),
      current:
        here !== null && !["dashboard", "farms", "store", "orders", "downloads", "documentation", "support"].includes(here),
    });
  }

  return (
    <nav className="account-nav" aria-label={t("nav.account")}>
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <Link to={link.to} className="account-nav-link" aria-current={link.current ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
