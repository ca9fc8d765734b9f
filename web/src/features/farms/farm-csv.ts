import type { TFunction } from "i18next";
import type { FarmView } from "./api.ts";
import { COLUMN_LABEL_KEYS } from "./columns.ts";
import type { CsvColumn } from "./csv.ts";
import { FARM_STATUS_KEYS, LICENSE_STATE_KEYS } from "./labels.ts";

/**
 * Save the List to a CSV file: every column of the table (hidden ones too), the
 * license state and the key's name in columns of their own, dates as ISO 8601 UTC so
 * a spreadsheet can sort them. Headers in the UI language.
 */
export function farmCsvColumns(t: TFunction): Array<CsvColumn<FarmView>> {
  return [
    { header: t(COLUMN_LABEL_KEYS.name), value: (farm) => farm.name },
    { header: t(COLUMN_LABEL_KEYS.status), value: (farm) => t(FARM_STATUS_KEYS[farm.status]) },
    { header: t("farms.csv.licenseState"), value: (farm) => t(LICENSE_STATE_KEYS[farm.licenseState]) },
    { header: t(COLUMN_LABEL_KEYS.farmId), value: (farm) => farm.farmUid },
    { header: t(COLUMN_LABEL_KEYS.serverId), value: (farm) => farm.serverId },
    { header: t(COLUMN_LABEL_KEYS.appVersion), value: (farm) => farm.appVersion },
    { header: t(COLUMN_LABEL_KEYS.activatedAt), value: (farm) => farm.activatedAt },
    { header: t(COLUMN_LABEL_KEYS.lastReportAt), value: (farm) => farm.lastReportAt },
    { header: t(COLUMN_LABEL_KEYS.peakUsage), value: (farm) => farm.peakUsers },
    { header: t("farms.csv.currentUsers"), value: (farm) => farm.currentUsers },
    { header: t(COLUMN_LABEL_KEYS.activationKey), value: (farm) => farm.maskedKey },
    { header: t("farms.csv.keyName"), value: (farm) => farm.keyName },
    { header: t("farms.csv.subscription"), value: (farm) => farm.subscriptionName },
    { header: t("farms.csv.deactivatedAt"), value: (farm) => farm.deactivatedAt },
    { header: t(COLUMN_LABEL_KEYS.notes), value: (farm) => farm.notes },
  ];
}
