"use client";

import { useTranslations } from "next-intl";
import type { AdlDistance } from "@/lib/engine/index";
import type { Wire } from "@/lib/wire/plain";
import { plotUsd } from "./plot";
import { UplotChart } from "./uplot-chart";

type Adl = Wire<AdlDistance>;

export type AdlCurveKind = "shortfall" | "inventory";

/**
 * One distance-to-ADL curve of a market: what a shock would demand (the shortfall the insurance
 * fund pays, or the inventory the backstop providers take over) against its flat limit (what is
 * available), over the shocks. The plot only (next/dynamic); its frame, summary and the curve table
 * are server-rendered (components/adl-risk-live.tsx), in a box of fixed height so it draws on load.
 */
export default function AdlCurveChart({ adl, kind, label, height }: { adl: Adl; kind: AdlCurveKind; label: string; height: number }) {
  const t = useTranslations("components.charts.adl");
  const limit = plotUsd(kind === "shortfall" ? adl.fundAvailable : adl.backstopCapacity);
  const shocks = adl.curve.map((point) => point.shockPct);
  const demand = adl.curve.map((point) => plotUsd(kind === "shortfall" ? point.shortfall : point.inventory));
  const limits = shocks.map(() => limit);
  // Where ADL begins, as percent moves for the x axis (plotting only).
  const marks = [adl.down ? -Number(adl.down.movePpb) / 1e7 : null, adl.up ? Number(adl.up.movePpb) / 1e7 : null].filter((x): x is number => x !== null);
  const pct = (value: number) => `${value > 0 ? "+" : ""}${value}%`;
  const usd = (values: number[]) => (row: number) => t("tooltipUsd", { amount: (values[row] ?? 0).toLocaleString("en-US") });
  return (
    <UplotChart
      xs={shocks}
      ys={[demand, limits]}
      series={[
        { label: t(kind), color: "#0b5d6b", text: usd(demand) },
        { label: t(kind === "shortfall" ? "fundAvailable" : "capacity"), color: "#7a3e00", dash: [6, 3], text: usd(limits) },
      ]}
      height={height}
      title={label}
      time={false}
      xRange={shockDomain(shocks)}
      xTick={pct}
      yTick={(value) => value.toLocaleString("en-US")}
      xText={(row) => t("tooltipMark", { move: pct(shocks[row] ?? 0) })}
      yAxisWidth={96}
      includeZero
      references={marks.map((x) => ({ axis: "x", at: x, color: "#b42318", dash: [4, 4] }))}
    />
  );
}

/** The modelled shocks' span; a single shock gets a point either side, so it sits mid-axis. */
function shockDomain(shocks: number[]): [number, number] {
  const first = shocks[0] ?? 0;
  const last = shocks.at(-1) ?? 0;
  return first === last ? [first - 1, last + 1] : [first, last];
}
