"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatUtc } from "@/lib/format";
import { UplotChart, type PlotSeries } from "./uplot-chart";

export interface TimeSeries {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

export type TimeRow = { atMs: number } & Record<string, number | null>;

/**
 * Lines over engine time, one per series, each value held until the next minute (a step): the plot
 * of the market page's price and open-interest histories (loaded with next/dynamic; the figure, its
 * summary and table around it are server-rendered: ChartFigure). Plotted values are Numbers for
 * drawing only; the legend, which follows the pointer, shows each point's exact text from `valueText`.
 */
export default function TimeSeriesChart({
  rows,
  series,
  domain,
  height,
  title,
  decimals,
  timeTick,
  valueText,
}: {
  rows: TimeRow[];
  series: TimeSeries[];
  /** The x axis: the window shown, in engine time. */
  domain: [number, number];
  height: number;
  title: string;
  /** Decimal places of the axis labels (the market's tick or lot size). */
  decimals: number;
  timeTick: (ms: number) => string;
  valueText: (key: string, atMs: number) => string;
}) {
  const locale = useLocale();
  const axisNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
  const xs = useMemo(() => rows.map((row) => row.atMs), [rows]);
  const ys = useMemo(() => series.map((line) => rows.map((row) => row[line.key] ?? null)), [rows, series]);
  const lines = series.map(
    (line): PlotSeries => ({
      label: line.name,
      color: line.color,
      dash: line.dashed ? [6, 3] : undefined,
      step: "after",
      text: (row) => valueText(line.key, xs[row]),
    }),
  );
  return (
    <UplotChart
      xs={xs}
      ys={ys}
      series={lines}
      height={height}
      title={title}
      time
      xRange={domain}
      xTick={timeTick}
      yTick={(value) => axisNumber.format(value)}
      xText={(row) => formatUtc(xs[row])}
      yAxisWidth={96}
    />
  );
}
