"use client";

import { QueryClientProvider, useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatLots, formatTicks } from "@/lib/format";
import { getQueryClient } from "@/lib/queries/query-client";
import { useMarketStream, type StreamStatus } from "@/lib/queries/use-market-stream";
import { RECENT_TRADES, type MarketSnapshot, type PublicMessage } from "@/lib/simulation/public-types";

/** One public trade, as GET /api/public/markets/{symbol}/trades and the stream's "trade" messages carry it. */
export interface TapeTrade {
  seq: number;
  timeMs: number;
  /** Integer ticks. */
  price: number;
  /** Integer lots. */
  size: number;
  aggressor: "buy" | "sell";
  flags: { afmm: boolean; afmmSide: "taker" | "maker" | null; liquidation: boolean; backstop: boolean; adl: boolean };
}

interface TradesPage {
  tickSize: string;
  lotSize: string;
  nextBefore: number | null;
  trades: TapeTrade[];
}

const PAGE_SIZE = 100;

async function fetchTradesPage(symbol: string, before: number | null): Promise<TradesPage> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (before !== null) query.set("before", String(before));
  const response = await fetch(`/api/public/markets/${encodeURIComponent(symbol)}/trades?${query.toString()}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `trades request failed with ${response.status}`);
  }
  return (await response.json()) as TradesPage;
}

function fromMessage(message: PublicMessage): TapeTrade {
  const data = message.data as unknown as Omit<TapeTrade, "seq" | "timeMs">;
  return { seq: message.id, timeMs: message.atMs, price: data.price, size: data.size, aggressor: data.aggressor, flags: data.flags };
}

/** Trades received from the stream, by seq, plus where the stream may have skipped trades. */
interface LiveTrades {
  bySeq: Map<number, TapeTrade>;
  /** Seq of the oldest trade in the first snapshot: older trades come from REST pages below it. */
  anchor: number | null;
  anchorReady: boolean;
  /** Gaps: (newer, older) seq pairs between which the stream may have skipped trades. */
  gaps: { newerSeq: number; olderSeq: number }[];
}

const NO_LIVE: LiveTrades = { bySeq: new Map(), anchor: null, anchorReady: false, gaps: [] };

/**
 * Fold a new snapshot's recent-trades window into the accumulated live trades. The window slides
 * one trade at a time while the stream runs; if it jumped past everything we hold (a fresh snapshot
 * after a long break with a full window), trades in between may be missing: record a gap.
 */
function mergeSnapshot(live: LiveTrades, snapshot: MarketSnapshot): LiveTrades {
  const incoming = snapshot.trades.filter((message) => message.kind === "trade").map(fromMessage);
  const bySeq = new Map(live.bySeq);
  let newestHeld: number | null = null;
  for (const seq of bySeq.keys()) if (newestHeld === null || seq > newestHeld) newestHeld = seq;
  let oldestIncoming: number | null = null;
  for (const trade of incoming) if (oldestIncoming === null || trade.seq < oldestIncoming) oldestIncoming = trade.seq;
  const gaps = [...live.gaps];
  if (live.anchorReady && newestHeld !== null && oldestIncoming !== null && oldestIncoming > newestHeld && incoming.length >= RECENT_TRADES) {
    gaps.push({ newerSeq: oldestIncoming, olderSeq: newestHeld });
  }
  for (const trade of incoming) bySeq.set(trade.seq, trade);
  if (live.anchorReady) return { ...live, bySeq, gaps };
  return { bySeq, anchor: oldestIncoming, anchorReady: true, gaps };
}

/** Decimal string ("0.015") → integer in units of 10^-decimals, or null when it is not a plain decimal. */
function parseScaled(text: string, decimals: number): bigint | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) {
    // More precision than the step: round the threshold up so "at least" stays exact.
    const kept = BigInt((match[1] || "0") + fraction.slice(0, decimals).padEnd(decimals, "0"));
    return kept + 1n;
  }
  return BigInt((match[1] || "0") + fraction.padEnd(decimals, "0"));
}

/** Minimum size in base units → minimum lots (rounded up), or null if the text is not a number. */
export function minLotsFor(text: string, lotSize: string): bigint | null {
  const [intPart, fracPart = ""] = lotSize.split(".");
  const decimals = fracPart.length;
  const step = BigInt(intPart + fracPart);
  const scaled = parseScaled(text, decimals);
  if (scaled === null || step === 0n) return null;
  return (scaled + step - 1n) / step;
}

type SideFilter = "all" | "buy" | "sell";

/** The public trade tape of every market: one market at a time, chosen by the selector. */
export function TradeTape({ markets }: { markets: string[] }) {
  const [market, setMarket] = useState(markets[0] ?? "");
  const selectId = useId();
  return (
    <QueryClientProvider client={getQueryClient()}>
      <div className="toolbar">
        <label htmlFor={selectId}>Market</label>
        <select id={selectId} value={market} onChange={(event) => setMarket(event.target.value)}>
          {markets.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </div>
      {market ? <MarketTape key={market} symbol={market} /> : <p>No markets are configured.</p>}
    </QueryClientProvider>
  );
}

function MarketTape({ symbol }: { symbol: string }) {
  const { snapshot, status, error: streamError } = useMarketStream(symbol);

  // Accumulate every trade the stream delivers (the snapshot only keeps the latest window).
  const [seenSnapshot, setSeenSnapshot] = useState<MarketSnapshot | undefined>(undefined);
  const [live, setLive] = useState<LiveTrades>(NO_LIVE);
  if (snapshot !== seenSnapshot) {
    setSeenSnapshot(snapshot);
    if (snapshot) setLive((current) => mergeSnapshot(current, snapshot));
  }

  // Older trades: REST pages strictly below the first snapshot's window, so the tape has no gap.
  const older = useInfiniteQuery({
    queryKey: ["markets", symbol, "trades", "before", live.anchor] as const,
    queryFn: ({ pageParam }) => fetchTradesPage(symbol, pageParam),
    initialPageParam: live.anchor,
    getNextPageParam: (last: TradesPage) => last.nextBefore ?? undefined,
    enabled: live.anchorReady,
    staleTime: Infinity,
  });

  const [afmmOnly, setAfmmOnly] = useState(false);
  const [riskOnly, setRiskOnly] = useState(false);
  const [side, setSide] = useState<SideFilter>("all");
  const [minSize, setMinSize] = useState("");
  const ids = useId();

  const stats = snapshot?.latest.stats?.data as { spec?: { tickSize: string; lotSize: string; baseAsset?: string } | null } | undefined;
  const firstPage = older.data?.pages[0];
  const tickSize = firstPage?.tickSize ?? stats?.spec?.tickSize;
  const lotSize = firstPage?.lotSize ?? stats?.spec?.lotSize;
  const baseAsset = stats?.spec?.baseAsset ?? symbol.split("-")[0];

  const all = new Map(live.bySeq);
  for (const page of older.data?.pages ?? []) for (const trade of page.trades) if (!all.has(trade.seq)) all.set(trade.seq, trade);
  const trades = [...all.values()].sort((a, b) => b.seq - a.seq);

  const minLots = minSize.trim() === "" || !lotSize ? null : minLotsFor(minSize, lotSize);
  const minSizeInvalid = minSize.trim() !== "" && lotSize !== undefined && minLots === null;
  const shown = trades.filter(
    (trade) =>
      (!afmmOnly || trade.flags.afmm) &&
      (!riskOnly || trade.flags.liquidation || trade.flags.backstop || trade.flags.adl) &&
      (side === "all" || trade.aggressor === side) &&
      (minLots === null || BigInt(trade.size) >= minLots),
  );

  const price = (ticks: number) => (tickSize ? formatTicks(ticks, tickSize) : "—");
  const size = (lots: number) => (lotSize ? formatLots(lots, lotSize) : "—");
  const loading = !snapshot || (live.anchorReady && older.isPending);
  const loadError = (!snapshot && streamError) || older.error;
  const oldestShown = trades.length > 0 ? trades[trades.length - 1] : null;

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <div className="toolbar">
        <h2 id={`${ids}-heading`} style={{ margin: 0 }}>
          {symbol} trade tape
        </h2>
        <StreamMarker status={status} />
      </div>

      <fieldset className="filters">
        <legend>Filter the loaded trades (filters combine: a trade must match all that are chosen)</legend>
        <label>
          <input type="checkbox" checked={afmmOnly} onChange={(event) => setAfmmOnly(event.target.checked)} /> Only trades with the affiliated market maker
        </label>
        <label>
          <input type="checkbox" checked={riskOnly} onChange={(event) => setRiskOnly(event.target.checked)} /> Only liquidation, backstop or ADL trades
        </label>
        <div className="field">
          <label htmlFor={`${ids}-side`}>Aggressor side</label>{" "}
          <select id={`${ids}-side`} value={side} onChange={(event) => setSide(event.target.value as SideFilter)}>
            <option value="all">Buy and sell</option>
            <option value="buy">Buy only</option>
            <option value="sell">Sell only</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-min`}>Minimum size ({baseAsset})</label>{" "}
          <input
            id={`${ids}-min`}
            inputMode="decimal"
            value={minSize}
            onChange={(event) => setMinSize(event.target.value)}
            aria-invalid={minSizeInvalid || undefined}
            aria-describedby={minSizeInvalid ? `${ids}-min-error` : undefined}
            size={10}
          />
          {minSizeInvalid ? (
            <span id={`${ids}-min-error`} role="alert">
              {" "}
              Enter a plain number such as 0.5; this filter is ignored until then.
            </span>
          ) : null}
        </div>
      </fieldset>

      {live.gaps.length > 0 ? (
        <p role="status">
          <strong>Possible gap in this view:</strong> the live stream was interrupted for longer than it can replay; a marked row in the table shows
          where. The record itself is complete: reload the page to see every trade.
        </p>
      ) : null}
      {loadError ? <p role="alert">Could not load trades: {loadError.message}</p> : null}
      {loading && !loadError ? <p>Loading trades…</p> : null}

      {!loading ? (
        <table className="data-table">
          <caption style={{ textAlign: "left", captionSide: "top", padding: "0.25rem 0" }}>
            {symbol} trades, newest first. Showing {shown.length.toLocaleString("en-US")} of {trades.length.toLocaleString("en-US")} loaded
            {oldestShown ? ` (back to ${isoMs(oldestShown.timeMs)} UTC)` : ""}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Price (USD)</th>
              <th scope="col">Size ({baseAsset})</th>
              <th scope="col">Aggressor</th>
              <th scope="col">Flags</th>
              <th scope="col">Trade id</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={6}>{trades.length === 0 ? "No trades yet in this market." : "No loaded trade matches the filters."}</td>
              </tr>
            ) : (
              shown.flatMap((trade) => {
                const gap = live.gaps.find((g) => g.olderSeq === trade.seq);
                const row = (
                  <tr key={trade.seq}>
                    <td>
                      <time dateTime={new Date(trade.timeMs).toISOString()}>{isoMs(trade.timeMs)}</time>
                    </td>
                    <td>{price(trade.price)}</td>
                    <td>{size(trade.size)}</td>
                    <td>{trade.aggressor === "buy" ? "Buy" : "Sell"}</td>
                    <td>
                      <FlagTags flags={trade.flags} aggressor={trade.aggressor} />
                    </td>
                    <td>{trade.seq}</td>
                  </tr>
                );
                if (!gap) return [row];
                return [
                  <tr key={`gap-${gap.olderSeq}`}>
                    <td colSpan={6}>
                      <strong>Possible gap:</strong> the live stream was interrupted for longer than it can replay, so trades between id {gap.olderSeq} and id{" "}
                      {gap.newerSeq} may be missing here. Reload the page to see them.
                    </td>
                  </tr>,
                  row,
                ];
              })
            )}
          </tbody>
        </table>
      ) : null}

      <div className="toolbar">
        {older.hasNextPage ? (
          <button type="button" className="button button--quiet" onClick={() => void older.fetchNextPage()} disabled={older.isFetchingNextPage}>
            {older.isFetchingNextPage ? "Loading older trades…" : `Load ${PAGE_SIZE} older trades`}
          </button>
        ) : !loading && older.isSuccess ? (
          <p>This is the start of the record: no older trades exist in this market.</p>
        ) : null}
      </div>
    </section>
  );
}

