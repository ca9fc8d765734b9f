import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { checkKey, type KeyCheck } from "../../../../contracts/license-key-format.ts";
import { useForm } from "../../lib/form.ts";
import { FormAlert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { licensingApi, type SubscriptionDetails } from "./api.ts";

type Props = {
  accountId: string;
  open: boolean;
  onClose: () => void;
  onRegistered: (subscription: SubscriptionDetails) => void;
};

const TYPO_KEYS: Record<Extract<KeyCheck, { ok: false }>["reason"], string> = {
  length: "licensing.register.errors.length",
  characters: "licensing.register.errors.characters",
  check: "licensing.register.errors.check",
};

/** Server answers about the key itself: shown under the field, not as a page alert. */
const KEY_CODES: Record<string, string> = {
  KEY_FORMAT_INVALID: "errors.KEY_FORMAT_INVALID",
  KEY_NOT_FOUND: "errors.KEY_NOT_FOUND",
  KEY_ALREADY_REGISTERED: "errors.KEY_ALREADY_REGISTERED",
};

/**
 * Register a subscription: the key is checked here first (length, alphabet, check
 * character), so a typo never costs a request against the rate limit.
 */
export function RegisterSubscriptionDialog({ accountId, open, onClose, onRegistered }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const form = useForm<"key">();
  const { setErrors, setAlert } = form;
  const [typed, setTyped] = useState("");

  useEffect(() => {
    if (!open) return;
    setTyped("");
    setErrors({});
    setAlert(null);
  }, [open, setErrors, setAlert]);

  const onSubmit = form.onSubmit({
    validate: () => {
      const result = checkKey(typed);
      return {
        key: typed.trim() === "" ? "licensing.register.errors.required" : result.ok ? undefined : TYPO_KEYS[result.reason],
      };
    },
    action: async () => {
      const result = checkKey(typed);
      if (!result.ok) return;
      onRegistered(await licensingApi.register(accountId, result.key));
    },
    onError: (error) => {
      const key = KEY_CODES[error.code];
      if (!key) return false;
      setErrors({ key: (tt) => tt(key) });
      form.focusFirstInvalid();
      return true;
    },
  });

  return (
    <Dialog
      open={open}
      title={t("licensing.register.title")}
      onClose={() => {
        if (!form.busy) onClose();
      }}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={form.busy}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} busy={form.busy}>
            {t("licensing.register.submit")}
          </Button>
        </>
      }
    >
      <form id={formId} ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <p className="muted">{t("licensing.register.intro")}</p>
        <FormAlert message={form.alert} />
        <TextField
          label={t("licensing.register.key")}
          hint={t("licensing.register.keyHint")}
          value={typed}
          onChange={setTyped}
          error={form.errors.key}
          inputClassName="input-key"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          required
        />
      </form>
    </Dialog>
  );
}
