"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import type { AdlDistance } from "@/lib/engine/index";
import { formatPpbPercent, formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtcTime } from "@/lib/format";
import { CONNECTING, type StreamStatus } from "@/lib/queries/stream-status";
import { useMarketStreams } from "@/lib/queries/use-market-streams";
import type { Wire } from "@/lib/wire/plain";
import { adlLevelLabel } from "./adl-level";
import { StreamBadge } from "./stream-badge";
import { useHydrated } from "./use-hydrated";
import { ChartFigure } from "./charts/chart-figure";

const AdlCurveChart = dynamic(() => import("./charts/adl-curve-charts"), { ssr: false, loading: () => <ChartLoading /> });

function ChartLoading() {
  const t = useTranslations("components.charts");
  return <p>{t("loading")}</p>;
}

const CHART_HEIGHT = 240;

type Adl = Wire<AdlDistance>;
type AdlText = ReturnType<typeof useTranslations<"components.adlRisk">>;

export interface AdlMarket {
  symbol: string;
  tickSize: string;
  /** Server-rendered figures (GET /api/public/markets/{symbol}/adl `adl`); null before the market has a mark price. */
  adl: Adl | null;
}

/**
 * Distance to ADL per market (DISC-5): risk level, the two distances, stress coverage and the curve
 * (uPlot), server-rendered, then replaced by each "stats" message of the market streams (they
 * carry the same adlRisk figures). Stale marker when a stream drops.
 */
export function AdlRiskLive({ markets, renderedAtMs }: { markets: AdlMarket[]; renderedAtMs: number }) {
  const hydrated = useHydrated();
  const streams = useMarketStreams(markets.map((market) => market.symbol));
  return (
    <div className="adl-panels">
      {markets.map((market) => {
        const stream = streams[market.symbol];
        const stats = stream?.snapshot?.latest.stats;
        const live = hydrated && stats?.data.adl ? stats : null;
        return (
          <Panel
            key={market.symbol}
            market={market}
            seq={live?.id ?? null}
            adl={live?.data.adl ?? market.adl}
            status={stream?.status ?? CONNECTING}
            lastMessageId={stream?.snapshot?.id ?? 0}
            atMs={live?.atMs ?? renderedAtMs}
            renderedAtMs={renderedAtMs}
          />
        );
      })}
    </div>
  );
}

const LEVEL_CLASS: Record<string, string> = { low: "pill pill--ok", elevated: "pill pill--warn", high: "pill pill--high" };
const usd = (micros: string) => `${formatUsdMicros(micros)} USD`;

function Panel({
  market,
  seq,
  adl,
  status,
  lastMessageId,
  atMs,
  renderedAtMs,
}: {
  market: AdlMarket;
  seq: number | null;
  adl: Adl | null;
  status: StreamStatus;
  lastMessageId: number;
  atMs: number;
  renderedAtMs: number;
}) {
  const t = useTranslations("components.adlRisk");
  const id = `adl-${market.symbol}`;
  const indicator = adl?.indicator ?? null;
  const move = (d: Adl["down"]) => (d ? t("move", { percent: formatPpbPercent(d.movePpb, 2), price: formatTicks(d.price, market.tickSize) }) : t("outOfRange"));
  return (
    <section className="live-panel" aria-labelledby={id} data-testid={`adl-panel-${market.symbol}`} data-seq={seq ?? undefined}>
      <header className="live-panel-header">
        <h3 id={id}>{market.symbol}</h3>
        <span>
          {indicator ? (
            <span className={LEVEL_CLASS[indicator.level]} data-testid="adl-level">
              {t("levelPill", { level: adlLevelLabel(t, indicator.level) })}
            </span>
          ) : null}{" "}
          <StreamBadge status={status} lastMessageId={lastMessageId} asOfMs={renderedAtMs} />
        </span>
      </header>
      {!adl || adl.mark === 0 || !indicator ? (
        <p>{t("noMark")}</p>
      ) : (
        <>
          <dl className="live-figures">
            <Figure label={t("figures.markPrice")} value={`${formatTicks(adl.mark, market.tickSize)} USD`} />
            <Figure label={t("figures.at")} value={formatUtcTime(atMs)} />
            <Figure label={t("figures.down")} value={move(adl.down)} testId="adl-down" />
            <Figure label={t("figures.up")} value={move(adl.up)} testId="adl-up" />
            <Figure
              label={t("figures.stress", { move: formatPpbPercentExact(indicator.stressMovePpb) })}
              value={
                indicator.coveragePpb === null
                  ? t("noShortfall")
                  : t("coverage", { percent: formatPpbPercent(indicator.coveragePpb, 1), shortfall: usd(indicator.stressShortfall) })
              }
              testId="adl-coverage"
            />
            <Figure label={t("figures.fundAvailable")} value={usd(adl.fundAvailable)} />
            <Figure label={t("figures.backstop")} value={usd(adl.backstopCapacity)} />
            <Figure label={t("figures.why")} value={reasons(t, indicator)} />
          </dl>
          <CurveCharts adl={adl} symbol={market.symbol} down={move(adl.down)} up={move(adl.up)} />
          <details>
            <summary>{t("curveData", { count: String(adl.curve.length) })}</summary>
            <CurveTable adl={adl} tickSize={market.tickSize} symbol={market.symbol} />
          </details>
        </>
      )}
    </section>
  );
}

