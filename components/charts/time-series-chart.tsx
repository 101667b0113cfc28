"use client";

import { useLocale } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUtc } from "@/lib/format";

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
 * drawing only; the tooltip shows each point's exact text from `valueText`.
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
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={title}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="atMs" type="number" scale="time" domain={domain} allowDataOverflow tickFormatter={timeTick} />
        <YAxis width={96} domain={["auto", "auto"]} tickFormatter={(value: number) => axisNumber.format(value)} />
        <Tooltip
          labelFormatter={(ms) => formatUtc(Number(ms))}
          formatter={(_value, name, item) => [valueText(String(item.dataKey), (item.payload as TimeRow).atMs), name]}
        />
        {series.length > 1 ? <Legend /> : null}
        {series.map((line) => (
          <Line
            key={line.key}
            name={line.name}
            type="stepAfter"
            dataKey={line.key}
            stroke={line.color}
            strokeDasharray={line.dashed ? "6 3" : undefined}
            // A series with one value so far is still drawn: as a dot.
            dot={valuesOf(rows, line.key) < 2 ? { r: 3 } : false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function valuesOf(rows: TimeRow[], key: string): number {
  let count = 0;
  for (const row of rows) if (row[key] !== null && row[key] !== undefined) count++;
  return count;
}
