import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { ApiError } from "../../lib/api.ts";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { useAccountState } from "./account-context.tsx";
import { useAccounts } from "./accounts-store.tsx";

/** Renders the page once the route's account is loaded; otherwise says why it cannot be shown. */
export function AccountGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, reload } = useAccountState();

  if (state.status === "loading") {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </div>
    );
  }
  if (state.status === "ready") return children;

  const code = state.error instanceof ApiError ? state.error.code : null;
  if (code === "ACCOUNT_NOT_FOUND" || (state.error instanceof ApiError && state.error.status === 404)) {
    return <Unavailable title={t("accounts.notFoundTitle")} body={t("accounts.notFoundBody")} />;
  }
  if (code === "MEMBERSHIP_BLOCKED") {
    return <Unavailable title={t("accounts.blockedTitle")} body={t("accounts.blockedBody")} />;
  }
  return (
    <>
      <PageHeading title={t("accounts.loadFailedTitle")}>{t("accounts.loadFailedTitle")}</PageHeading>
      <Alert>{messageFor(t, state.error)}</Alert>
      <div className="actions">
        <Button variant="secondary" onClick={() => void reload()}>
          {t("accounts.tryAgain")}
        </Button>
      </div>
    </>
  );
}

function Unavailable({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  const { personal } = useAccounts();
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <section className="card empty-state">
        <div className="empty-illustration" aria-hidden="true" />
        <p>{body}</p>
        <p>
          <Link to={personal ? `/accounts/${encodeURIComponent(personal.id)}` : "/"}>{t("accounts.toPersonal")}</Link>
        </p>
      </section>
    </>
  );
}
