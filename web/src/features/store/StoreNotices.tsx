import { useTranslation } from "react-i18next";
import { PageLoadFailed } from "../../ui/PageStatus.tsx";
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

export { PageSpinner } from "../../ui/PageStatus.tsx";

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return <PageLoadFailed message={storeErrorMessage(t, error)} onRetry={onRetry} />;
}
