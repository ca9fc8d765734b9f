import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AccountNav } from "./AccountNav.tsx";
import { Footer } from "./Footer.tsx";
import { Link } from "./router.tsx";
import { AccountSwitcher, PersonMenu } from "./TopBarMenus.tsx";

/**
 * Layout for signed-in pages: account switcher on the left; the account's pages
 * and the person menu on the right.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="container topbar-inner">
          <div className="topbar-start">
            <Link to="/" className="brand brand-compact">
              <span className="brand-mark" aria-hidden="true" />
              <span className="brand-text">{t("app.name")}</span>
            </Link>
            <AccountSwitcher />
          </div>
          <div className="topbar-end">
            <AccountNav />
            <nav aria-label={t("nav.personal")}>
              <PersonMenu />
            </nav>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main-app">
        {children}
      </main>
      <Footer />
    </div>
  );
}
