import { useTranslation } from "react-i18next";
import type { PersonRef } from "../../../../contracts/accounts.ts";
import { useMe } from "../../lib/session.ts";

/** Account Admins: the account's active administrators, with a mail link each. */
export function AdminsSection({ admins }: { admins: PersonRef[] }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <section className="card" aria-labelledby="admins-heading">
      <h2 id="admins-heading">{t("business.admins")}</h2>
      {admins.length === 0 ? (
        <p className="muted">{t("business.noAdmins")}</p>
      ) : (
        <ul className="people">
          {admins.map((admin) => (
            <li key={admin.userId} className="person-row">
              <span className="person-name">
                {admin.name}
                {admin.userId === me.id && <span className="badge badge-muted">{t("business.you")}</span>}
              </span>
              <a href={`mailto:${admin.email}`} className="break-all">
                {admin.email}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
