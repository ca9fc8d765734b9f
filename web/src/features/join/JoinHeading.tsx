import { useTranslation } from "react-i18next";
import { PageHeading } from "../../ui/PageHeading.tsx";
import type { InvitationPreview } from "./join-api.ts";

/** "Join Acme Ltd" and who invited you. */
export function JoinHeading({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const title = t("join.title", { account: preview.accountName });
  return (
    <PageHeading
      title={title}
      subtitle={
        preview.inviterName
          ? t("join.invitedBy", { name: preview.inviterName, account: preview.accountName })
          : t("join.invited", { account: preview.accountName })
      }
    >
      {title}
    </PageHeading>
  );
}
