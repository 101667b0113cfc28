import type { PublicTrade } from "./public-api";

/**
 * The trade tape's search: which trades a filter keeps. The server pages through the journal with
 * this rule (GET /api/public/markets/{symbol}/trades) and the browser applies the same rule to the
 * trades the live stream brings, so a filtered tape is one list whichever way a trade arrived.
 * Client-safe: no server imports.
 */

/** afmm: the affiliated market maker was a party; risk: any default-management fill (liquidation, backstop or ADL). */
export const TRADE_FLAG_FILTERS = ["afmm", "risk", "liquidation", "backstop", "adl"] as const;
export type TradeFlagFilter = (typeof TRADE_FLAG_FILTERS)[number];

export interface TradeFilter {
  /** Every flag named must hold. */
  flags: readonly TradeFlagFilter[];
  /** The aggressor's side. */
  side: "buy" | "sell" | null;
  /** Size bounds in lots, inclusive. */
  minLots: number | null;
  maxLots: number | null;
  /** Engine time, from inclusive, to exclusive. */
  fromMs: number | null;
  toMs: number | null;
}

export const NO_TRADE_FILTER: TradeFilter = { flags: [], side: null, minLots: null, maxLots: null, fromMs: null, toMs: null };

/** True when some part of the filter needs each trade's own fields (not only the journal's time column). */
export function filtersTradeFields(filter: TradeFilter): boolean {
  return filter.flags.length > 0 || filter.side !== null || filter.minLots !== null || filter.maxLots !== null;
}

export function isUnfiltered(filter: TradeFilter): boolean {
  return !filtersTradeFields(filter) && filter.fromMs === null && filter.toMs === null;
}

function hasFlag(trade: PublicTrade, flag: TradeFlagFilter): boolean {
  switch (flag) {
    case "afmm":
      return trade.flags.afmm;
    case "risk":
      return trade.flags.liquidation || trade.flags.backstop || trade.flags.adl;
    default:
      return trade.flags[flag];
  }
}

export function tradeMatches(trade: PublicTrade, filter: TradeFilter): boolean {
  return (
    filter.flags.every((flag) => hasFlag(trade, flag)) &&
    (filter.side === null || trade.aggressor === filter.side) &&
    (filter.minLots === null || trade.size >= filter.minLots) &&
    (filter.maxLots === null || trade.size <= filter.maxLots) &&
    (filter.fromMs === null || trade.timeMs >= filter.fromMs) &&
    (filter.toMs === null || trade.timeMs < filter.toMs)
  );
}

/** The filter as the trades endpoint's query parameters (absent parts left out). */
export function tradeFilterQuery(filter: TradeFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.flags.length > 0) query.flags = filter.flags.join(",");
  if (filter.side) query.side = filter.side;
  if (filter.minLots !== null) query.minLots = String(filter.minLots);
  if (filter.maxLots !== null) query.maxLots = String(filter.maxLots);
  if (filter.fromMs !== null) query.from = String(filter.fromMs);
  if (filter.toMs !== null) query.to = String(filter.toMs);
  return query;
}

/** Decimal string ("0.015") → integer in units of 10^-decimals, rounded toward `round`, or null when it is not a plain decimal. */
function parseScaled(text: string, decimals: number, round: "up" | "down"): bigint | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  const kept = BigInt((match[1] || "0") + fraction.slice(0, decimals).padEnd(decimals, "0"));
  // More precision than the step: round so that "at least" / "at most" stays exact.
  return fraction.length > decimals && round === "up" ? kept + 1n : kept;
}

function lotsFor(text: string, lotSize: string, round: "up" | "down"): bigint | null {
  const [intPart, fracPart = ""] = lotSize.split(".");
  const decimals = fracPart.length;
  const step = BigInt(intPart + fracPart);
  const scaled = parseScaled(text, decimals, round);
  if (scaled === null || step === 0n) return null;
  return round === "up" ? (scaled + step - 1n) / step : scaled / step;
}

/** A minimum size in base units → the minimum in lots (rounded up), or null if the text is not a number. */
export function minLotsFor(text: string, lotSize: string): bigint | null {
  return lotsFor(text, lotSize, "up");
}

/** A maximum size in base units → the maximum in lots (rounded down), or null if the text is not a number. */
export function maxLotsFor(text: string, lotSize: string): bigint | null {
  return lotsFor(text, lotSize, "down");
}
