import { useTranslation } from "react-i18next";
import { Alert } from "./Alert.tsx";
import { Button } from "./Button.tsx";

/** A page's data is on its way (announced politely by role="status"). */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("common.loading")}
    </div>
  );
}

/** A page's data could not be loaded: why, in the feature's own words, and a way to try again. */
export function PageLoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert>{message}</Alert>
      <div className="actions">
        <Button variant="secondary" onClick={onRetry}>
          {t("accounts.tryAgain")}
        </Button>
      </div>
    </>
  );
}
