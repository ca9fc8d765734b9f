import { describe, expect, it } from "vitest";
import type { UsageSeries } from "../../../../contracts/farms.ts";
import {
  chartLayout,
  contiguousRuns,
  limitSteps,
  linearScale,
  niceStep,
  overuseBands,
  stepArea,
  stepLine,
  summarize,
  timeTicks,
  toBuckets,
  valueAxis,
} from "./chart.ts";

const H = 3_600_000;
const D = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);

/** A 24-hour series: hour buckets with the given users (null = no report that hour). */
function hourly(users: Array<number | null>, limit = 40, overuse: UsageSeries["overuse"] = []): UsageSeries {
  return {
    range: "24h",
    bucket: "hour",
    from: iso(T0),
    to: iso(T0 + 24 * H),
    limit,
    points: users.flatMap((value, index) => (value === null ? [] : [{ at: iso(T0 + index * H), maxUsers: value, limit }])),
    overuse,
  };
}

describe("value axis", () => {
  it("picks steps of 1, 2 or 5 × 10ⁿ, never below 1", () => {
    expect(niceStep(42, 4)).toBe(10);
    expect(niceStep(40, 4)).toBe(10);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(1000, 4)).toBe(200);
    expect(niceStep(3, 4)).toBe(1);
    expect(niceStep(0, 4)).toBe(1);
  });

  it("runs from 0 to a round number at or above the highest value", () => {
    expect(valueAxis(42)).toEqual({ max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(valueAxis(40)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(valueAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it("maps linearly, and a zero-width domain to its start", () => {
    const y = linearScale(0, 50, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(0);
    expect(y(25)).toBe(100);
    expect(linearScale(5, 5, 10, 20)(5)).toBe(10);
  });
});

describe("step lines", () => {
  const x = linearScale(T0, T0 + 4 * H, 0, 400);
  const y = linearScale(0, 10, 100, 0);

  it("clips buckets to the chart and breaks runs at missing reports", () => {
    const buckets = toBuckets(hourly([1, 2, null, 4]));
    expect(buckets.map((b) => [b.start - T0, b.end - T0, b.users])).toEqual([
      [0, H, 1],
      [H, 2 * H, 2],
      [3 * H, 4 * H, 4],
    ]);
    expect(contiguousRuns(buckets).map((run) => run.length)).toEqual([2, 1]);
    const early = { ...hourly([5]), points: [{ at: iso(T0 - H / 2), maxUsers: 5, limit: 40 }] };
    expect(toBuckets(early).map((b) => [b.start - T0, b.end - T0])).toEqual([[0, H / 2]]);
  });

  it("draws flat across each bucket with a vertical step between them", () => {
    const [run] = contiguousRuns(toBuckets(hourly([2, 5])));
    expect(stepLine(run ?? [], (b) => b.users, x, y)).toBe("M0,80H100L100,50H200");
    expect(stepArea(run ?? [], (b) => b.users, x, y, 100)).toBe("M0,100L0,80H100L100,50H200L200,100Z");
    expect(stepArea([], (b) => b.users, x, y, 100)).toBe("");
  });
});

describe("the limit line", () => {
  it("spans the whole chart: carried over gaps, the limit now after the last report", () => {
    const series = hourly([1, null, 2], 40);
    const buckets = toBuckets({ ...series, points: series.points.map((p, i) => ({ ...p, limit: i === 0 ? 30 : 40 })) });
    const steps = limitSteps(buckets, T0 - H, T0 + 24 * H, 50);
    expect(steps.map((b) => [(b.start - T0) / H, (b.end - T0) / H, b.limit])).toEqual([
      [-1, 0, 30],
      [0, 1, 30],
      [1, 2, 30],
      [2, 3, 40],
      [3, 24, 50],
    ]);
    expect(limitSteps([], T0, T0 + H, 7)).toEqual([{ start: T0, end: T0 + H, users: 0, limit: 7 }]);
    expect(limitSteps([], T0, T0 + H, 0)).toEqual([]);
  });
});

describe("overuse shading", () => {
  it("shades the series' overuse periods; an open one runs to the end; clipped and merged", () => {
    const series = hourly([50, 50, 30], 40, [
      { startedAt: iso(T0 - 5 * H), endedAt: iso(T0 + 2 * H), peakUsers: 50, limit: 40 },
      { startedAt: iso(T0 + H), endedAt: iso(T0 + 3 * H), peakUsers: 45, limit: 40 },
      { startedAt: iso(T0 + 20 * H), endedAt: null, peakUsers: 41, limit: 40 },
      { startedAt: iso(T0 - 9 * H), endedAt: iso(T0 - 8 * H), peakUsers: 41, limit: 40 },
    ]);
    expect(overuseBands(series).map((band) => [band.start - T0, band.end - T0])).toEqual([
      [0, 3 * H],
      [20 * H, 24 * H],
    ]);
  });

  it("without overuse periods (a farm's chart), shades runs of buckets above their limit", () => {
    const series = hourly([41, 45, 40, null, 60], 40);
    expect(overuseBands(series).map((band) => [band.start - T0, band.end - T0])).toEqual([
      [0, 2 * H],
      [4 * H, 5 * H],
    ]);
  });
});

describe("time ticks", () => {
  it("24 hours: every 3 hours, thinned from the end when space is short", () => {
    const from = T0 + 30 * 60_000;
    const to = from + 24 * H;
    const ticks = timeTicks("24h", from, to, 10);
    expect(ticks.length).toBe(8);
    expect(ticks.every((at) => at % (3 * H) === 0 && at >= from && at <= to)).toBe(true);
    const thin = timeTicks("24h", from, to, 3);
    expect(thin.length).toBeLessThanOrEqual(3);
    expect(thin[thin.length - 1]).toBe(ticks[ticks.length - 1]);
  });

  it("30 days: every 7 days back from the last day", () => {
    const to = Date.UTC(2026, 10, 26, 15);
    const ticks = timeTicks("30d", to - 30 * D, to, 10);
    expect(ticks.map((at) => new Date(at).toISOString().slice(0, 10))).toEqual([
      "2026-10-29",
      "2026-11-05",
      "2026-11-12",
      "2026-11-19",
      "2026-11-26",
    ]);
  });

  it("12 months: the first of each month", () => {
    const from = Date.UTC(2025, 10, 26);
    const to = Date.UTC(2026, 10, 26);
    const ticks = timeTicks("12m", from, to, 20);
    expect(ticks.map((at) => new Date(at).toISOString().slice(0, 7))).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(timeTicks("12m", from, to, 6).length).toBe(6);
  });
});

describe("summary and layout", () => {
  it("peak, limit and the periods over it", () => {
    const series = hourly([10, 42, 42, 30], 40, [
      { startedAt: iso(T0 + H), endedAt: iso(T0 + 3 * H), peakUsers: 42, limit: 40 },
      { startedAt: iso(T0 + 10 * H), endedAt: iso(T0 + 11 * H), peakUsers: 41, limit: 40 },
    ]);
    expect(summarize(series)).toEqual({ hasData: true, peak: 42, peakAt: T0 + H, limit: 40, periods: 2 });
    expect(summarize(hourly([]))).toEqual({ hasData: false, peak: 0, peakAt: null, limit: 40, periods: 0 });
  });

  it("lays out the plot inside the margins, the limit within the value axis", () => {
    const layout = chartLayout(hourly([10, 42, null, 30], 40), 600);
    expect(layout.box.width).toBe(600);
    expect(layout.valueTicks.map((tick) => tick.value)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(layout.usageAreas.length).toBe(2);
    expect(layout.limitLines.length).toBe(1);
    expect(layout.bands.length).toBe(1);
    for (const tick of layout.timeTicks) {
      expect(tick.x).toBeGreaterThanOrEqual(layout.plot.left);
      expect(tick.x).toBeLessThanOrEqual(layout.plot.right);
    }
    const bottom = layout.valueTicks[0];
    const top = layout.valueTicks[layout.valueTicks.length - 1];
    expect(bottom?.y).toBe(layout.plot.bottom);
    expect(top?.y).toBe(layout.plot.top);
  });

  it("draws the limit across the whole chart when nothing was reported", () => {
    const layout = chartLayout(hourly([], 25), 400);
    expect(layout.usageAreas).toEqual([]);
    expect(layout.limitLines.length).toBe(1);
    expect(layout.limitLines[0]).toMatch(new RegExp(`^M${layout.plot.left},[\\d.]+H${layout.plot.right}$`));
    expect(chartLayout(hourly([], 0), 400).limitLines).toEqual([]);
  });
});
