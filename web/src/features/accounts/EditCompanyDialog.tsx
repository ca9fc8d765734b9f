import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { accountsApi } from "./accounts-api.ts";
import { CompanyFields } from "./CompanyFields.tsx";
import { type CompanyField, checkCompany, companyBody, companyFromView, emptyCompany } from "./company-form.ts";

type Props = {
  open: boolean;
  account: AccountDetails;
  onClose: () => void;
  onSaved: (account: AccountDetails) => void;
};

/** The guide's Edit Company Information dialog: every field editable, then Save. */
export function EditCompanyDialog({ open, account, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<CompanyField>();
  const { setErrors, setAlert } = form;
  const [values, setValues] = useState(() => (account.company ? companyFromView(account.company) : emptyCompany()));

  // Each opening starts from the saved information.
  useEffect(() => {
    if (!open) return;
    setValues(account.company ? companyFromView(account.company) : emptyCompany());
    setErrors({});
    setAlert(null);
  }, [open, account.company, setErrors, setAlert]);

  const onSubmit = form.onSubmit({
    validate: () => checkCompany(values),
    action: async () => {
      onSaved(await accountsApi.updateCompany(account.id, companyBody(values)));
    },
  });

  return (
    <Dialog
      open={open}
      wide
      title={t("business.editTitle")}
      onClose={() => {
        if (!form.busy) onClose();
      }}
      footer={
        <>
          <Button type="submit" form={formId} busy={form.busy}>
            {t("common.save")}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
        </>
      }
    >
      <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <CompanyFields values={values} onChange={setValues} errors={form.errors} />
      </form>
    </Dialog>
  );
}
