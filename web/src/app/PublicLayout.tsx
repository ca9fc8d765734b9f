import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Footer } from "./Footer.tsx";
import { Link } from "./router.tsx";

/** Layout for signed-out pages: a simple brand bar and a centred card. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar topbar-public">
        <div className="container topbar-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t("app.name")}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={wide ? "container main-wide" : "container main-narrow"}>
        {wide ? children : <div className="card card-auth">{children}</div>}
      </main>
      <Footer />
    </div>
  );
}
