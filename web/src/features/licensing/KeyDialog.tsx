import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Message, useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { type LicenseKeyView, licensingApi, type SubscriptionDetails } from "./api.ts";
import { FullKey } from "./CopyButton.tsx";
import { KeyAdministratorsTab } from "./KeyAdministratorsTab.tsx";
import { KeyCreated } from "./KeyCreated.tsx";
import { KeyGeneralFields } from "./KeyGeneralFields.tsx";
import { checkKeyForm, type KeyField, keyBody, keyFieldForServerError, keyFormValues, primaryKeyBody } from "./key-form.ts";
import { Tabs } from "./Tabs.tsx";
import { useRegularMembers } from "./useRegularMembers.ts";

type Tab = "general" | "admins";

type Props = {
  open: boolean;
  accountId: string;
  subscription: SubscriptionDetails;
  /** The key the gear was pressed for; null for Create License Key. */
  keyView: LicenseKeyView | null;
  /** Account Administrators assign License Administrators. */
  canAssign: boolean;
  onClose: () => void;
  /** Something changed on the server (a key was created, the pool moved): reload the details. */
  onChanged: () => void;
  /** Saved an existing key: close and announce. */
  onSaved: (name: string) => void;
};

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((id) => b.has(id));
const SERVER_FIELD_CODES: Record<string, string> = {
  POOL_EXHAUSTED: "errors.POOL_EXHAUSTED",
  KEY_EXPIRY_AFTER_SUBSCRIPTION: "errors.KEY_EXPIRY_AFTER_SUBSCRIPTION",
};

/** Create License Key, or the gear on a key: tabs General and License Administrators, then Save. */
export function KeyDialog({ open, accountId, subscription, keyView, canAssign, onClose, onChanged, onSaved }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<KeyField>();
  const { setErrors, setAlert } = form;
  const [tab, setTab] = useState<Tab>("general");
  const [values, setValues] = useState(() => keyFormValues(keyView));
  const initialAdmins = new Set(keyView?.administrators.map((a) => a.userId) ?? []);
  const [selected, setSelected] = useState<Set<string>>(initialAdmins);
  const [fullKey, setFullKey] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: LicenseKeyView; adminError: unknown } | null>(null);
  const members = useRegularMembers(accountId, open && canAssign);
  const kind = keyView?.kind ?? "additional";
  const available = subscription.licenses.availableInMainPool + (keyView?.kind === "additional" ? keyView.licenses : 0);

  // Each opening starts from the key as saved, on the General tab.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens or the key changes.
  useEffect(() => {
    if (!open) return;
    setTab("general");
    setValues(keyFormValues(keyView));
    setSelected(new Set(keyView?.administrators.map((a) => a.userId) ?? []));
    setCreated(null);
    setErrors({});
    setAlert(null);
    setFullKey(keyView && !keyView.isMasked ? keyView.key : null);
    if (!keyView?.canManage) return;
    const controller = new AbortController();
    licensingApi
      .key(accountId, subscription.id, keyView.id, controller.signal)
      .then((view) => setFullKey(view.isMasked ? null : view.key))
      .catch(() => undefined);
    return () => controller.abort();
  }, [open, keyView?.id]);

  const onSubmit = form.onSubmit({
    validate: () => {
      const errors = checkKeyForm(values, { kind, available, subscriptionExpiresAt: subscription.expiresAt });
      if (Object.values(errors).some(Boolean)) setTab("general");
      return errors;
    },
    action: async () => {
      const body = keyBody(values, subscription.expiresAt);
      if (!keyView) {
        const view = await licensingApi.createKey(accountId, subscription.id, body);
        let adminError: unknown = null;
        let final = view;
        if (canAssign && selected.size > 0) {
          try {
            final = await licensingApi.setAdministrators(accountId, subscription.id, view.id, [...selected]);
          } catch (error) {
            adminError = error;
          }
        }
        setCreated({ key: final, adminError });
        onChanged();
        return;
      }
      const generalChanged = JSON.stringify(values) !== JSON.stringify(keyFormValues(keyView));
      const adminsChanged = canAssign && !sameSet(selected, initialAdmins);
      if (!generalChanged && !adminsChanged) {
        setAlert((tt) => tt("licensing.keyDialog.nothingChanged"));
        return;
      }
      if (generalChanged) {
        await licensingApi.updateKey(accountId, subscription.id, keyView.id, kind === "primary" ? primaryKeyBody(values) : body);
      }
      if (adminsChanged) await licensingApi.setAdministrators(accountId, subscription.id, keyView.id, [...selected]);
      onSaved(values.name.trim());
    },
    onError: (error) => {
      onChanged();
      if (error.code === "NOT_A_REGULAR_MEMBER") {
        setTab("admins");
        return false;
      }
      const field = keyFieldForServerError(error.code, error.fieldErrors[0]?.field ?? null);
      const message = SERVER_FIELD_CODES[error.code];
      if (!field || !message) {
        if (error.fieldErrors.length > 0) setTab("general");
        return false;
      }
      setTab("general");
      const fieldErrors: Partial<Record<KeyField, Message>> = {};
      fieldErrors[field] = (tt) => tt(message);
      setErrors(fieldErrors);
      setAlert((tt) => tt("form.fixErrors"));
      form.focusFirstInvalid();
      return true;
    },
  });

  const title = keyView ? t("licensing.keyDialog.editTitle", { name: keyView.name }) : t("licensing.keyDialog.createTitle");
  const close = () => {
    if (!form.busy) onClose();
  };

  if (created) {
    return (
      <Dialog
        open={open}
        title={title}
        onClose={onClose}
        wide
        footer={<Button onClick={onClose}>{t("licensing.keyDialog.done")}</Button>}
      >
        <KeyCreated keyView={created.key} adminError={created.adminError} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      wide
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
        {keyView && (
          <div className="field">
            <span className="field-label">{t("licensing.keyDialog.key")}</span>
            {fullKey ? <FullKey value={fullKey} /> : <code className="key-text">{keyView.key}</code>}
          </div>
        )}
        <Tabs<Tab>
          label={t("licensing.keyDialog.tabsLabel")}
          selected={tab}
          onSelect={setTab}
          tabs={[
            {
              id: "general",
              label: t("licensing.keyDialog.general"),
              panel: (
                <KeyGeneralFields
                  values={values}
                  onChange={setValues}
                  errors={form.errors}
                  kind={kind}
                  available={available}
                  primaryLicenses={keyView?.kind === "primary" ? keyView.licenses : 0}
                  subscription={subscription}
                />
              ),
            },
            {
              id: "admins",
              label: t("licensing.keyDialog.administrators"),
              panel: (
                <KeyAdministratorsTab
                  canAssign={canAssign}
                  members={members}
                  current={keyView?.administrators ?? []}
                  selected={selected}
                  onToggle={(userId, checked) =>
                    setSelected((current) => {
                      const next = new Set(current);
                      if (checked) next.add(userId);
                      else next.delete(userId);
                      return next;
                    })
                  }
                />
              ),
            },
          ]}
        />
      </form>
    </Dialog>
  );
}
