import type { AdlDistance, InsuranceFundReason, LiquidationStage, MarkTick, SideName } from "@/lib/engine/index";
import type { Wire } from "./plain";

/**
 * The public market feed on the wire: one message type per kind, the REST/SSE snapshot, the one
 * rule for folding a message into a snapshot (shared by the server's hub and the browser's query
 * cache, so both hold the same picture) and the one place a browser reads a stream frame.
 * Browser-safe: type imports only from the engine. Bigints travel as decimal strings; prices are
 * integer ticks and sizes integer lots of the market.
 */

/** Every kind of public message, which is also its SSE event name. */
export const PUBLIC_KINDS = ["trade", "index", "mark", "funding", "insurance", "liquidation", "book", "stats"] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** One fill. Counterparty-class flags instead of account ids (AFMM-5). */
export type TradeData = {
  price: number;
  size: number;
  aggressor: SideName;
  flags: {
    afmm: boolean;
    /** Which side the affiliated market maker was on; null when neither was. */
    afmmSide: "taker" | "maker" | null;
    liquidation: boolean;
    backstop: boolean;
    adl: boolean;
  };
};

/** index-price.ts IndexInput on the wire. */
export interface IndexInputWire {
  sourceId: string;
  price: number | null;
  usedPrice: number | null;
  ageMs: number | null;
  weight: number;
  status: "included" | "clamped" | "excluded";
  reason?: "stale" | "outlier" | "missing" | "invalid" | "low_volume";
  /** Whole USD the venue reported trading over its recent window; absent when the quote carried none. */
  recentVolumeUsd?: number;
}

/** index-price.ts IndexTick on the wire: the "index" message's data. */
export type IndexTickWire = {
  price: number;
  valid: boolean;
  held: boolean;
  flags: string[];
  median: number;
  band: { lo: number; hi: number } | null;
  includedCount: number;
  atMs: number;
  inputs: IndexInputWire[];
};

/**
 * mark-price.ts MarkTick on the wire: the "mark" message's data. Records journaled before the tick
 * carried every input lack some of `inputs` (see markTickFromWire, which checks before recomputing).
 */
export type MarkTickWire = Wire<MarkTick>;

/** A funding sample (every few seconds) or an interval's settlement; per-account transfers stay private. */
export type FundingData =
  | { phase: "sample"; impactBid: number | null; impactAsk: number | null; index: number; premium: string }
  | { phase: "settlement"; intervalEndMs: number; rate: string; markPrice: number; totalPaid: string; accounts: number };

/** One liquidation waterfall stage entered (LIQ-1), without the account. */
export type LiquidationData = {
  stage: LiquidationStage;
  reason: string;
  sizeToClose: number;
  sizeClosed: number;
  bankruptcyPrice: number;
  markPrice: number;
  amount: string;
  /** How many counterparties an ADL stage closed against. */
  counterparties: number;
};

/** An insurance-fund ledger line (with its reason), the platform's top-up, or the depletion alert. */
export type InsuranceData =
  | { change: "changed"; delta: string; balance: string; reason: InsuranceFundReason; causeSeq: number }
  | { change: "deposited"; delta: string; fundingId: string }
  | { change: "depleted"; balance: string; floor: string; causeSeq: number };

/** Order book depth per level, best first. */
export type BookData = { bids: Array<[priceTicks: number, sizeLots: number]>; asks: Array<[priceTicks: number, sizeLots: number]> };

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

/** The engine's marketView on the wire (also part of the "stats" message). */
export type MarketFiguresWire = {
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
};

/** The market's figures after a committed batch, with its distance to ADL and the units to read them in. */
export type StatsData = MarketFiguresWire & {
  adl: Wire<AdlDistance> | null;
  spec: { tickSize: string; lotSize: string; baseAsset: string } | null;
};

interface DataByKind {
  trade: TradeData;
  index: IndexTickWire;
  mark: MarkTickWire;
  funding: FundingData;
  insurance: InsuranceData;
  liquidation: LiquidationData;
  book: BookData;
  stats: StatsData;
}

/** A public message of one kind. */
export type PublicMessageOf<K extends PublicKind> = {
  /** The journal event sequence number (the SSE event id; derived messages carry the batch's last seq). */
  id: number;
  market: string;
  kind: K;
  atMs: number;
  data: DataByKind[K];
};

type MessageByKind = { [K in PublicKind]: PublicMessageOf<K> };

/** Any public message: switch on `kind` to read its data. */
export type PublicMessage = MessageByKind[PublicKind];

/** The latest message of each kind. */
export type LatestByKind = { [K in PublicKind]?: PublicMessageOf<K> };

/** The REST snapshot of one market's stream (and the stream's opening "snapshot" event): the latest message of each kind plus recent trades. */
export interface MarketSnapshot {
  market: string;
  id: number;
  atMs: number;
  latest: LatestByKind;
  trades: PublicMessageOf<"trade">[];
}

export const RECENT_TRADES = 100;

export function emptySnapshot(market: string): MarketSnapshot {
  return { market, id: 0, atMs: 0, latest: {}, trades: [] };
}

function setLatest<K extends PublicKind>(latest: LatestByKind, message: MessageByKind[K]): void {
  latest[message.kind] = message;
}

/** Fold one message into a snapshot in place (the hub) — see foldedSnapshot for an immutable copy. */
export function foldIntoSnapshot(snapshot: MarketSnapshot, message: PublicMessage, recentTrades = RECENT_TRADES): void {
  snapshot.id = Math.max(snapshot.id, message.id);
  snapshot.atMs = Math.max(snapshot.atMs, message.atMs);
  setLatest(snapshot.latest, message);
  if (message.kind === "trade") {
    snapshot.trades.push(message);
    if (snapshot.trades.length > recentTrades) snapshot.trades.splice(0, snapshot.trades.length - recentTrades);
  }
}

/** A new snapshot with the message folded in (React state and query caches want new objects). */
export function foldedSnapshot(snapshot: MarketSnapshot, message: PublicMessage, recentTrades = RECENT_TRADES): MarketSnapshot {
  const next: MarketSnapshot = { ...snapshot, latest: { ...snapshot.latest }, trades: [...snapshot.trades] };
  foldIntoSnapshot(next, message, recentTrades);
  return next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPublicKind(value: unknown): value is PublicKind {
  return (PUBLIC_KINDS as readonly unknown[]).includes(value);
}

/**
 * One SSE frame of a kind's event as a public message, or null when it is not one: the envelope is
 * checked (the kind must be the event's name), the data is trusted as the server's own projection.
 */
export function parsePublicMessage(eventName: string, text: string): PublicMessage | null {
  const value = parseJson(text);
  if (!isRecord(value) || value.kind !== eventName || !isPublicKind(value.kind)) return null;
  if (typeof value.id !== "number" || typeof value.atMs !== "number" || typeof value.market !== "string" || !isRecord(value.data)) return null;
  return value as PublicMessage;
}

/** The "snapshot" SSE frame (or the REST snapshot), or null when it is not one. */
export function parseMarketSnapshot(text: string): MarketSnapshot | null {
  const value = parseJson(text);
  if (!isRecord(value) || typeof value.market !== "string" || typeof value.id !== "number" || typeof value.atMs !== "number") return null;
  if (!isRecord(value.latest) || !Array.isArray(value.trades)) return null;
  return value as unknown as MarketSnapshot;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
