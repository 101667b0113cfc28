"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AdlDistance } from "@/lib/engine/index";
import type { Wire } from "@/lib/wire/plain";
import { plotUsd } from "./plot";

type Adl = Wire<AdlDistance>;

export type AdlCurveKind = "shortfall" | "inventory";

interface CurvePoint {
  shockPct: number;
  demand: number;
  limit: number;
}

/**
 * One distance-to-ADL curve of a market: what a shock would demand (the shortfall the insurance
 * fund pays, or the inventory the backstop providers take over) against its flat limit (what is
 * available), over the shocks. The plot only (next/dynamic); its frame, summary and the curve table
 * are server-rendered (components/adl-risk-live.tsx), in a box of fixed height so it draws on load.
 */
export default function AdlCurveChart({ adl, kind, label, height }: { adl: Adl; kind: AdlCurveKind; label: string; height: number }) {
  const t = useTranslations("components.charts.adl");
  const limit = plotUsd(kind === "shortfall" ? adl.fundAvailable : adl.backstopCapacity);
  const points: CurvePoint[] = adl.curve.map((point) => ({
    shockPct: point.shockPct,
    demand: plotUsd(kind === "shortfall" ? point.shortfall : point.inventory),
    limit,
  }));
  // Where ADL begins, as percent moves for the x axis (plotting only).
  const marks = [adl.down ? -Number(adl.down.movePpb) / 1e7 : null, adl.up ? Number(adl.up.movePpb) / 1e7 : null].filter((x): x is number => x !== null);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={label}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="shockPct" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(pct: number) => `${pct > 0 ? "+" : ""}${pct}%`} />
        <YAxis width={96} tickFormatter={(value: number) => value.toLocaleString("en-US")} />
        <Tooltip
          labelFormatter={(pct) => t("tooltipMark", { move: `${Number(pct) > 0 ? "+" : ""}${Number(pct)}%` })}
          formatter={(value) => t("tooltipUsd", { amount: Number(value).toLocaleString("en-US") })}
        />
        <Legend />
        {marks.map((x) => (
          <ReferenceLine key={x} x={x} stroke="#b42318" strokeDasharray="4 4" />
        ))}
        <Line name={t(kind)} type="monotone" dataKey="demand" stroke="#0b5d6b" dot={false} isAnimationActive={false} />
        <Line
          name={t(kind === "shortfall" ? "fundAvailable" : "capacity")}
          type="stepAfter"
          dataKey="limit"
          stroke="#7a3e00"
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
