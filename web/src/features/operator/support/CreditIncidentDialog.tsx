import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../../lib/form.ts";
import { FormAlert } from "../../../ui/Alert.tsx";
import { Button } from "../../../ui/Button.tsx";
import { Dialog } from "../../../ui/Dialog.tsx";
import { TextAreaField } from "../../members/TextAreaField.tsx";
import { type OperatorTicketView, supportOperatorApi } from "./api.ts";
import { supportErrorMessage } from "./errors.ts";

type Props = {
  ticket: OperatorTicketView;
  open: boolean;
  onClose: () => void;
  onDone: (view: OperatorTicketView, message: string) => void;
};

/**
 * Gives the incident this ticket used back to its subscription's year (e.g. the fault
 * was ours). The reason is required: it goes to the audit log.
 */
export function CreditIncidentDialog({ ticket, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"reason">();
  const { setAlert, setErrors } = form;
  const [reason, setReason] = useState("");

  useEffect(() => {
    if (!open) return;
    setReason("");
    setErrors({});
    setAlert(null);
  }, [open, setAlert, setErrors]);

  const onSubmit = form.onSubmit({
    validate: () => ({ reason: reason.trim().length >= 3 ? undefined : "operatorSupport.credit.reasonRequired" }),
    onError: (error) => {
      form.setAlert((tt) => supportErrorMessage(tt, error));
      return true;
    },
    action: async () => {
      const view = await supportOperatorApi.creditIncident(ticket.id, { reason: reason.trim() });
      onDone(view, t("operatorSupport.credit.done", { reference: view.reference }));
    },
  });
  const close = () => !form.busy && onClose();

  return (
    <Dialog
      open={open}
      title={t("operatorSupport.credit.title")}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy}>
            {t("operatorSupport.credit.submit")}
          </Button>
        </>
      }
    >
      <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <p>{t("operatorSupport.credit.body", { reference: ticket.reference, account: ticket.account.name })}</p>
        <TextAreaField
          label={t("operatorSupport.credit.reason")}
          hint={t("operatorSupport.credit.reasonHint")}
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
          maxLength={500}
        />
      </form>
    </Dialog>
  );
}
