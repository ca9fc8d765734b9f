import { useTranslation } from "react-i18next";
import { useMe } from "../../lib/session.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading title={t("dashboard.title")} subtitle={t("dashboard.welcome", { name: me.firstName })}>
        {t("dashboard.title")}
      </PageHeading>
      <section className="card empty-state" aria-labelledby="dashboard-empty">
        <div className="empty-illustration" aria-hidden="true" />
        <h2 id="dashboard-empty">{t("dashboard.emptyTitle")}</h2>
        <p className="muted">{t("dashboard.emptyBody")}</p>
      </section>
    </>
  );
}
