import { useTranslation } from "react-i18next";
import { useActiveAccount } from "../features/accounts/active-account.ts";
import { type AccountSection, accountPath, matchAccountRoute } from "../features/accounts/paths.ts";
import { matchSubscriptionRoute } from "../features/licensing/paths.ts";
import { Link, useLocation } from "./router.tsx";

/**
 * The account's pages in the upper right: Dashboard, and Business Profile for a
 * business account. The current page is marked with aria-current.
 */
export function AccountNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = useActiveAccount();
  if (!active.id) return null;

  // Subscription Details belong to the Dashboard, so it stays marked there.
  const subscription = matchSubscriptionRoute(pathname);
  const route = subscription ? { accountId: subscription.accountId, section: "dashboard" as const } : matchAccountRoute(pathname);
  const here = route?.accountId === active.id ? route.section : null;
  const isBusiness = active.summary?.kind === "business";
  const links: Array<{ section: AccountSection; label: string; current: boolean }> = [
    { section: "dashboard", label: t("nav.dashboard"), current: here === "dashboard" },
  ];
  if (isBusiness) {
    // Users and the audit log are reached from the Business Profile, so it stays marked on them.
    links.push({ section: "business-profile", label: t("nav.businessProfile"), current: here !== null && here !== "dashboard" });
  }

  return (
    <nav className="account-nav" aria-label={t("nav.account")}>
      <ul>
        {links.map((link) => (
          <li key={link.section}>
            <Link
              to={accountPath(active.id ?? "", link.section)}
              className="account-nav-link"
              aria-current={link.current ? "page" : undefined}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
