"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPpbPercent, formatUtc, formatUtcDayMinute } from "@/lib/format";
import type { FundingSettlementWire } from "@/lib/wire/public-api";
import { rateText } from "../market-live";
import styles from "../market-pages.module.css";

/** Settled funding rates over engine time (loaded on demand: see components/when-visible.tsx). */
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

export default function FundingChart({ rows, capRate }: { rows: FundingSettlementWire[]; capRate: string }) {
  const t = useTranslations("components.charts.funding");
  if (rows.length < 2) return <p>{t("single")}</p>;
  const points: ChartPoint[] = rows.map((row) => ({ atMs: row.intervalEndMs, percent: plotPercent(row.rate), label: rateText(row.rate) }));
  const cap = plotPercent(capRate);
  return (
    <figure className={styles.chart} aria-label={t("label")}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="atMs" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(ms: number) => formatUtcDayMinute(ms)} />
          <YAxis width={80} tickFormatter={(value: number) => `${value}%`} />
          <Tooltip labelFormatter={(ms) => formatUtc(Number(ms))} formatter={(_value, _name, item) => [(item.payload as ChartPoint).label, t("rate")]} />
          <ReferenceLine y={0} stroke="#55606b" />
          <ReferenceLine y={cap} stroke="#b42318" strokeDasharray="4 4" label={t("cap")} />
          <ReferenceLine y={-cap} stroke="#b42318" strokeDasharray="4 4" label={t("negativeCap")} />
          <Line type="stepBefore" dataKey="percent" stroke="#0b5d6b" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>{t("caption", { cap: formatPpbPercent(capRate) })}</figcaption>
    </figure>
  );
}
