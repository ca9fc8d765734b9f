import { useTranslation } from "react-i18next";
import { Link } from "../../app/router.tsx";
import { useSession } from "../../lib/session.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import type { InvitationPreview } from "./join-api.ts";

type Reason = "expired" | "revoked" | "accepted" | "notFound";

/** An invitation that cannot be used (any more): says why, and whom to ask for a new one. */
export function JoinUnavailable({ reason, preview }: { reason: Reason; preview?: InvitationPreview | undefined }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const title = t(`join.unavailable.${reason}Title`);
  const account = preview?.accountName ?? "";

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{preview ? t(`join.unavailable.${reason}Body`, { account }) : t("join.unavailable.notFoundBody")}</p>
      {reason !== "accepted" && (
        <div className="stack-sm">
          <p>
            {preview?.inviterName
              ? t("join.unavailable.askInviter", { name: preview.inviterName, account })
              : preview
                ? t("join.unavailable.askAdmins", { account })
                : t("join.unavailable.askSender")}
          </p>
          {preview && preview.contactEmails.length > 0 && (
            <ul className="contact-list" aria-label={t("join.unavailable.contacts")}>
              {preview.contactEmails.map((email) => (
                <li key={email}>
                  <a href={`mailto:${email}`} className="break-all">
                    {email}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="form-footer">
        {state.status === "authenticated" ? (
          <Link to="/">{t("join.toDashboard")}</Link>
        ) : (
          <Link to="/sign-in">{t("join.toSignIn")}</Link>
        )}
      </p>
    </>
  );
}
