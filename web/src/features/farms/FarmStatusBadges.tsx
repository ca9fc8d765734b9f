import { useTranslation } from "react-i18next";
import type { FarmView } from "./api.ts";
import { formatDays } from "./format.ts";
import {
  FARM_STATUS_BADGES,
  FARM_STATUS_KEYS,
  LICENSE_STATE_BADGES,
  LICENSE_STATE_KEYS,
  licenseStateNeedsBadge,
} from "./labels.ts";

type Props = {
  farm: Pick<FarmView, "status" | "licenseState">;
  /** Days left in a grace period, when the server says (FarmLicense.daysLeft). */
  daysLeft?: number | null;
};

/** Current Status: Active or Deactivated, and what the license said at the last report when that is not plain "active". */
export function FarmStatusBadges({ farm, daysLeft = null }: Props) {
  const { t } = useTranslation();
  const state = farm.licenseState;
  return (
    <span className="farm-status">
      <span className={`${FARM_STATUS_BADGES[farm.status]} status-badge`}>{t(FARM_STATUS_KEYS[farm.status])}</span>
      {licenseStateNeedsBadge(state) && (
        <span className={`${LICENSE_STATE_BADGES[state]} status-badge`}>
          {daysLeft !== null && daysLeft > 0
            ? t("farms.licenseState.withDaysLeft", { state: t(LICENSE_STATE_KEYS[state]), days: formatDays(daysLeft) })
            : t(LICENSE_STATE_KEYS[state])}
        </span>
      )}
    </span>
  );
}
