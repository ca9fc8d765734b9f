import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../app/router.tsx";
import { useSession } from "../../lib/session.ts";
import { Alert } from "../../ui/Alert.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";

/** Where the verification link lands (Better Auth adds ?error=… when the token is bad or expired). */
export function EmailVerifiedPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { state } = useSession();
  const error = search.get("error");

  if (error) {
    return (
      <>
        <PageHeading title={t("emailVerified.failedTitle")}>{t("emailVerified.failedTitle")}</PageHeading>
        <Alert tone="warning">{t("emailVerified.failedBody")}</Alert>
        <p>
          <Link to="/sign-in" className="btn btn-primary">
            {t("emailVerified.signInForNewLink")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <div className="success-mark" aria-hidden="true" />
      <PageHeading title={t("emailVerified.title")}>{t("emailVerified.title")}</PageHeading>
      <p>{t("emailVerified.body")}</p>
      <p>
        <Link to={state.status === "anonymous" ? "/sign-in" : "/"} className="btn btn-primary">
          {state.status === "anonymous" ? t("emailVerified.toSignIn") : t("emailVerified.toDashboard")}
        </Link>
      </p>
    </>
  );
}