/**
 * The two curves, each in a server-rendered frame with its text alternative (the largest demand
 * against the limit, and where ADL begins); the curve table below has every point. Drawn on load:
 * live, the panel's figures (and so the curves) follow each "stats" message of the stream.
 */
function CurveCharts({ adl, symbol, down, up }: { adl: Adl; symbol: string; down: string; up: string }) {
  const t = useTranslations("components.charts.adl");
  const first = adl.curve[0]?.shockPct ?? 0;
  const last = adl.curve.at(-1)?.shockPct ?? 0;
  const range = { count: String(adl.curve.length), from: pct(first), to: pct(last), down, up };
  const curves = [
    {
      kind: "shortfall",
      label: t("shortfallLabel", { symbol }),
      caption: t("shortfallCaption"),
      limit: adl.fundAvailable,
      pick: (p: Adl["curve"][number]) => p.shortfall,
    },
    {
      kind: "inventory",
      label: t("inventoryLabel", { symbol }),
      caption: t("inventoryCaption"),
      limit: adl.backstopCapacity,
      pick: (p: Adl["curve"][number]) => p.inventory,
    },
  ] as const;
  return (
    <div className="adl-charts" data-testid="adl-chart">
      {curves.map((curve) => {
        const peak = largest(adl.curve, curve.pick);
        const values = { ...range, max: peak ? usd(curve.pick(peak)) : usd("0"), at: peak ? pct(peak.shockPct) : "—", limit: usd(curve.limit) };
        return (
          <ChartFigure
            key={curve.kind}
            height={CHART_HEIGHT}
            className="adl-chart"
            plot={<AdlCurveChart adl={adl} kind={curve.kind} label={curve.label} height={CHART_HEIGHT} />}
            caption={curve.caption}
            summary={`${curve.label}. ${t(curve.kind === "shortfall" ? "shortfallSummary" : "inventorySummary", values)}`}
          />
        );
      })}
    </div>
  );
}

const pct = (shock: number) => `${shock > 0 ? "+" : ""}${shock}%`;

/** The curve point with the largest figure (micro-USD compared exactly); the first on a tie. */
function largest(curve: Adl["curve"], pick: (point: Adl["curve"][number]) => string): Adl["curve"][number] | null {
  let best: Adl["curve"][number] | null = null;
  for (const point of curve) if (!best || BigInt(pick(point)) > BigInt(pick(best))) best = point;
  return best;
}

function reasons(t: AdlText, indicator: NonNullable<Adl["indicator"]>): string {
  if (indicator.triggers.length === 0) return t("trigger.none");
  const limits = indicator.thresholds;
  const text: Record<string, string> = {
    coverage_below_high: t("trigger.coverage", { threshold: formatPpbPercentExact(limits.highBelowCoverage) }),
    coverage_below_elevated: t("trigger.coverage", { threshold: formatPpbPercentExact(limits.elevatedBelowCoverage) }),
    distance_below_high: t("trigger.distance", { threshold: formatPpbPercentExact(limits.highBelowDistance) }),
    distance_below_elevated: t("trigger.distance", { threshold: formatPpbPercentExact(limits.elevatedBelowDistance) }),
  };
  return indicator.triggers.map((trigger) => text[trigger] ?? trigger).join("; ");
}

function CurveTable({ adl, tickSize, symbol }: { adl: Adl; tickSize: string; symbol: string }) {
  const t = useTranslations("components.adlRisk");
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{t("curveCaption", { symbol })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.move")}</th>
            <th scope="col">{t("columns.mark")}</th>
            <th scope="col">{t("columns.shortfall")}</th>
            <th scope="col">{t("columns.fundLeft")}</th>
            <th scope="col">{t("columns.inventory")}</th>
            <th scope="col">{t("columns.capacityLeft")}</th>
            <th scope="col">{t("columns.adlNeeded")}</th>
          </tr>
        </thead>
        <tbody>
          {adl.curve.map((point) => (
            <tr key={point.shockPct}>
              <th scope="row">
                {point.shockPct > 0 ? "+" : ""}
                {point.shockPct}%
              </th>
              <td>{formatTicks(point.price, tickSize)}</td>
              <td>{formatUsdMicros(point.shortfall)}</td>
              <td>{formatUsdMicros(point.fundRemaining)}</td>
              <td>{formatUsdMicros(point.inventory)}</td>
              <td>{formatUsdMicros(point.backstopRemaining)}</td>
              <td>{point.adl ? t("yes") : t("no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
