import "../../styles/members.css";
import "../../styles/licensing.css";
import "../../styles/accounts.css";
import "../../styles/support.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, navigate } from "../../app/router.tsx";
import { setFlash } from "../../lib/flash.ts";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { RadioGroup } from "../../ui/RadioGroup.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { useAccount } from "../accounts/account-context.tsx";
import { TextAreaField } from "../members/TextAreaField.tsx";
import { AttachmentPicker } from "./AttachmentPicker.tsx";
import { supportApi, type TicketOptions } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";
import { formatMinutes } from "./format.ts";
import {
  CATEGORY_HINT_KEYS,
  CATEGORY_KEYS,
  SEVERITY_HINT_KEYS,
  SEVERITY_KEYS,
  TICKET_CATEGORIES,
  TICKET_SEVERITIES,
} from "./labels.ts";
import { supportPaths } from "./paths.ts";
import { LoadFailed, Loading } from "./SupportNotices.tsx";
import { TicketContextFields } from "./TicketContextFields.tsx";
import {
  DESCRIPTION_MAX,
  initialValues,
  planFor,
  SUBJECT_MAX,
  type TicketField,
  type TicketFormValues,
  validateTicket,
  withChange,
} from "./ticket-form.ts";
import { useAttachments } from "./useAttachments.ts";
import { useLoaded } from "./useTicket.ts";

/** New ticket (/accounts/:accountId/support/new): the account's products, keys, farms and plans come from /support/options. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const options = useLoaded((signal) => supportApi.options(account.id, signal), account.id);
  const title = t("support.new.title");
  return (
    <>
      <p className="back-link">
        <Link to={supportPaths.list(account.id)}>{t("support.ticket.backToList")}</Link>
      </p>
      <PageHeading title={title} subtitle={t("support.new.subtitle")}>
        {title}
      </PageHeading>
      {options.state.status === "loading" && <Loading />}
      {options.state.status === "error" && <LoadFailed error={options.state.error} onRetry={options.retry} />}
      {options.state.status === "ready" && <NewTicketForm accountId={account.id} options={options.state.value} />}
    </>
  );
}

function NewTicketForm({ accountId, options }: { accountId: string; options: TicketOptions }) {
  const { t } = useTranslation();
  const form = useForm<TicketField>();
  const files = useAttachments(supportApi.uploadUrl(accountId));
  const [values, setValues] = useState<TicketFormValues>(() => initialValues(options));
  const change = (patch: Partial<TicketFormValues>) => setValues((current) => withChange(options, current, patch));
  const plan = planFor(options, values.licenseKeyId);

  const onSubmit = form.onSubmit({
    validate: () => validateTicket(values),
    onError: (error) => {
      if (error.fieldErrors.length > 0) return false;
      form.setAlert((tt) => supportErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      if (files.uploading || files.failed) {
        form.setAlert((tt) => tt(files.uploading ? "support.attachments.waitForUploads" : "support.attachments.removeFailed"));
        return;
      }
      const ticket = await supportApi.create(accountId, {
        productId: values.productId,
        category: values.category,
        severity: values.severity,
        subject: values.subject.trim(),
        description: values.description.trim(),
        licenseKeyId: values.licenseKeyId || null,
        farmId: values.farmId || null,
        attachmentIds: files.ids,
      });
      setFlash((tt) => tt("support.new.opened", { reference: ticket.reference }));
      navigate(supportPaths.ticket(accountId, ticket.id));
    },
  });

  return (
    <form ref={form.formRef} className="form card stack new-ticket-form" noValidate onSubmit={onSubmit}>
      <FormAlert message={form.alert} />
      <SelectField
        label={t("support.fields.product")}
        value={values.productId}
        placeholder={t("support.new.chooseProduct")}
        required
        onChange={(productId) => change({ productId })}
        error={form.errors.productId}
        options={options.products.map((product) => ({ value: product.id, label: product.name }))}
      />
      <RadioGroup
        legend={t("support.fields.category")}
        name="category"
        value={values.category}
        onChange={(category) => change({ category })}
        options={TICKET_CATEGORIES.map((value) => ({
          value,
          label: t(CATEGORY_KEYS[value]),
          hint: t(CATEGORY_HINT_KEYS[value]),
        }))}
      />
      <TicketContextFields
        options={options}
        values={values}
        onChange={change}
        errors={{ licenseKeyId: form.errors.licenseKeyId, farmId: form.errors.farmId }}
      />
      <RadioGroup
        legend={t("support.fields.severity")}
        name="severity"
        value={values.severity}
        onChange={(severity) => change({ severity })}
        options={TICKET_SEVERITIES.map((value) => ({
          value,
          label: t(SEVERITY_KEYS[value]),
          hint: (
            <>
              {t(SEVERITY_HINT_KEYS[value])}
              {plan && (
                <span className="block">
                  {t("support.new.responseTarget", { duration: formatMinutes(plan.responseMinutes[value]), plan: plan.name })}
                </span>
              )}
            </>
          ),
        }))}
      />
      <TextField
        label={t("support.fields.subject")}
        value={values.subject}
        onChange={(subject) => change({ subject })}
        maxLength={SUBJECT_MAX}
        error={form.errors.subject}
      />
      <TextAreaField
        label={t("support.fields.description")}
        hint={t("support.new.descriptionHint")}
        value={values.description}
        onChange={(description) => change({ description })}
        rows={10}
        maxLength={DESCRIPTION_MAX}
        error={form.errors.description}
      />
      <AttachmentPicker state={files} disabled={form.busy} />
      <div className="actions">
        <Button type="submit" busy={form.busy}>
          {t("support.new.submit")}
        </Button>
        <Link to={supportPaths.list(accountId)}>{t("common.cancel")}</Link>
      </div>
    </form>
  );
}
