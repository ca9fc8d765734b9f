import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetails } from "../../../../contracts/accounts.ts";
import { navigate } from "../../app/router.tsx";
import { messageFor } from "../../lib/errors.ts";
import { setFlash } from "../../lib/flash.ts";
import { useMe } from "../../lib/session.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { Dialog } from "../../ui/Dialog.tsx";
import { accountsApi } from "./accounts-api.ts";
import { useAccounts } from "./accounts-store.tsx";
import { forgetLastAccount } from "./last-account.ts";
import { accountPath } from "./paths.ts";

type Props = { open: boolean; account: AccountDetails; onClose: () => void };

/**
 * Confirms Leave This Business Account. The server refuses the sole Account
 * Administrator (409 LAST_ADMIN); that message is shown here, in the dialog.
 */
export function LeaveAccountDialog({ open, account, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const { reload } = useAccounts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  async function leave() {
    setBusy(true);
    setError(null);
    try {
      await accountsApi.leave(account.id);
    } catch (cause) {
      setError(cause);
      setBusy(false);
      return;
    }
    forgetLastAccount(me.id, account.id);
    const accounts = await reload();
    const personal = accounts?.find((a) => a.kind === "personal");
    const name = account.name;
    setFlash((tt) => tt("business.left", { name }));
    navigate(personal ? accountPath(personal.id) : "/");
  }

  return (
    <Dialog
      open={open}
      title={t("business.leaveTitle", { name: account.name })}
      onClose={() => {
        if (!busy) onClose();
      }}
      footer={
        <>
          <Button variant="danger" busy={busy} onClick={() => void leave()}>
            {t("business.leaveConfirm")}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </Button>
        </>
      }
    >
      <div className="stack">
        {error ? <Alert>{messageFor(t, error)}</Alert> : null}
        <p>{t("business.leaveBody", { name: account.name })}</p>
      </div>
    </Dialog>
  );
}
