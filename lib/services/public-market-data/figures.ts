import "server-only";
import { marketView, type MarketSpec } from "@/lib/engine/index";
import type { Db } from "@/lib/services/context";
import { wire } from "@/lib/simulation/public-feed";
import type { PublicEngine } from "./common";
import { MINUTE_MS, minuteOf, parseFigures } from "@/lib/journal/rollup";

/**
 * Figures the list and detail endpoints share: the engine's market view (live state when this
 * process hosts the engine, else the latest public stats message) and the 24 h traded volume.
 */

/** The market view as JSON-safe data (bigints as strings), or null before the first stats message. */
export function marketFigures(engine: PublicEngine, symbol: string): Record<string, unknown> | null {
  if (engine.state) {
    const view = marketView(engine.state, symbol);
    return view ? wire(view) : null;
  }
  const stats = engine.runtime.feed.snapshot(symbol)?.latest.stats?.data;
  if (!stats) return null;
  const { adl: _adl, spec: _spec, ...view } = stats;
  return view;
}

/** The engine's clock: live state, else the newest public message, else wall time. */
export function engineNowMs(engine: PublicEngine, symbol?: string): number {
  if (engine.state) return engine.state.now;
  const markets = symbol ? [symbol] : engine.markets;
  const latest = Math.max(0, ...markets.map((market) => engine.runtime.feed.snapshot(market)?.atMs ?? 0));
  return latest > 0 ? latest : Date.now();
}

export interface Volume24h {
  fromMs: number;
  toMs: number;
  trades: number;
  /** Σ size, lots. */
  lots: number;
  /** Σ price × size × tickLotValue, micro-USD. */
  notional: string;
}

/** The 24 h volume covers this many whole minutes of engine time, the current (partial) one last. */
export const VOLUME_WINDOW_MINUTES = 1_440;
const CACHE_MS = 5_000;
const globalCache = globalThis as unknown as { perpsVolumeCache?: Map<string, { at: number; value: Volume24h }> };

/**
 * Trades of the last 1,440 minutes of engine time, the current minute included (cached a few seconds
 * per market), summed from the per-minute rollups written with the journal: a day costs 1,440 small
 * rows however busy it was, and keeps answering once the trades themselves have been archived.
 */
export async function volume24h(client: Db, spec: MarketSpec, nowMs: number): Promise<Volume24h> {
  const cache = (globalCache.perpsVolumeCache ??= new Map());
  const hit = cache.get(spec.symbol);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const fromMs = minuteOf(nowMs) - (VOLUME_WINDOW_MINUTES - 1) * MINUTE_MS;
  const rows = await client.marketMinute.findMany({
    where: { market: spec.symbol, minuteMs: { gte: BigInt(fromMs), lte: BigInt(nowMs) } },
    select: { figures: true },
  });
  let trades = 0;
  let lots = 0n;
  let notional = 0n;
  for (const row of rows) {
    const figures = parseFigures(row.figures);
    trades += figures.trades;
    lots += BigInt(figures.volumeLots);
    notional += BigInt(figures.volumeNotional);
  }
  const value = { fromMs, toMs: nowMs, trades, lots: Number(lots), notional: notional.toString() };
  cache.set(spec.symbol, { at: Date.now(), value });
  return value;
}
