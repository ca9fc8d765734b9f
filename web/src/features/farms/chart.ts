import type { UsageRange, UsageSeries } from "../../../../contracts/farms.ts";

/**
 * The arithmetic behind the usage chart (UsageChart.tsx), kept pure so it can be
 * tested: scales, the step lines for users and the limit, the shaded overuse bands,
 * the axis ticks and the one-sentence summary.
 */
export const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

export type Box = { width: number; height: number; top: number; right: number; bottom: number; left: number };

export function chartBox(width: number, height = 240): Box {
  return { width: Math.max(240, Math.round(width)), height, top: 12, right: 12, bottom: 28, left: 44 };
}

/** An integer step of 1, 2 or 5 × 10ⁿ that splits 0…max into about `count` parts. */
export function niceStep(max: number, count: number): number {
  const raw = Math.max(max, 1) / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  return Math.max(1, factor * power);
}

/** The value axis: from 0 to a round number at or above `max` (at least 1), with its ticks. */
export function valueAxis(max: number, count = 4): { max: number; ticks: number[] } {
  const step = niceStep(max, count);
  const top = Math.max(step, Math.ceil(Math.max(max, 1) / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { max: top, ticks };
}

export type Scale = (value: number) => number;

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

export type Bucket = { start: number; end: number; users: number; limit: number };

/** The points as time spans of one bucket each, in time order, clipped to [from, to]. */
export function toBuckets(series: Pick<UsageSeries, "points" | "bucket" | "from" | "to">): Bucket[] {
  const size = BUCKET_MS[series.bucket];
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  return series.points
    .map((point) => {
      const start = Date.parse(point.at);
      return { start: Math.max(start, from), end: Math.min(start + size, to), users: point.maxUsers, limit: point.limit };
    })
    .filter((bucket) => bucket.end > bucket.start)
    .sort((a, b) => a.start - b.start);
}

/** Buckets that follow each other without a gap, so a missing report breaks the line rather than bridging it. */
export function contiguousRuns(buckets: readonly Bucket[]): Bucket[][] {
  const runs: Bucket[][] = [];
  let run: Bucket[] = [];
  for (const bucket of buckets) {
    const last = run[run.length - 1];
    if (last && bucket.start > last.end) {
      runs.push(run);
      run = [];
    }
    run.push(bucket);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A step line through each bucket's value: flat across the bucket, a vertical step to the next. */
export function stepLine(run: readonly Bucket[], value: (bucket: Bucket) => number, x: Scale, y: Scale): string {
  return run
    .map((bucket, index) => {
      const level = round(y(value(bucket)));
      return `${index === 0 ? "M" : "L"}${round(x(bucket.start))},${level}H${round(x(bucket.end))}`;
    })
    .join("");
}

/** The same step line closed down to the baseline, for the filled users area. */
export function stepArea(
  run: readonly Bucket[],
  value: (bucket: Bucket) => number,
  x: Scale,
  y: Scale,
  baseline: number,
): string {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return "";
  const line = stepLine(run, value, x, y).replace(/^M/, "L");
  return `M${round(x(first.start))},${round(baseline)}${line}L${round(x(last.end))},${round(baseline)}Z`;
}

/**
 * The limit as one unbroken step line across the chart: each bucket's own limit; a gap
 * without reports keeps the limit before it; before the first report, the first
 * report's limit; after the last one, the limit now. No reports and no known limit: nothing.
 */
export function limitSteps(buckets: readonly Bucket[], from: number, to: number, limitNow: number): Bucket[] {
  const first = buckets[0];
  if (!first) return limitNow > 0 ? [{ start: from, end: to, users: 0, limit: limitNow }] : [];
  const steps: Bucket[] = [];
  let cursor = from;
  let carried = first.limit;
  for (const bucket of buckets) {
    if (bucket.start > cursor) steps.push({ start: cursor, end: bucket.start, users: 0, limit: carried });
    steps.push(bucket);
    cursor = bucket.end;
    carried = bucket.limit;
  }
  if (cursor < to) steps.push({ start: cursor, end: to, users: 0, limit: limitNow > 0 ? limitNow : carried });
  return steps;
}

export type Band = { start: number; end: number };

/**
 * The stretches to shade as over the limit: the series' overuse periods (an open one
 * runs to the end of the chart), or, when it has none (a farm's own chart), the runs
 * of buckets whose users are above their limit. Clipped to [from, to]; overlaps merged.
 */
export function overuseBands(series: Pick<UsageSeries, "points" | "bucket" | "from" | "to" | "overuse">): Band[] {
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const raw: Band[] =
    series.overuse.length > 0
      ? series.overuse.map((period) => ({
          start: Date.parse(period.startedAt),
          end: period.endedAt === null ? to : Date.parse(period.endedAt),
        }))
      : contiguousRuns(toBuckets(series).filter((bucket) => bucket.users > bucket.limit)).map((run) => ({
          start: run[0]?.start ?? from,
          end: run[run.length - 1]?.end ?? from,
        }));
  const clipped = raw
    .map((band) => ({ start: Math.max(band.start, from), end: Math.min(band.end, to) }))
    .filter((band) => band.end > band.start)
    .sort((a, b) => a.start - b.start);
  const merged: Band[] = [];
  for (const band of clipped) {
    const last = merged[merged.length - 1];
    if (last && band.start <= last.end) last.end = Math.max(last.end, band.end);
    else merged.push({ ...band });
  }
  return merged;
}

const HOUR = BUCKET_MS.hour;
const DAY = BUCKET_MS.day;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/**
 * Where the time axis gets a label: every 3 hours (24 hours), every 7 days counted
 * back from the last day (30 days), the first of each month (12 months); thinned to
 * at most `maxTicks` so labels do not collide on a narrow screen.
 */
export function timeTicks(range: UsageRange, from: number, to: number, maxTicks: number): number[] {
  const candidates: number[] = [];
  if (range === "24h") {
    for (let at = Math.ceil(from / (3 * HOUR)) * 3 * HOUR; at <= to; at += 3 * HOUR) candidates.push(at);
  } else if (range === "30d") {
    for (let at = startOfUtcDay(to); at >= from; at -= 7 * DAY) candidates.unshift(at);
  } else {
    const start = new Date(from);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth();
    for (;;) {
      const at = Date.UTC(year, month, 1);
      if (at > to) break;
      if (at >= from) candidates.push(at);
      month += 1;
      if (month === 12) {
        month = 0;
        year += 1;
      }
    }
  }
  const every = Math.max(1, Math.ceil(candidates.length / Math.max(1, maxTicks)));
  // Thin from the end, so the most recent label always stays.
  return candidates.filter((_, index) => (candidates.length - 1 - index) % every === 0);
}

export type UsageSummary = {
  /** Any bucket reported at all. */
  hasData: boolean;
  peak: number;
  /** The start of the first bucket with the peak, or null without data. */
  peakAt: number | null;
  /** The key's licensed limit now (the series' `limit`). */
  limit: number;
  /** Stretches shaded as over the limit. */
  periods: number;
};

export function summarize(series: UsageSeries): UsageSummary {
  const buckets = toBuckets(series);
  let peak = 0;
  let peakAt: number | null = null;
  for (const bucket of buckets) {
    if (peakAt === null || bucket.users > peak) {
      peak = bucket.users;
      peakAt = bucket.start;
    }
  }
  return { hasData: buckets.length > 0, peak, peakAt, limit: series.limit, periods: overuseBands(series).length };
}

/** Everything UsageChart draws, in SVG user units for a chart `width` wide. */
export function chartLayout(series: UsageSeries, width: number) {
  const box = chartBox(width);
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const buckets = toBuckets(series);
  const highest = Math.max(series.limit, ...buckets.map((bucket) => Math.max(bucket.users, bucket.limit)));
  const axis = valueAxis(highest);
  const left = box.left;
  const right = box.width - box.right;
  const top = box.top;
  const bottom = box.height - box.bottom;
  const x = linearScale(from, to, left, right);
  const y = linearScale(0, axis.max, bottom, top);
  const runs = contiguousRuns(buckets);
  const limitRun = limitSteps(buckets, from, to, series.limit);
  return {
    box,
    plot: { left, right, top, bottom },
    valueTicks: axis.ticks.map((value) => ({ value, y: round(y(value)) })),
    timeTicks: timeTicks(series.range, from, to, Math.floor((right - left) / 72)).map((at) => ({ at, x: round(x(at)) })),
    usageAreas: runs.map((run) => stepArea(run, (bucket) => bucket.users, x, y, bottom)),
    usageLines: runs.map((run) => stepLine(run, (bucket) => bucket.users, x, y)),
    limitLines: limitRun.length > 0 ? [stepLine(limitRun, (bucket) => bucket.limit, x, y)] : [],
    bands: overuseBands(series).map((band) => ({ x: round(x(band.start)), width: round(x(band.end) - x(band.start)) })),
    hoverRects: buckets.map((bucket) => ({
      bucket,
      x: round(x(bucket.start)),
      width: Math.max(1, round(x(bucket.end) - x(bucket.start))),
    })),
  };
}
