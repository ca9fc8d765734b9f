import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../locales/en.json" with { type: "json" };
import type { FarmView, UsageSeries } from "./api.ts";
import { visibleColumns } from "./columns.ts";
import { FarmsTable } from "./FarmsTable.tsx";
import { UsageChart } from "./UsageChart.tsx";

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: "en",
    interpolation: { escapeValue: false },
  });
});

const farm: FarmView = {
  id: "f1",
  name: "Berlin",
  status: "active",
  licenseState: "overuse_grace",
  licenseDaysLeft: 3,
  farmUid: "FARM-1",
  serverId: "SRV-1",
  appVersion: "19.4.1",
  activatedAt: "2026-11-01T08:00:00.000Z",
  lastReportAt: null,
  currentUsers: 3,
  peakUsers: 8,
  subscriptionId: "s1",
  subscriptionName: "RAS",
  keyId: "k1",
  keyName: "Primary Key",
  maskedKey: "******-******-******-******-7KQ2MX",
  notes: "",
  deactivatedAt: null,
};

const T0 = Date.UTC(2026, 10, 25);
const hour = (i: number) => new Date(T0 + i * 3_600_000).toISOString();
const series: UsageSeries = {
  range: "24h",
  bucket: "hour",
  from: hour(0),
  to: hour(24),
  limit: 6,
  points: [4, 6, 8].map((maxUsers, i) => ({ at: hour(i), maxUsers, limit: 6 })),
  overuse: [{ startedAt: hour(2), endedAt: null, peakUsers: 8, limit: 6 }],
};

describe("farm components (static render)", () => {
  it("the usage chart is an image named by its summary, with a legend and a table toggle", () => {
    const html = renderToStaticMarkup(
      createElement(UsageChart, {
        title: "Usage: Primary Key",
        ranges: ["24h", "30d", "12m"],
        range: "24h",
        onRange: () => undefined,
        state: { status: "ready", series },
        onRetry: () => undefined,
      }),
    );
    const summary = "Last 24 hours: peak concurrent users 8, limit 6. Periods over the limit: 1.";
    expect(html).toContain(`role="img" aria-label="${summary}"`);
    expect(html).toContain('class="chart-overuse"');
    expect(html).toContain('aria-pressed="true">24 hours</button>');
    expect(html).toMatch(/aria-expanded="false"[^>]*>.*Show as table/);
  });

  it("the table labels every checkbox and shows the license state beside the status", () => {
    const html = renderToStaticMarkup(
      createElement(FarmsTable, {
        farms: [farm],
        columns: visibleColumns(new Set(["notes"])),
        selected: new Set<string>(),
        onSelect: () => undefined,
        onSelectAll: () => undefined,
        onOpen: () => undefined,
        onRename: null,
        busy: false,
      }),
    );
    expect(html).toContain('aria-label="Select all farms shown"');
    expect(html).toContain('aria-label="Select Berlin"');
    expect(html).toContain(">Overuse – grace period (3 days left)<");
    expect(html).not.toContain(">Notes<");
    expect(html).not.toContain("Rename Berlin");
  });
});
