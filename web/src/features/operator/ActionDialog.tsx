import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "../../lib/form.ts";
import { formatDate } from "../../lib/format.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { formatCount } from "../licensing/format.ts";
import { TERM_KEYS } from "../licensing/labels.ts";
import { TextAreaField } from "../members/TextAreaField.tsx";
import { type ActionField, type ActionKind, actionBody, actionValues, checkAction, REASON_MAX } from "./action-form.ts";
import { type OperatorSubscriptionView, operatorApi } from "./api.ts";
import { termsFor } from "./issue-form.ts";

const TITLES: Record<ActionKind, string> = {
  renew: "operator.actions.renew",
  extend: "operator.actions.extend",
  set_licenses: "operator.actions.setLicenses",
  suspend: "operator.actions.suspend",
  reinstate: "operator.actions.reinstate",
  cancel: "operator.actions.cancel",
};
const BODIES: Record<ActionKind, string> = {
  renew: "operator.actions.renewBody",
  extend: "operator.actions.extendBody",
  set_licenses: "operator.actions.setLicensesBody",
  suspend: "operator.actions.suspendBody",
  reinstate: "operator.actions.reinstateBody",
  cancel: "operator.actions.cancelBody",
};
const DONE: Record<ActionKind, string> = {
  renew: "operator.actions.done.renew",
  extend: "operator.actions.done.extend",
  set_licenses: "operator.actions.done.set_licenses",
  suspend: "operator.actions.done.suspend",
  reinstate: "operator.actions.done.reinstate",
  cancel: "operator.actions.done.cancel",
};

type Props = {
  action: ActionKind | null;
  view: OperatorSubscriptionView;
  onClose: () => void;
  onDone: (view: OperatorSubscriptionView, message: string) => void;
};

/** One confirm dialog for every subscription action, with the one field that action needs. */
export function ActionDialog({ action, view, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<ActionField>();
  const { setErrors, setAlert } = form;
  const [values, setValues] = useState(() => actionValues(view));
  const open = action !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when a dialog opens, not on every view change.
  useEffect(() => {
    if (!open) return;
    setValues(actionValues(view));
    setErrors({});
    setAlert(null);
  }, [open, action]);

  const onSubmit = form.onSubmit({
    validate: () => (action ? checkAction(action, values, view) : {}),
    action: async () => {
      if (!action) return;
      const updated = await operatorApi.act(view.id, actionBody(action, values));
      onDone(updated, t(DONE[action], { name: updated.displayName }));
    },
    onError: (error) => {
      if (error.code !== "LICENSES_BELOW_RESERVED") return false;
      setErrors({ licenses: (tt) => tt("errors.LICENSES_BELOW_RESERVED") });
      form.focusFirstInvalid();
      return true;
    },
  });

  const close = () => {
    if (!form.busy) onClose();
  };
  const danger = action === "cancel" || action === "suspend";
  const set =
    <K extends keyof typeof values>(field: K) =>
    (value: (typeof values)[K]) =>
      setValues({ ...values, [field]: value });

  return (
    <Dialog
      open={open}
      title={action ? t(TITLES[action]) : ""}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy} variant={danger ? "danger" : "primary"}>
            {action ? t(TITLES[action]) : ""}
          </Button>
        </>
      }
    >
      {action && (
        <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={form.alert} />
          <p>
            {t(BODIES[action], {
              name: view.displayName,
              date: view.expiresAt ? formatDate(view.expiresAt) : t("licensing.noExpiry"),
              number: formatCount(view.reservedInAdditionalKeys),
            })}
          </p>
          {action === "renew" && (
            <SelectField
              label={t("operator.issue.term")}
              value={values.term}
              options={termsFor(view.contract.salesChannel).map((term) => ({ value: term, label: t(TERM_KEYS[term]) }))}
              onChange={(value) => set("term")(termsFor(view.contract.salesChannel).find((term) => term === value) ?? "1y")}
              error={form.errors.term}
            />
          )}
          {action === "extend" && (
            <TextField
              label={t("operator.actions.newExpiry")}
              type="date"
              value={values.date}
              onChange={set("date")}
              error={form.errors.date}
              required
            />
          )}
          {action === "set_licenses" && (
            <TextField
              label={t("operator.issue.licenses")}
              hint={t("operator.actions.reservedHint", { number: formatCount(view.reservedInAdditionalKeys) })}
              type="number"
              inputMode="numeric"
              min={Math.max(1, view.reservedInAdditionalKeys)}
              value={values.licenses}
              onChange={set("licenses")}
              error={form.errors.licenses}
              inputClassName="input-number"
              required
            />
          )}
          {(action === "suspend" || action === "cancel") && (
            <TextAreaField
              label={t("operator.actions.reason")}
              hint={t("operator.actions.reasonHint")}
              value={values.reason}
              onChange={set("reason")}
              error={form.errors.reason}
              maxLength={REASON_MAX}
            />
          )}
        </form>
      )}
    </Dialog>
  );
}
