"use client";

import { useTranslations } from "next-intl";
import { formatUtc, formatUtcTime } from "@/lib/format";
import { UplotChart } from "./uplot-chart";

export interface InsuranceChartPoint {
  atMs: number;
  seq: number;
  /** Whole dollars with cents, as a float — for plotting only; every figure shown as text uses formatUsdMicros. */
  dollars: number;
  label: string;
}

/**
 * The insurance fund's balance after each ledger line: the plot (next/dynamic); its frame, summary
 * and the ledger table are server-rendered (components/insurance-fund-live.tsx). Drawn from the
 * first line: a single line is a dot.
 */
export default function InsuranceBalanceChart({
  symbol,
  points,
  floor,
  height,
}: {
  symbol: string;
  points: InsuranceChartPoint[];
  floor: number | null;
  height: number;
}) {
  const t = useTranslations("components.charts.insurance");
  return (
    <UplotChart
      xs={points.map((point) => point.atMs)}
      ys={[points.map((point) => point.dollars)]}
      series={[
        {
          label: t("balance"),
          color: "#0b5d6b",
          step: "after",
          text: (row) => {
            const point = points[row];
            return point ? t("tooltip", { amount: point.label, seq: String(point.seq) }) : "";
          },
        },
      ]}
      height={height}
      title={t("label", { symbol })}
      time
      xRange={timeDomain(points)}
      xTick={(ms) => formatUtcTime(ms, false)}
      yTick={(value) => value.toLocaleString("en-US")}
      xText={(row) => formatUtc(points[row]?.atMs ?? Number.NaN)}
      yAxisWidth={90}
      includeZero
      references={floor !== null ? [{ axis: "y", at: floor, color: "#b42318", dash: [4, 4], label: t("floor") }] : []}
    />
  );
}

/** The ledger's span; one line alone (or lines at one instant) gets a minute either side, so it sits mid-axis. */
function timeDomain(points: InsuranceChartPoint[]): [number, number] {
  const first = points[0]?.atMs ?? 0;
  const last = points.at(-1)?.atMs ?? 0;
  return first === last ? [first - 60_000, last + 60_000] : [first, last];
}
