import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { navigate } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { useMe } from "../../lib/session.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccounts } from "./accounts-store.tsx";
import { homeAccount } from "./active-account.ts";
import { readLastAccount } from "./last-account.ts";
import { accountPath } from "./paths.ts";

/** "/": the account used last on this device if it is still listed, else the personal account. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  const { state, reload } = useAccounts();
  const target = state.status === "ready" ? homeAccount(state.accounts, readLastAccount(me.id)) : undefined;

  useEffect(() => {
    if (target) navigate(accountPath(target.id), { replace: true });
  }, [target]);

  if (state.status === "error" || (state.status === "ready" && !target)) {
    const title = t("accounts.loadFailedTitle");
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Alert>{state.status === "error" ? messageFor(t, state.error) : t("accounts.noAccounts")}</Alert>
        <div className="actions">
          <Button variant="secondary" onClick={() => void reload()}>
            {t("accounts.tryAgain")}
          </Button>
        </div>
      </>
    );
  }
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("common.loading")}
    </div>
  );
}
