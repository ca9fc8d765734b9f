import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { formatDate } from "../../lib/format.ts";
import { Button } from "../../ui/Button.tsx";
import { LeaveAccountDialog } from "./LeaveAccountDialog.tsx";

/** Membership: your role and the date you joined, and Leave This Business Account. */
export function MembershipSection({ account }: { account: AccountDetails }) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  const { role, joinedAt } = account.membership;

  return (
    <section className="card" aria-labelledby="membership-heading">
      <h2 id="membership-heading">{t("business.membership")}</h2>
      <dl className="info-list">
        <dt>{t("business.yourRole")}</dt>
        <dd>{role === "admin" ? t("business.roleAdmin") : t("business.roleMember")}</dd>
        <dt>{t("business.joined")}</dt>
        <dd>
          <time dateTime={joinedAt}>{formatDate(joinedAt)}</time>
        </dd>
      </dl>
      <div className="actions">
        <Button variant="secondary" onClick={() => setLeaving(true)}>
          {t("business.leave")}
        </Button>
      </div>
      <LeaveAccountDialog open={leaving} account={account} onClose={() => setLeaving(false)} />
    </section>
  );
}
