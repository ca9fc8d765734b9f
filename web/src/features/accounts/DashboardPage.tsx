import { useTranslation } from "react-i18next";
import { useFlash } from "../../lib/flash.ts";
import { useMe } from "../../lib/session.ts";
import { StatusMessage } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccount } from "./account-context.tsx";

/** The Dashboard of the account in the URL: its subscriptions (licensing comes in a later issue). */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { account } = useAccount();
  const flash = useFlash();
  const business = account.kind === "business";
  const name = business ? account.name : t("accounts.personal", { name: me.name });

  return (
    <>
      <PageHeading
        title={t("dashboard.title")}
        subtitle={
          <>
            <span className="account-name">{name}</span>
            {business && (
              <>
                <span className="badge badge-muted">{t("accounts.kindBusiness")}</span>
                <span className="badge badge-accent">
                  {account.membership.role === "admin" ? t("business.roleAdmin") : t("business.roleMember")}
                </span>
              </>
            )}
          </>
        }
      >
        {t("dashboard.title")}
      </PageHeading>
      <StatusMessage message={flash} />
      <section className="card empty-state" aria-labelledby="dashboard-empty">
        <div className="empty-illustration" aria-hidden="true" />
        <h2 id="dashboard-empty">{t("dashboard.emptyTitle")}</h2>
        <p className="muted">{business ? t("dashboard.emptyBodyBusiness", { name: account.name }) : t("dashboard.emptyBody")}</p>
      </section>
    </>
  );
}
