import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { type FarmView, farmsApi } from "./api.ts";
import { farmErrorMessage, isForbidden } from "./errors.ts";

type Props = {
  open: boolean;
  accountId: string;
  farm: FarmView | null;
  onClose: () => void;
  onSaved: (farm: FarmView) => void;
  /** The server said this person may not change farms. */
  onForbidden: () => void;
};

export const FARM_NAME_MAX = 120;

/** The pencil next to a farm's name: rename it. */
export function RenameFarmDialog({ open, accountId, farm, onClose, onSaved, onForbidden }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"name">();
  const { setErrors, setAlert } = form;
  const [name, setName] = useState(farm?.name ?? "");

  useEffect(() => {
    if (!open) return;
    setName(farm?.name ?? "");
    setErrors({});
    setAlert(null);
  }, [open, farm?.name, setErrors, setAlert]);

  const onSubmit = form.onSubmit({
    validate: () => {
      const trimmed = name.trim();
      return {
        name: !trimmed ? "farms.rename.required" : trimmed.length > FARM_NAME_MAX ? "farms.rename.tooLong" : undefined,
      };
    },
    action: async () => {
      if (!farm) return;
      onSaved(await farmsApi.update(accountId, farm.id, { name: name.trim() }));
    },
    onError: (error) => {
      if (error.fieldErrors.length > 0) return false;
      if (isForbidden(error)) onForbidden();
      setAlert((tt) => farmErrorMessage(tt, error));
      return true;
    },
  });

  const close = () => {
    if (!form.busy) onClose();
  };
  return (
    <Dialog
      open={open}
      title={t("farms.rename.title")}
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
          label={t("farms.rename.label")}
          hint={t("farms.rename.hint")}
          value={name}
          onChange={setName}
          error={form.errors.name}
          maxLength={FARM_NAME_MAX}
          autoComplete="off"
          required
        />
      </form>
    </Dialog>
  );
}
