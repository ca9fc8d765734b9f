import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { countryName } from "../../lib/countries.ts";
import { currentLocale } from "../../lib/i18n.ts";
import { Button } from "../../ui/Button.tsx";
import { EditCompanyDialog } from "./EditCompanyDialog.tsx";

type Props = { account: AccountDetails; canEdit: boolean; onSaved: (account: AccountDetails) => void };

/** The company information, read-only, with Edit for Account Administrators. */
export function CompanySection({ account, canEdit, onSaved }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const company = account.company;
  const notProvided = <span className="muted">{t("business.notProvided")}</span>;
  const address = company
    ? Object.entries({ line1: company.addressLine1, line2: company.addressLine2, city: company.city }).filter(
        (entry): entry is [string, string] => Boolean(entry[1]),
      )
    : [];

  return (
    <section className="card" aria-labelledby="company-heading">
      <div className="section-head">
        <h2 id="company-heading">{t("business.companyInfo")}</h2>
        {canEdit && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t("business.edit")}
            <span className="sr-only"> {t("business.companyInfo")}</span>
          </Button>
        )}
      </div>
      {company ? (
        <dl className="info-list">
          <dt>{t("company.companyName")}</dt>
          <dd>{company.companyName}</dd>
          <dt>{t("company.country")}</dt>
          <dd>{countryName(company.country, currentLocale())}</dd>
          <dt>{t("company.postcode")}</dt>
          <dd>{company.postcode}</dd>
          <dt>{t("company.businessPhone")}</dt>
          <dd>
            <a href={`tel:${company.businessPhone.replace(/[^\d+]/g, "")}`}>{company.businessPhone}</a>
          </dd>
          <dt>{t("business.address")}</dt>
          <dd>
            {address.length > 0
              ? address.map(([key, line]) => (
                  <span key={key} className="info-line">
                    {line}
                  </span>
                ))
              : notProvided}
          </dd>
          <dt>{t("company.vatId")}</dt>
          <dd>{company.vatId ?? notProvided}</dd>
          <dt>{t("company.website")}</dt>
          <dd>
            {company.website ? (
              <a href={company.website} target="_blank" rel="noopener noreferrer" className="break-all">
                {company.website}
              </a>
            ) : (
              notProvided
            )}
          </dd>
        </dl>
      ) : (
        <p className="muted">{t("business.noCompany")}</p>
      )}
      {canEdit && (
        <EditCompanyDialog
          open={editing}
          account={account}
          onClose={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false);
            onSaved(updated);
          }}
        />
      )}
    </section>
  );
}
