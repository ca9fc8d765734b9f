import { useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format.ts";
import { Alert } from "../../ui/Alert.tsx";
import { Button } from "../../ui/Button.tsx";
import { formatCount } from "../licensing/format.ts";
import type { UsageRange, UsageSeries } from "./api.ts";
import { chartLayout, summarize, toBuckets } from "./chart.ts";
import { farmErrorMessage } from "./errors.ts";
import { formatBucket, formatBucketTick } from "./format.ts";
import { type UsageState, useElementWidth } from "./hooks.ts";
import { USAGE_RANGE_KEYS } from "./labels.ts";

type RangeSwitchProps = { ranges: readonly UsageRange[]; range: UsageRange; onRange: (range: UsageRange) => void };

/** 24 hours / 30 days / 12 months as a row of toggle buttons (the pressed one is shown). */
function RangeSwitch({ ranges, range, onRange }: RangeSwitchProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{t("farms.usage.rangeLabel")}</legend>
      {ranges.map((option) => (
        <button
          key={option}
          type="button"
          className="segmented-button"
          aria-pressed={option === range}
          onClick={() => onRange(option)}
        >
          {t(USAGE_RANGE_KEYS[option])}
        </button>
      ))}
    </fieldset>
  );
}

/** The sentence that stands for the picture (role="img") and is shown under it. */
function useSummaryText(series: UsageSeries): string {
  const { t } = useTranslation();
  const summary = summarize(series);
  const range = t(USAGE_RANGE_KEYS[series.range]);
  if (!summary.hasData) {
    return summary.limit > 0
      ? t("farms.usage.summaryEmpty", { range, limit: formatCount(summary.limit) })
      : t("farms.usage.summaryNoData", { range });
  }
  return t("farms.usage.summary", {
    range,
    peak: formatCount(summary.peak),
    limit: formatCount(summary.limit),
    periods: formatCount(summary.periods),
  });
}

function ChartSvg({ series, label, width }: { series: UsageSeries; label: string; width: number }) {
  const { t } = useTranslation();
  const layout = useMemo(() => chartLayout(series, width), [series, width]);
  const { box, plot } = layout;
  return (
    <svg
      role="img"
      aria-label={label}
      className="usage-svg"
      width={box.width}
      height={box.height}
      viewBox={`0 0 ${box.width} ${box.height}`}
    >
      <g className="chart-bands">
        {layout.bands.map((band) => (
          <rect
            key={`${band.x}:${band.width}`}
            className="chart-overuse"
            x={band.x}
            y={plot.top}
            width={Math.max(1, band.width)}
            height={plot.bottom - plot.top}
          />
        ))}
      </g>
      <g className="chart-grid">
        {layout.valueTicks.map((tick) => (
          <g key={tick.value}>
            <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
            <text x={plot.left - 6} y={tick.y} textAnchor="end" dominantBaseline="middle">
              {formatCount(tick.value)}
            </text>
          </g>
        ))}
        {layout.timeTicks.map((tick) => {
          const anchor = tick.x - plot.left < 24 ? "start" : plot.right - tick.x < 24 ? "end" : "middle";
          return (
            <g key={tick.at}>
              <line className="chart-tick" x1={tick.x} x2={tick.x} y1={plot.bottom} y2={plot.bottom + 4} />
              <text x={tick.x} y={plot.bottom + 18} textAnchor={anchor}>
                {formatBucketTick(tick.at, series.range)}
              </text>
            </g>
          );
        })}
      </g>
      {layout.usageAreas.map((d) => (
        <path key={`area-${d}`} className="chart-usage-area" d={d} />
      ))}
      {layout.usageLines.map((d) => (
        <path key={`line-${d}`} className="chart-usage-line" d={d} />
      ))}
      {layout.limitLines.map((d) => (
        <path key={`limit-${d}`} className="chart-limit" d={d} />
      ))}
      <line className="chart-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
      <g className="chart-hover">
        {layout.hoverRects.map(({ bucket, x, width: w }) => (
          <rect key={bucket.start} x={x} y={plot.top} width={w} height={plot.bottom - plot.top}>
            <title>
              {t("farms.usage.pointTitle", {
                time: formatBucket(bucket.start, series.bucket),
                users: formatCount(bucket.users),
                limit: formatCount(bucket.limit),
              })}
            </title>
          </rect>
        ))}
      </g>
    </svg>
  );
}

