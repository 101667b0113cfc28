import "server-only";
import { marketView, type MarketSpec } from "@/lib/engine/index";
import type { Db } from "@/lib/services/context";
import { wire } from "@/lib/simulation/public-feed";
import type { PublicEngine } from "./common";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

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

const CACHE_MS = 5_000;
const PAGE = 5_000;
const globalCache = globalThis as unknown as { perpsVolumeCache?: Map<string, { at: number; value: Volume24h }> };

/** Trade events of the last 24 h of engine time (cached a few seconds per market). */
export async function volume24h(client: Db, spec: MarketSpec, nowMs: number): Promise<Volume24h> {
  const cache = (globalCache.perpsVolumeCache ??= new Map());
  const hit = cache.get(spec.symbol);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const fromMs = nowMs - 24 * 60 * 60 * 1000;
  let trades = 0;
  let lots = 0;
  let priceLots = 0n;
  let after = -1n;
  for (;;) {
    const rows = await client.engineEvent.findMany({
      where: { type: "Trade", market: spec.symbol, nowMs: { gte: BigInt(fromMs), lte: BigInt(nowMs) }, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: EVENT_COLUMNS,
    });
    for (const row of rows) {
      const trade = decodeEvent(row) as unknown as { price: number; size: number };
      trades += 1;
      lots += trade.size;
      priceLots += BigInt(trade.price) * BigInt(trade.size);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].seq;
  }
  const value = { fromMs, toMs: nowMs, trades, lots, notional: (priceLots * spec.tickLotValue).toString() };
  cache.set(spec.symbol, { at: Date.now(), value });
  return value;
}
