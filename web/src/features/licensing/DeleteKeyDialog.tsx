import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { type LicenseKeyView, licensingApi } from "./api.ts";
import { formatCount } from "./format.ts";

type Props = {
  open: boolean;
  accountId: string;
  subscriptionId: string;
  keyView: LicenseKeyView | null;
  onClose: () => void;
  onDeleted: (key: LicenseKeyView) => void;
};

/** Confirms deleting an additional key; its licenses go back to the main pool. */
export function DeleteKeyDialog({ open, accountId, subscriptionId, keyView, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  async function remove() {
    if (!keyView) return;
    setBusy(true);
    setError(null);
    try {
      await licensingApi.deleteKey(accountId, subscriptionId, keyView.id);
      onDeleted(keyView);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    if (!busy) onClose();
  };
  return (
    <Dialog
      open={open}
      title={t("licensing.deleteKey.title", { name: keyView?.name ?? "" })}
      onClose={close}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={busy}>
            {t("common.cancel")}
          </Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            {t("licensing.deleteKey.confirm")}
          </Button>
        </>
      }
    >
      <div className="stack">
        {error ? <Alert>{messageFor(t, error)}</Alert> : null}
        <p>{t("licensing.deleteKey.body", { name: keyView?.name ?? "", number: formatCount(keyView?.licenses ?? 0) })}</p>
        {keyView && keyView.administrators.length > 0 && <p className="muted">{t("licensing.deleteKey.administrators")}</p>}
      </div>
    </Dialog>
  );
}