/** The same numbers as the picture, for screen readers and anyone who prefers them. */
function UsageTable({ series, id }: { series: UsageSeries; id: string }) {
  const { t } = useTranslation();
  const buckets = toBuckets(series);
  return (
    <div id={id} className="chart-table-wrap stack-xs">
      {series.overuse.length > 0 && (
        <div>
          <p className="field-label">{t("farms.usage.periodsHeading")}</p>
          <ul className="overuse-list">
            {series.overuse.map((period) => (
              <li key={period.startedAt}>
                {t("farms.usage.period", {
                  start: formatDateTime(period.startedAt),
                  end: period.endedAt ? formatDateTime(period.endedAt) : t("farms.usage.ongoing"),
                  peak: formatCount(period.peakUsers),
                  limit: formatCount(period.limit),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {buckets.length === 0 ? (
        <p className="muted">{t("farms.usage.noData")}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        <section className="chart-table-scroll" tabIndex={0} aria-labelledby={`${id}-caption`}>
          <table className="data-table chart-table">
            <caption id={`${id}-caption`} className="sr-only">
              {t("farms.usage.tableCaption", { range: t(USAGE_RANGE_KEYS[series.range]) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{series.bucket === "hour" ? t("farms.usage.hour") : t("farms.usage.day")}</th>
                <th scope="col" className="cell-number">
                  {t("farms.usage.peakUsers")}
                </th>
                <th scope="col" className="cell-number">
                  {t("farms.usage.limit")}
                </th>
                <th scope="col">{t("farms.usage.overLimit")}</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket) => (
                <tr key={bucket.start}>
                  <th scope="row">{formatBucket(bucket.start, series.bucket)}</th>
                  <td className="cell-number">{formatCount(bucket.users)}</td>
                  <td className="cell-number">{formatCount(bucket.limit)}</td>
                  <td>{bucket.users > bucket.limit ? <strong>{t("farms.usage.yes")}</strong> : t("farms.usage.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function UsageFigure({ series, busy }: { series: UsageSeries; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const frame = useRef<HTMLDivElement>(null);
  const width = useElementWidth(frame, 640);
  const [showTable, setShowTable] = useState(false);
  const summary = useSummaryText(series);
  return (
    <figure className="usage-figure" aria-busy={busy || undefined}>
      <div ref={frame} className="usage-frame">
        <ChartSvg series={series} label={summary} width={width} />
      </div>
      <figcaption className="usage-caption">
        <p className="small">{summary}</p>
        <ul className="chart-legend small">
          <li>
            <span className="legend-swatch legend-usage" aria-hidden="true" />
            {t("farms.usage.legendUsers")}
          </li>
          <li>
            <span className="legend-swatch legend-limit" aria-hidden="true" />
            {t("farms.usage.legendLimit")}
          </li>
          <li>
            <span className="legend-swatch legend-overuse" aria-hidden="true" />
            {t("farms.usage.legendOveruse")}
          </li>
        </ul>
        <p className="muted small">{series.bucket === "hour" ? t("farms.usage.hourNote") : t("farms.usage.dayNote")}</p>
      </figcaption>
      <Button variant="link" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((v) => !v)}>
        {showTable ? t("farms.usage.hideTable") : t("farms.usage.showTable")}
      </Button>
      {showTable && <UsageTable series={series} id={`${id}-table`} />}
    </figure>
  );
}

type UsageChartProps = {
  /** The section's heading, e.g. "Usage: Berlin office". */
  title: string;
  headingLevel?: 2 | 3;
  ranges: readonly UsageRange[];
  range: UsageRange;
  onRange: (range: UsageRange) => void;
  state: UsageState;
  onRetry: () => void;
};

/**
 * Concurrent users over time against the licensed limit, with the periods over the
 * limit shaded: hand-drawn SVG (role="img" with a one-sentence summary), a legend,
 * and the numbers as a table behind "Show as table".
 */
export function UsageChart({ title, headingLevel = 2, ranges, range, onRange, state, onRetry }: UsageChartProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="usage stack">
      <div className="section-head">
        <Heading>{title}</Heading>
        <RangeSwitch ranges={ranges} range={range} onRange={onRange} />
      </div>
      {state.status === "error" && (
        <Alert>
          <p>{farmErrorMessage(t, state.error)}</p>
          <Button variant="link" onClick={onRetry}>
            {t("accounts.tryAgain")}
          </Button>
        </Alert>
      )}
      {state.series ? (
        <UsageFigure series={state.series} busy={state.status === "loading"} />
      ) : state.status === "loading" ? (
        <p className="page-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t("farms.usage.loading")}
        </p>
      ) : null}
    </div>
  );
}
