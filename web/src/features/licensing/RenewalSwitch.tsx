import { useState } from "react";
import { useTranslation } from "react-i18next";
import { messageFor } from "../../lib/errors.ts";
import { Alert } from "../../ui/Alert.tsx";
import { licensingApi, type SubscriptionDetails } from "./api.ts";

type Props = {
  accountId: string;
  details: SubscriptionDetails;
  onChanged: (details: SubscriptionDetails, message: string) => void;
};

/** Renewal on/off: a switch for Account Administrators, plain words for everyone else. */
export function RenewalSwitch({ accountId, details, onChanged }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const on = details.renewalEnabled;

  if (!details.canManageSubscription) return <>{on ? t("licensing.details.renewalOn") : t("licensing.details.renewalOff")}</>;

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const updated = await licensingApi.updateSubscription(accountId, details.id, { renewalEnabled: !on });
      onChanged(
        updated,
        updated.renewalEnabled ? t("licensing.details.renewalTurnedOn") : t("licensing.details.renewalTurnedOff"),
      );
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="renewal">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-busy={busy || undefined}
        disabled={busy}
        className="switch"
        onClick={() => void toggle()}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {/* The switch is named "Renewal"; screen readers say on/off from aria-checked. */}
        <span aria-hidden="true">{on ? t("licensing.details.renewalOn") : t("licensing.details.renewalOff")}</span>
        <span className="sr-only">{t("licensing.details.renewal")}</span>
      </button>
      {error ? <Alert>{messageFor(t, error)}</Alert> : null}
    </div>
  );
}
