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

/** The insurance fund's balance after each ledger line (loaded on demand: see components/when-visible.tsx). */
export default function InsuranceBalanceChart({ symbol, points, floor }: { symbol: string; points: InsuranceChartPoint[]; floor: number | null }) {
  const t = useTranslations("components.charts.insurance");
  return (
    <figure className="insurance-chart" aria-label={t("label", { symbol })}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="atMs" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(ms: number) => formatUtcTime(ms, false)} />
          <YAxis width={90} tickFormatter={(value: number) => value.toLocaleString("en-US")} />
          <Tooltip
            labelFormatter={(ms) => formatUtc(Number(ms))}
            formatter={(_value, _name, item) => {
              const point = item.payload as InsuranceChartPoint;
              return [t("tooltip", { amount: point.label, seq: String(point.seq) }), t("balance")];
            }}
          />
          {floor !== null ? <ReferenceLine y={floor} stroke="#b42318" strokeDasharray="4 4" label={t("floor")} /> : null}
          <Line type="stepAfter" dataKey="dollars" stroke="#0b5d6b" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>{t("caption")}</figcaption>
    </figure>
  );
}
