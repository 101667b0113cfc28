"use client";

import dynamic from "next/dynamic";
import type { AdlDistance } from "@/lib/engine/index";
import { formatPpbPercent, formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtcTime } from "@/lib/format";
import { CONNECTING, type StreamStatus } from "@/lib/queries/stream-status";
import { useMarketStreams } from "@/lib/queries/use-market-streams";
import type { Wire } from "@/lib/wire/plain";
import { StreamBadge } from "./stream-badge";
import { useHydrated } from "./use-hydrated";
import { WhenVisible } from "./when-visible";

const AdlCharts = dynamic(() => import("./charts/adl-curve-charts"), { ssr: false, loading: () => <p>Loading the charts…</p> });

type Adl = Wire<AdlDistance>;

export interface AdlMarket {
  symbol: string;
  tickSize: string;
  /** Server-rendered figures (GET /api/public/markets/{symbol}/adl `adl`); null before the market has a mark price. */
  adl: Adl | null;
}

/**
 * Distance to ADL per market (DISC-5): risk level, the two distances, stress coverage and the curve
 * (recharts), server-rendered, then replaced by each "stats" message of the market streams (they
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

export const LEVEL_LABEL: Record<string, string> = { low: "Low", elevated: "Elevated", high: "High" };
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
  const id = `adl-${market.symbol}`;
  const indicator = adl?.indicator ?? null;
  const move = (d: Adl["down"]) => (d ? `${formatPpbPercent(d.movePpb, 2)} (mark ${formatTicks(d.price, market.tickSize)} USD)` : "not within the modelled range");
  return (
    <section className="live-panel" aria-labelledby={id} data-testid={`adl-panel-${market.symbol}`} data-seq={seq ?? undefined}>
      <header className="live-panel-header">
        <h3 id={id}>{market.symbol}</h3>
        <span>
          {indicator ? (
            <span className={LEVEL_CLASS[indicator.level]} data-testid="adl-level">
              ADL risk: {LEVEL_LABEL[indicator.level]}
            </span>
          ) : null}{" "}
          <StreamBadge status={status} lastMessageId={lastMessageId} asOfMs={renderedAtMs} />
        </span>
      </header>
      {!adl || adl.mark === 0 || !indicator ? (
        <p>No mark price yet, so there is no distance to ADL to compute.</p>
      ) : (
        <>
          <dl className="live-figures">
            <Figure label="Mark price" value={`${formatTicks(adl.mark, market.tickSize)} USD`} />
            <Figure label="Figures at (engine time)" value={formatUtcTime(atMs)} />
            <Figure label="ADL needed after a fall of" value={move(adl.down)} testId="adl-down" />
            <Figure label="ADL needed after a rise of" value={move(adl.up)} testId="adl-up" />
            <Figure
              label={`Stress coverage (fund available ÷ shortfall after a ${formatPpbPercentExact(indicator.stressMovePpb)} move)`}
              value={indicator.coveragePpb === null ? "no shortfall after that move" : `${formatPpbPercent(indicator.coveragePpb, 1)} (shortfall ${usd(indicator.stressShortfall)})`}
              testId="adl-coverage"
            />
            <Figure label="Insurance fund available above its floor" value={usd(adl.fundAvailable)} />
            <Figure label="Backstop capacity remaining (all providers)" value={usd(adl.backstopCapacity)} />
            <Figure label="Why this level" value={reasons(indicator)} />
          </dl>
          <WhenVisible minHeight={560} placeholder={<p>The two ADL curves load when you scroll to them; the curve data below has every figure.</p>}>
            <AdlCharts adl={adl} symbol={market.symbol} />
          </WhenVisible>
          <details>
            <summary>Curve data ({adl.curve.length} price shocks)</summary>
            <CurveTable adl={adl} tickSize={market.tickSize} symbol={market.symbol} />
          </details>
        </>
      )}
    </section>
  );
}

function reasons(indicator: NonNullable<Adl["indicator"]>): string {
  if (indicator.triggers.length === 0) return "no threshold crossed";
  const t = indicator.thresholds;
  const text: Record<string, string> = {
    coverage_below_high: `stress coverage below ${formatPpbPercentExact(t.highBelowCoverage)}`,
    coverage_below_elevated: `stress coverage below ${formatPpbPercentExact(t.elevatedBelowCoverage)}`,
    distance_below_high: `ADL within a ${formatPpbPercentExact(t.highBelowDistance)} move`,
    distance_below_elevated: `ADL within a ${formatPpbPercentExact(t.elevatedBelowDistance)} move`,
  };
  return indicator.triggers.map((trigger) => text[trigger] ?? trigger).join("; ");
}


function CurveTable({ adl, tickSize, symbol }: { adl: Adl; tickSize: string; symbol: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{symbol} distance-to-ADL curve</caption>
        <thead>
          <tr>
            <th scope="col">Mark move</th>
            <th scope="col">Mark (USD)</th>
            <th scope="col">Shortfall (USD)</th>
            <th scope="col">Fund left (USD)</th>
            <th scope="col">Inventory (USD)</th>
            <th scope="col">Backstop capacity left (USD)</th>
            <th scope="col">ADL needed</th>
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
              <td>{point.adl ? "yes" : "no"}</td>
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
