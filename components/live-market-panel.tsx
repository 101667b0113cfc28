"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { formatLots, formatPpbPercent, formatTicks, formatUsdMicros } from "@/lib/format";
import { getQueryClient } from "@/lib/queries/query-client";
import { useMarketStream } from "@/lib/queries/use-market-stream";
import type { PublicMessage } from "@/lib/simulation/public-types";

/** The raw live feed of each market, straight from the stream (issue 4); issue 6 builds the full pages. */
export function LiveMarketPanels({ markets }: { markets: string[] }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <div className="live-panels">
        {markets.map((market) => (
          <LiveMarketPanel key={market} market={market} />
        ))}
      </div>
    </QueryClientProvider>
  );
}

function LiveMarketPanel({ market }: { market: string }) {
  const { snapshot, status, error } = useMarketStream(market);
  const stats = snapshot?.latest.stats?.data as unknown as StatsData | undefined;
  const spec = stats?.spec;
  const price = (ticks: unknown) => (typeof ticks === "number" && ticks > 0 && spec ? formatTicks(ticks, spec.tickSize) : "—");
  const size = (lots: unknown) => (typeof lots === "number" && spec ? formatLots(lots, spec.lotSize) : "—");
  const index = snapshot?.latest.index?.data as { price?: number; valid?: boolean } | undefined;
  const mark = snapshot?.latest.mark?.data as { price?: number; chosen?: string } | undefined;

  return (
    <section className="live-panel" aria-labelledby={`live-${market}`}>
      <header className="live-panel-header">
        <h2 id={`live-${market}`}>{market}</h2>
        <StreamBadge connected={status.connected} staleSince={status.staleSince} />
      </header>
      {error && !snapshot ? <p role="alert">Could not load the market: {error.message}</p> : null}
      {!snapshot ? <p>Loading…</p> : null}
      {snapshot ? (
        <>
          <dl className="live-figures">
            <Figure label="Last trade (USD)" value={price(stats?.lastTrade)} />
            <Figure label="Mark price (USD)" value={price(mark?.price ?? stats?.mark)} hint={mark?.chosen ? `median input: ${mark.chosen}` : undefined} />
            <Figure label="Index price (USD)" value={price(index?.price ?? stats?.index)} hint={index && index.valid === false ? "index held: too few valid sources" : undefined} />
            <Figure label="Best bid / ask (USD)" value={`${price(stats?.bestBid)} / ${price(stats?.bestAsk)}`} />
            <Figure label="Predicted funding (this interval)" value={stats?.predictedFunding ? formatPpbPercent(stats.predictedFunding.rate) : "—"} />
            <Figure label="Next funding" value={stats?.nextFundingMs ? new Date(stats.nextFundingMs).toISOString().slice(11, 19) + " UTC" : "—"} />
            <Figure label={`Open interest (${spec?.baseAsset ?? "base"})`} value={size(stats?.openInterestLongLots)} />
            <Figure label="Insurance fund (USD)" value={stats ? formatUsdMicros(stats.insuranceFund.balance) : "—"} hint={stats?.insuranceFund.depleted ? "depleted" : undefined} />
          </dl>
          <h3>Recent trades</h3>
          <TradeTable trades={snapshot.trades} price={price} size={size} />
          <p className="live-meta">
            Journal sequence {snapshot.id.toLocaleString("en-US")} · simulated time {snapshot.atMs ? new Date(snapshot.atMs).toISOString().replace("T", " ").slice(0, 19) : "—"} UTC
          </p>
        </>
      ) : null}
    </section>
  );
}

function StreamBadge({ connected, staleSince }: { connected: boolean; staleSince: number | null }) {
  if (connected) return <span className="badge badge-live">Live</span>;
  if (staleSince) {
    return (
      <span className="badge badge-stale" role="status">
        Stale since {new Date(staleSince).toLocaleTimeString("en-GB")} — reconnecting
      </span>
    );
  }
  return <span className="badge">Connecting…</span>;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value}
        {hint ? <small> ({hint})</small> : null}
      </dd>
    </div>
  );
}

function TradeTable({ trades, price, size }: { trades: PublicMessage[]; price: (ticks: unknown) => string; size: (lots: unknown) => string }) {
  const recent = trades.slice(-12).reverse();
  if (recent.length === 0) return <p>No trades yet.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Price</th>
          <th scope="col">Size</th>
          <th scope="col">Aggressor</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {recent.map((trade) => {
          const data = trade.data as unknown as TradeData;
          return (
            <tr key={trade.id}>
              <td>{new Date(trade.atMs).toISOString().slice(11, 23)}</td>
              <td>{price(data.price)}</td>
              <td>{size(data.size)}</td>
              <td>{data.aggressor}</td>
              <td>{tradeFlags(data.flags)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function tradeFlags(flags: TradeData["flags"]): string {
  const names = [flags.afmm ? "affiliated market maker" : null, flags.liquidation ? "liquidation" : null, flags.backstop ? "backstop" : null, flags.adl ? "ADL" : null];
  return names.filter(Boolean).join(", ") || "—";
}

interface TradeData {
  price: number;
  size: number;
  aggressor: string;
  flags: { afmm: boolean; liquidation: boolean; backstop: boolean; adl: boolean };
}

interface StatsData {
  mark: number;
  index: number;
  lastTrade: number;
  bestBid: number;
  bestAsk: number;
  predictedFunding: { rate: string } | null;
  nextFundingMs: number;
  openInterestLongLots: number;
  insuranceFund: { balance: string; depleted: boolean };
  spec: { tickSize: string; lotSize: string; baseAsset: string } | null;
}

