import { useTranslation } from "react-i18next";
import { useFlash } from "../../lib/flash.ts";
import { useMe } from "../../lib/session.ts";
import { StatusMessage } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { LicensingDashboard } from "../licensing/LicensingDashboard.tsx";
import { useAccount } from "./account-context.tsx";

/** The Dashboard of the account in the URL: a card per product and its subscriptions (features/licensing). */
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
      <LicensingDashboard account={account} />
    </>
  );
}
