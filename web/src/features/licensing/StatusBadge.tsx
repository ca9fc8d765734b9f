import { useTranslation } from "react-i18next";
import type { SubscriptionStatus } from "./api.ts";
import { STATUS_BADGES, STATUS_KEYS } from "./labels.ts";

/** Active, Expiring soon, Grace period, Expired or Suspended, as a coloured badge with its word. */
export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return <span className={`${STATUS_BADGES[status]} status-badge`}>{t(STATUS_KEYS[status])}</span>;
}
