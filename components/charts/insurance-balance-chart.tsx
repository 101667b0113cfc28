"use client";

import { useTranslations } from "next-intl";
import { formatUtc, formatUtcTime } from "@/lib/format";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

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
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={t("label", { symbol })}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="atMs" type="number" scale="time" domain={timeDomain(points)} tickFormatter={(ms: number) => formatUtcTime(ms, false)} />
        <YAxis width={90} tickFormatter={(value: number) => value.toLocaleString("en-US")} />
        <Tooltip
          labelFormatter={(ms) => formatUtc(Number(ms))}
          formatter={(_value, _name, item) => {
            const point = item.payload as InsuranceChartPoint;
            return [t("tooltip", { amount: point.label, seq: String(point.seq) }), t("balance")];
          }}
        />
        {floor !== null ? <ReferenceLine y={floor} stroke="#b42318" strokeDasharray="4 4" label={t("floor")} /> : null}
        <Line type="stepAfter" dataKey="dollars" stroke="#0b5d6b" dot={points.length < 2 ? { r: 3 } : false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** The ledger's span; one line alone (or lines at one instant) gets a minute either side, so it sits mid-axis. */
function timeDomain(points: InsuranceChartPoint[]): [number, number] {
  const first = points[0]?.atMs ?? 0;
  const last = points.at(-1)?.atMs ?? 0;
  return first === last ? [first - 60_000, last + 60_000] : [first, last];
}
