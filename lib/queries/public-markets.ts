import { queryOptions } from "@tanstack/react-query";
import type { MarketSpec, ParamDoc } from "@/lib/engine/index";

/**
 * Shapes and queries of the public JSON API the market pages read (README "Public API"): what
 * /api/public/markets, /api/public/markets/{symbol} and …/funding answer. Bigints arrive as decimal
 * strings (`Wire<T>`). Client-safe: type imports only from the engine.
 */

export type Wire<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** funding.ts FundingRateBreakdown on the wire. */
export interface FundingBreakdownWire {
  averagePremium: string;
  sampleCount: number;
  interestRate: string;
  clampedInterestTerm: string;
  uncappedRate: string;
  rate: string;
  capped: boolean;
}

/** The engine's marketView on the wire (also the stream's "stats" message). */
export interface MarketFiguresWire {
  market: string;
  mark: number;
  index: number;
  indexValid: boolean;
  lastTrade: number;
  bestBid: number;
  bestAsk: number;
  predictedFunding: FundingBreakdownWire;
  lastFundingRate: string;
  nextFundingMs: number;
  openInterestLongLots: number;
  openInterestShortLots: number;
  insuranceFund: { balance: string; floor: string; available: string; depleted: boolean; totalIn: string; totalOut: string };
  restingOrders: number;
}

export interface Volume24hWire {
  fromMs: number;
  toMs: number;
  trades: number;
  lots: number;
  notional: string;
}

/** One row of GET /api/public/markets. */
export interface MarketListRow {
  symbol: string;
  displayName: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  lotSize: string;
  tickLotValue: string;
  engineTimeMs: number;
  last: number | null;
  mark: number | null;
  index: number | null;
  indexValid: boolean | null;
  bestBid: number | null;
  bestAsk: number | null;
  predictedFundingRate: FundingBreakdownWire | null;
  lastFundingRate: string | null;
  nextFundingMs: number | null;
  openInterestLots: { long: number; short: number } | null;
  volume24h: Volume24hWire;
  insuranceFundBalance: string | null;
}

/** index-price.ts IndexInput on the wire. */
export interface IndexInputWire {
  sourceId: string;
  price: number | null;
  usedPrice: number | null;
  ageMs: number | null;
  weight: number;
  status: "included" | "clamped" | "excluded";
  reason?: "stale" | "outlier" | "missing" | "invalid";
}

/** index-price.ts IndexTick on the wire. */
export interface IndexTickWire {
  price: number;
  valid: boolean;
  held: boolean;
  flags: string[];
  median: number;
  band: { lo: number; hi: number } | null;
  includedCount: number;
  atMs: number;
  inputs: IndexInputWire[];
}

/** GET /api/public/markets/{symbol}. */
export interface MarketDetail {
  symbol: string;
  engineTimeMs: number;
  spec: Wire<MarketSpec>;
  figures: MarketFiguresWire | null;
  index: (Partial<IndexTickWire> & { seq: number | null; atMs: number | null }) | null;
  /** The latest public "mark" message's data with its seq and time. */
  mark: ({ seq: number; atMs: number } & Record<string, unknown>) | null;
  parameterDocs: Record<string, ParamDoc>;
}

export interface FundingSettlementWire {
  seq: number;
  settledAtMs: number;
  intervalEndMs: number;
  rate: string;
  markPrice: number;
  totalPaid: string;
}

/** GET /api/public/markets/{symbol}/funding. */
export interface FundingHistory {
  symbol: string;
  tickSize: string;
  intervalMs: number;
  capRate: string;
  from: number;
  to: number;
  count: number;
  truncated: boolean;
  next: string | null;
  settlements: FundingSettlementWire[];
}

export const publicMarketKeys = {
  list: ["public-markets", "list"] as const,
  funding: (symbol: string) => ["public-markets", symbol, "funding"] as const,
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `${url} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

export const publicMarketQueries = {
  /** The list carries the 24 h volume, which no stream message does: re-read it every 30 s. */
  list: () =>
    queryOptions({
      queryKey: publicMarketKeys.list,
      queryFn: async () => (await getJson<{ markets: MarketListRow[] }>("/api/public/markets")).markets,
      refetchInterval: 30_000,
    }),
  funding: (symbol: string) =>
    queryOptions({
      queryKey: publicMarketKeys.funding(symbol),
      queryFn: () => getJson<FundingHistory>(`/api/public/markets/${encodeURIComponent(symbol)}/funding`),
    }),
};
