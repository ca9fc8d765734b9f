import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../../ui/PageHeading.tsx";
import { ChangePasswordSection } from "./ChangePasswordSection.tsx";
import { SessionsSection } from "./SessionsSection.tsx";
import { TwoFactorSection } from "./TwoFactorSection.tsx";

export function SecurityPage() {
  const { t } = useTranslation();
  // Changing the password or turning on 2FA replaces sessions; bumping this reloads the list.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const reloadSessions = () => setSessionsVersion((v) => v + 1);
  return (
    <>
      <PageHeading title={t("security.title")} subtitle={t("security.subtitle")}>
        {t("security.title")}
      </PageHeading>
      <div className="stack-lg">
        <ChangePasswordSection onChanged={reloadSessions} />
        <TwoFactorSection onSessionChanged={reloadSessions} />
        <SessionsSection version={sessionsVersion} />
      </div>
    </>
  );
}
