"use client";

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
  return (
    <figure className="insurance-chart" aria-label={`${symbol} insurance fund balance in USD over engine time; the ledger table below has every figure`}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="atMs" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(ms: number) => formatUtcTime(ms, false)} />
          <YAxis width={90} tickFormatter={(value: number) => value.toLocaleString("en-US")} />
          <Tooltip
            labelFormatter={(ms) => formatUtc(Number(ms))}
            formatter={(_value, _name, item) => [`${(item.payload as InsuranceChartPoint).label} USD (seq ${(item.payload as InsuranceChartPoint).seq})`, "Balance"]}
          />
          {floor !== null ? <ReferenceLine y={floor} stroke="#b42318" strokeDasharray="4 4" label="floor" /> : null}
          <Line type="stepAfter" dataKey="dollars" stroke="#0b5d6b" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>
        Balance after each ledger line (USD, engine time UTC); dashed line: the floor. Plotted values are rounded to cents for drawing only.
      </figcaption>
    </figure>
  );
}
