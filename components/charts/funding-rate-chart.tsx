"use client";

import { useTranslations } from "next-intl";
import { formatUtc, formatUtcDayMinute } from "@/lib/format";
import type { FundingSettlementWire } from "@/lib/wire/public-api";
import { rateText } from "../market-live";
import { UplotChart } from "./uplot-chart";

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

const RATE = "#0b5d6b";
const ZERO = "#55606b";
const CAP = "#b42318";

/** Settled funding rates over engine time: the plot (next/dynamic); its frame, summary and table are server-rendered (components/market-funding.tsx). */
export default function FundingChart({ rows, capRate, height }: { rows: FundingSettlementWire[]; capRate: string; height: number }) {
  const t = useTranslations("components.charts.funding");
  const points: ChartPoint[] = rows.map((row) => ({ atMs: row.intervalEndMs, percent: plotPercent(row.rate), label: rateText(row.rate) }));
  const cap = plotPercent(capRate);
  return (
    <UplotChart
      xs={points.map((point) => point.atMs)}
      ys={[points.map((point) => point.percent)]}
      // The first settlement is a chart too: a single rate is drawn as a dot.
      series={[{ label: t("rate"), color: RATE, step: "before", text: (row) => points[row]?.label ?? "" }]}
      height={height}
      title={t("label")}
      time
      xRange={timeDomain(points)}
      xTick={formatUtcDayMinute}
      yTick={(value) => `${value}%`}
      xText={(row) => formatUtc(points[row]?.atMs ?? Number.NaN)}
      yAxisWidth={80}
      includeZero
      references={[
        { axis: "y", at: 0, color: ZERO },
        { axis: "y", at: cap, color: CAP, dash: [4, 4], label: t("cap") },
        { axis: "y", at: -cap, color: CAP, dash: [4, 4], label: t("negativeCap") },
      ]}
    />
  );
}

/** The settlements' span; one settlement alone gets an interval either side, so it sits mid-axis. */
function timeDomain(points: ChartPoint[]): [number, number] {
  const first = points[0]?.atMs ?? 0;
  const last = points.at(-1)?.atMs ?? 0;
  return first === last ? [first - 3_600_000, last + 3_600_000] : [first, last];
}
