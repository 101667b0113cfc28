import type { MarketSpec, ParamDoc } from "@/lib/engine/index";
import type { FundingBreakdownWire, IndexTickWire, InsuranceData, MarketFiguresWire, MarkTickWire, TradeData } from "./market-stream";
import type { Wire } from "./plain";

/**
 * Answer shapes of the public JSON API the market pages read (README "Public API"):
 * /api/public/markets, /api/public/markets/{symbol} with its funding and trades, and
 * /api/public/insurance-fund. Bigints arrive as decimal strings (`Wire<T>`); prices are integer ticks
 * and sizes integer lots; times are epoch ms of engine time. Browser-safe: type imports only.
 */

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

/** GET /api/public/markets. */
export interface MarketList {
  markets: MarketListRow[];
}

/** GET /api/public/markets/{symbol}. */
export interface MarketDetail {
  symbol: string;
  engineTimeMs: number;
  spec: Wire<MarketSpec>;
  figures: MarketFiguresWire | null;
  /** The latest public "index" message's data with its seq; seq null before the engine computed one. */
  index: (IndexTickWire & { seq: number }) | { seq: null; atMs: null };
  /** The latest public "mark" message's data with its seq and time. */
  mark: (MarkTickWire & { seq: number; atMs: number }) | null;
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

/**
 * One minute of GET /api/public/markets/{symbol}/minutes: the figures the history charts read (the
 * answer carries more: volume, AFMM share, funding sums, insurance fund, liquidation stages).
 * Prices in ticks (0 before the first), open interest in lots.
 */
export interface MarketMinuteWire {
  minuteMs: number;
  final: boolean;
  throughSeq: number;
  mark: { open: number; high: number; low: number; close: number } | null;
  markClose: number;
  indexClose: number;
  /** null in a minute recorded before the last traded price was kept. */
  lastTradeClose: number | null;
  openInterestLots: number;
  funding: { lastRate: string | null; settlements: number };
}

/** GET /api/public/markets/{symbol}/minutes, oldest first. */
export interface MarketMinutes {
  symbol: string;
  tickSize: string;
  lotSize: string;
  from: number;
  to: number;
  count: number;
  truncated: boolean;
  next: string | null;
  minutes: MarketMinuteWire[];
}

/** One public trade, as the trades page and the stream's "trade" messages carry it. */
export type PublicTrade = TradeData & { seq: number; timeMs: number };

/** GET /api/public/markets/{symbol}/trades, newest first; `nextBefore` pages further back. */
export interface TradesPage {
  tickSize: string;
  lotSize: string;
  nextBefore: number | null;
  trades: PublicTrade[];
}

/** One insurance-fund ledger line (an "insurance" message's data with its seq and time). */
export type InsuranceLedgerRow = InsuranceData & { seq: number; atMs: number };

export interface InsuranceFundMarket {
  symbol: string;
  balance: string | null;
  floor: string | null;
  available: string | null;
  depleted: boolean | null;
  totalIn: string | null;
  totalOut: string | null;
  /** Newest first. */
  history: InsuranceLedgerRow[];
}

/** GET /api/public/insurance-fund. */
export interface InsuranceFundAnswer {
  historyRows: number;
  markets: InsuranceFundMarket[];
}
