import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate } from "../../app/router.tsx";
import { setFlash } from "../../lib/flash.ts";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { accountsApi } from "./accounts-api.ts";
import { useAccounts } from "./accounts-store.tsx";
import { CompanyFields } from "./CompanyFields.tsx";
import { type CompanyField, checkCompany, companyBody, emptyCompany } from "./company-form.ts";

/** Create business account: the company form; the creator becomes its Account Administrator. */
export function CreateAccountPage() {
  const { t } = useTranslation();
  const form = useForm<CompanyField>();
  const { reload } = useAccounts();
  const [values, setValues] = useState(emptyCompany);

  const onSubmit = form.onSubmit({
    validate: () => checkCompany(values),
    action: async () => {
      const account = await accountsApi.create(companyBody(values));
      await reload();
      const name = account.name;
      setFlash((tt) => tt("accounts.created", { name }));
      navigate(`/accounts/${encodeURIComponent(account.id)}`);
    },
  });

  return (
    <>
      <PageHeading title={t("accounts.createTitle")} subtitle={t("accounts.createSubtitle")}>
        {t("accounts.createTitle")}
      </PageHeading>
      <section className="card">
        <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <CompanyFields values={values} onChange={setValues} errors={form.errors} />
          <div className="actions">
            <Button type="submit" busy={form.busy}>
              {t("accounts.createSubmit")}
            </Button>
            <Link to="/" className="btn btn-ghost">
              {t("common.cancel")}
            </Link>
          </div>
        </form>
      </section>
    </>
  );
}
