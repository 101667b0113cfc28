"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AdlDistance } from "@/lib/engine/index";
import type { Wire } from "@/lib/wire/plain";
import { plotUsd } from "./plot";

type Adl = Wire<AdlDistance>;

interface CurvePoint {
  shockPct: number;
  shortfall: number;
  fund: number;
  inventory: number;
  capacity: number;
}

/** The distance-to-ADL curves of one market (loaded on demand: see components/when-visible.tsx). */
export default function AdlCharts({ adl, symbol }: { adl: Adl; symbol: string }) {
  const t = useTranslations("components.charts.adl");
  const fund = plotUsd(adl.fundAvailable);
  const capacity = plotUsd(adl.backstopCapacity);
  const points: CurvePoint[] = adl.curve.map((point) => ({
    shockPct: point.shockPct,
    shortfall: plotUsd(point.shortfall),
    fund,
    inventory: plotUsd(point.inventory),
    capacity,
  }));
  // Where ADL begins, as percent moves for the x axis (plotting only).
  const marks = [adl.down ? -Number(adl.down.movePpb) / 1e7 : null, adl.up ? Number(adl.up.movePpb) / 1e7 : null].filter((x): x is number => x !== null);
  return (
    <div className="adl-charts" data-testid="adl-chart">
      <CurveChart
        points={points}
        marks={marks}
        label={t("shortfallLabel", { symbol })}
        demand={{ key: "shortfall", name: t("shortfall") }}
        limit={{ key: "fund", name: t("fundAvailable") }}
        caption={t("shortfallCaption")}
      />
      <CurveChart
        points={points}
        marks={marks}
        label={t("inventoryLabel", { symbol })}
        demand={{ key: "inventory", name: t("inventory") }}
        limit={{ key: "capacity", name: t("capacity") }}
        caption={t("inventoryCaption")}
      />
    </div>
  );
}

/** One curve (what a shock would demand) against its flat limit (what is available), over the shocks. */
function CurveChart({
  points,
  marks,
  label,
  demand,
  limit,
  caption,
}: {
  points: CurvePoint[];
  marks: number[];
  label: string;
  demand: { key: keyof CurvePoint; name: string };
  limit: { key: keyof CurvePoint; name: string };
  caption: string;
}) {
  const t = useTranslations("components.charts.adl");
  return (
    <figure aria-label={label}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
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
          <Line name={demand.name} type="monotone" dataKey={demand.key} stroke="#0b5d6b" dot={false} isAnimationActive={false} />
          <Line name={limit.name} type="stepAfter" dataKey={limit.key} stroke="#7a3e00" strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
