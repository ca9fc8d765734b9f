import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../lib/session.ts";
import { navigate, useLocation } from "./router.tsx";

/** Renders its children only for a signed-in person; anyone else goes to /sign-in?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const location = useLocation();

  useEffect(() => {
    if (state.status === "anonymous") {
      navigate(`/sign-in?next=${encodeURIComponent(location.href)}`, { replace: true });
    }
  }, [state.status, location.href]);

  if (state.status !== "authenticated") {
    return (
      <div className="page-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t("common.loading")}
      </div>
    );
  }
  return children;
}
