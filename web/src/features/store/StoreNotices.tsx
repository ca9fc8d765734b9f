import { useTranslation } from "react-i18next";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { storeErrorMessage } from "./errors.ts";

/** Only Account Administrators buy for a business account; everyone else is told why and whom to ask. */
export function AdminOnlyNotice({ accountName }: { accountName: string }) {
  const { t } = useTranslation();
  return (
    <section className="card empty-state" aria-labelledby="admin-only-heading">
      <div className="empty-illustration" aria-hidden="true" />
      <h2 id="admin-only-heading">{t("store.adminOnly.title")}</h2>
      <p>{t("store.adminOnly.body", { name: accountName })}</p>
    </section>
  );
}

export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("common.loading")}
    </div>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert>{storeErrorMessage(t, error)}</Alert>
      <div className="actions">
        <Button variant="secondary" onClick={onRetry}>
          {t("accounts.tryAgain")}
        </Button>
      </div>
    </>
  );
}
