import { useState } from "react";
import { useTranslation } from "react-i18next";
import { farmsApi, type UsageRange } from "./api.ts";
import { useUsageSeries } from "./hooks.ts";
import { UsageChart } from "./UsageChart.tsx";

const KEY_RANGES: readonly UsageRange[] = ["24h", "30d", "12m"];

type Props = { accountId: string; keyId: string; keyName: string; headingLevel?: 2 | 3 };

/** A license key's concurrent users (all its farms together) against its limit: 24 hours, 30 days or 12 months. */
export function KeyUsage({ accountId, keyId, keyName, headingLevel = 2 }: Props) {
  const { t } = useTranslation();
  const [range, setRange] = useState<UsageRange>("24h");
  const usage = useUsageSeries(
    (chosen, signal) => farmsApi.keyUsage(accountId, keyId, chosen, signal),
    range,
    `${accountId}/${keyId}`,
  );
  return (
    <UsageChart
      title={t("farms.usage.keyHeading", { name: keyName })}
      headingLevel={headingLevel}
      ranges={KEY_RANGES}
      range={range}
      onRange={setRange}
      state={usage.state}
      onRetry={usage.retry}
    />
  );
}
