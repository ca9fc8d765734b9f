import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { Link } from "../../app/router.tsx";
import { Alert, StatusMessage } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { AdminsSection } from "./AdminsSection.tsx";
import { useAccount } from "./account-context.tsx";
import { useAccounts } from "./accounts-store.tsx";
import { CompanySection } from "./CompanySection.tsx";
import { MembershipSection } from "./MembershipSection.tsx";
import { accountPath } from "./paths.ts";

/** Business Profile: company information, your membership, and the Account Admins. */
export function BusinessProfilePage() {
  const { t } = useTranslation();
  const { account, setAccount } = useAccount();
  const { reload: reloadAccounts } = useAccounts();
  const [saved, setSaved] = useState(false);
  const title = t("business.title");

  if (account.kind !== "business") {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Alert tone="warning">{t("errors.NOT_A_BUSINESS_ACCOUNT")}</Alert>
        <p>
          <Link to={accountPath(account.id)}>{t("business.toDashboard")}</Link>
        </p>
      </>
    );
  }

  const isAdmin = account.membership.role === "admin";

  function onSaved(updated: AccountDetails) {
    setAccount(updated);
    setSaved(true);
    // The company name is the account's name in the switcher.
    void reloadAccounts();
  }

  return (
    <>
      <PageHeading
        title={title}
        subtitle={account.name}
        actions={
          isAdmin && (
            <nav aria-label={t("business.adminNav")} className="page-links">
              <Link to={accountPath(account.id, "users")} className="btn btn-secondary">
                {t("business.users")}
              </Link>
              <Link to={accountPath(account.id, "audit")} className="btn btn-ghost">
                {t("business.auditLog")}
              </Link>
            </nav>
          )
        }
      >
        {title}
      </PageHeading>
      <StatusMessage message={saved && t("business.saved")} />
      <div className="stack-lg">
        <CompanySection account={account} canEdit={isAdmin} onSaved={onSaved} />
        <MembershipSection account={account} />
        <AdminsSection admins={account.admins} />
      </div>
    </>
  );
}
