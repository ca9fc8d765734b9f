import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <p className="muted">{t("footer.tagline", { year: new Date().getFullYear() })}</p>
        <LanguageSwitcher />
      </div>
    </footer>
  );
}
