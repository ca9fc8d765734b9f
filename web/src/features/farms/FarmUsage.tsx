import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type FarmView, farmsApi, type UsageRange } from "./api.ts";
import { useUsageSeries } from "./hooks.ts";
import { UsageChart } from "./UsageChart.tsx";

const FARM_RANGES: readonly UsageRange[] = ["30d", "12m"];

/** The farm dialog's Usage tab: the farm's daily peak users, 30 days or 12 months. Loads when the tab is shown. */
export function FarmUsage({ accountId, farm, active }: { accountId: string; farm: FarmView; active: boolean }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<UsageRange>("30d");
  const usage = useUsageSeries(
    (chosen, signal) => farmsApi.farmUsage(accountId, farm.id, chosen, signal),
    range,
    `${accountId}/${farm.id}`,
    active,
  );
  return (
    <UsageChart
      title={t("farms.dialog.usageHeading")}
      headingLevel={3}
      ranges={FARM_RANGES}
      range={range}
      onRange={setRange}
      state={usage.state}
      onRetry={usage.retry}
    />
  );
}
