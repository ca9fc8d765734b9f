import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { FarmView } from "./api.ts";
import { buildCsv, CSV_BOM } from "./csv.ts";
import { farmCsvColumns } from "./farm-csv.ts";

const t = ((key: string) => key.split(".").pop() ?? key) as unknown as TFunction;

const farm: FarmView = {
  id: "f1",
  name: "=Berlin, main",
  status: "active",
  licenseState: "overuse_grace",
  licenseDaysLeft: 3,
  farmUid: "FARM-1",
  serverId: "SRV-1",
  appVersion: "19.4.1",
  activatedAt: "2026-11-01T08:00:00.000Z",
  lastReportAt: null,
  currentUsers: 12,
  peakUsers: 42,
  subscriptionId: "s1",
  subscriptionName: "RAS (50 users)",
  keyId: "k1",
  keyName: "Berlin office",
  maskedKey: "****-****-****-****-7KQ2MX",
  notes: 'Rack 4\n"spare"',
  deactivatedAt: null,
};

describe("farm CSV", () => {
  it("has a column per table column plus the license state, key name and subscription", () => {
    const csv = buildCsv([farm], farmCsvColumns(t)).slice(CSV_BOM.length);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe(
      "name,status,licenseState,farmId,serverId,appVersion,activatedAt,lastReportAt,peakUsage,currentUsers,activationKey,keyName,subscription,deactivatedAt,notes",
    );
    expect(row).toBe(
      `"'=Berlin, main",active,overuse_grace,FARM-1,SRV-1,19.4.1,2026-11-01T08:00:00.000Z,,42,12,****-****-****-****-7KQ2MX,Berlin office,RAS (50 users),,"Rack 4\n""spare"""`,
    );
  });
});