function isoMs(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function FlagTags({ flags, aggressor }: { flags: TapeTrade["flags"]; aggressor: TapeTrade["aggressor"] }) {
  const tags: { key: string; label: string; strong?: boolean }[] = [];
  if (flags.afmm) {
    const afmmSideWord = aggressor === "buy" ? (flags.afmmSide === "taker" ? "buyer" : "seller") : flags.afmmSide === "taker" ? "seller" : "buyer";
    const detail =
      flags.afmmSide === "taker"
        ? `taker, the ${afmmSideWord}`
        : flags.afmmSide === "maker"
          ? `maker, the ${afmmSideWord}`
          : "side not known";
    tags.push({ key: "afmm", label: `Affiliated market maker (${detail})`, strong: true });
  }
  if (flags.liquidation) tags.push({ key: "liq", label: "Liquidation" });
  if (flags.backstop) tags.push({ key: "backstop", label: "Backstop" });
  if (flags.adl) tags.push({ key: "adl", label: "ADL" });
  if (tags.length === 0) return <span aria-label="No flags">—</span>;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: "0.25rem" }}>
      {tags.map((tag) => (
        <li key={tag.key} className={tag.strong ? "badge badge-stale" : "badge"}>
          {tag.strong ? <strong>{tag.label}</strong> : tag.label}
        </li>
      ))}
    </ul>
  );
}

function StreamMarker({ status }: { status: StreamStatus }) {
  if (status.connected) return <span className="badge badge-live">Live: new trades appear at the top</span>;
  if (status.staleSince) {
    return (
      <span className="badge badge-stale" role="status">
        Stale since {new Date(status.staleSince).toISOString().slice(11, 19)} UTC: the live stream dropped and is reconnecting; trades since then
        will appear when it resumes
      </span>
    );
  }
  return (
    <span className="badge" role="status">
      Connecting to the live stream…
    </span>
  );
}
