"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUtc, formatUtcDayMinute } from "@/lib/format";
import type { FundingSettlementWire } from "@/lib/wire/public-api";
import { rateText } from "../market-live";

interface ChartPoint {
  atMs: number;
  /** Percent as a float, for plotting only; every figure shown as text is formatted from the exact ppb. */
  percent: number;
  label: string;
}

/** ppb → percent float for the chart axis only (never used for arithmetic). */
function plotPercent(ppb: string): number {
  return Number(BigInt(ppb)) / 10_000_000;
}

/** Settled funding rates over engine time: the plot (next/dynamic); its frame, summary and table are server-rendered (components/market-funding.tsx). */
export default function FundingChart({ rows, capRate, height }: { rows: FundingSettlementWire[]; capRate: string; height: number }) {
  const t = useTranslations("components.charts.funding");
  const points: ChartPoint[] = rows.map((row) => ({ atMs: row.intervalEndMs, percent: plotPercent(row.rate), label: rateText(row.rate) }));
  const cap = plotPercent(capRate);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={t("label")}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="atMs" type="number" scale="time" domain={timeDomain(points)} tickFormatter={(ms: number) => formatUtcDayMinute(ms)} />
        <YAxis width={80} tickFormatter={(value: number) => `${value}%`} />
        <Tooltip labelFormatter={(ms) => formatUtc(Number(ms))} formatter={(_value, _name, item) => [(item.payload as ChartPoint).label, t("rate")]} />
        <ReferenceLine y={0} stroke="#55606b" />
        <ReferenceLine y={cap} stroke="#b42318" strokeDasharray="4 4" label={t("cap")} />
        <ReferenceLine y={-cap} stroke="#b42318" strokeDasharray="4 4" label={t("negativeCap")} />
        {/* The first settlement is a chart too: a single rate is drawn as a dot. */}
        <Line type="stepBefore" dataKey="percent" stroke="#0b5d6b" dot={points.length < 2 ? { r: 3 } : false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** The settlements' span; one settlement alone gets an interval either side, so it sits mid-axis. */
function timeDomain(points: ChartPoint[]): [number, number] {
  const first = points[0]?.atMs ?? 0;
  const last = points.at(-1)?.atMs ?? 0;
  return first === last ? [first - 3_600_000, last + 3_600_000] : [first, last];
}
