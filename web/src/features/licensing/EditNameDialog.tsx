import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { licensingApi, type SubscriptionDetails } from "./api.ts";

type Props = {
  open: boolean;
  accountId: string;
  details: SubscriptionDetails;
  onClose: () => void;
  onSaved: (details: SubscriptionDetails) => void;
};

const NAME_MAX = 120;

/** The pencil next to the subscription's name: edit its display name. */
export function EditNameDialog({ open, accountId, details, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"displayName">();
  const { setErrors, setAlert } = form;
  const [name, setName] = useState(details.displayName);

  useEffect(() => {
    if (!open) return;
    setName(details.displayName);
    setErrors({});
    setAlert(null);
  }, [open, details.displayName, setErrors, setAlert]);

  const onSubmit = form.onSubmit({
    validate: () => {
      const trimmed = name.trim();
      return {
        displayName: !trimmed
          ? "licensing.editName.required"
          : trimmed.length > NAME_MAX
            ? "licensing.editName.tooLong"
            : undefined,
      };
    },
    action: async () => {
      onSaved(await licensingApi.updateSubscription(accountId, details.id, { displayName: name.trim() }));
    },
  });

  const close = () => {
    if (!form.busy) onClose();
  };
  return (
    <Dialog
      open={open}
      title={t("licensing.editName.title")}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy}>
            {t("common.save")}
          </Button>
        </>
      }
    >
      <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormAlert message={form.alert} />
        <TextField
          label={t("licensing.editName.label")}
          hint={t("licensing.editName.hint")}
          value={name}
          onChange={setName}
          error={form.errors.displayName}
          maxLength={NAME_MAX}
          autoComplete="off"
          required
        />
      </form>
    </Dialog>
  );
}
