/**
 * The education hub's calculators (EDU-1). Each reads the typed figures exactly (calculator-inputs.ts)
 * and calls the engine's own functions on the configuration in force, so a figure shown here is the
 * figure the engine would compute: the liquidation price solver, the tier and margin functions, the
 * funding payment and the ADL rank key. Nothing here restates a formula. Pure and browser-safe (the
 * engine has no I/O), so the calculators run in the reader's browser; calculators.test.ts holds each
 * one to a real engine instance.
 */

import {
  adlRankKey,
  compareAdlRank,
  fundingPayment,
  initialMargin,
  maintenanceMargin,
  NO_PRICE,
  positionLiquidationPrice,
  tierFor,
  type MarketSpec,
} from "@/lib/engine/index";
import type { Wire } from "@/lib/wire/plain";
import { parseCount, parseScaled, parseSteps, type InputProblem, type Parsed } from "./calculator-inputs";

type MarginTier = MarketSpec["marginTiers"][number];

/** What the calculators need of a market, from the configuration in force. */
export interface CalculatorMarket {
  symbol: string;
  baseAsset: string;
  tickSize: string;
  lotSize: string;
  /** Micro-USD per tick per lot. */
  tickLotValue: bigint;
  maxPriceTicks: number;
  /** Micro-USD: the largest position notional the market accepts. */
  maxPositionNotional: bigint;
  marginTiers: MarginTier[];
  fundingIntervalMs: number;
  /** |funding rate| per interval never exceeds this, ppb. */
  fundingCapRate: bigint;
}

/** The calculator's view of a market as the public methodology answer gives it (bigints as decimal text). */
export function calculatorMarketWire(spec: Wire<MarketSpec>): Wire<CalculatorMarket> {
  return {
    symbol: spec.symbol,
    baseAsset: spec.baseAsset,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    tickLotValue: spec.tickLotValue,
    maxPriceTicks: spec.maxPriceTicks,
    maxPositionNotional: spec.maxPositionNotional,
    marginTiers: spec.marginTiers,
    fundingIntervalMs: spec.funding.intervalMs,
    fundingCapRate: spec.funding.capRate,
  };
}

/** Back to integers, in the browser. */
export function calculatorMarket(wire: Wire<CalculatorMarket>): CalculatorMarket {
  return {
    ...wire,
    tickLotValue: BigInt(wire.tickLotValue),
    maxPositionNotional: BigInt(wire.maxPositionNotional),
    fundingCapRate: BigInt(wire.fundingCapRate),
    marginTiers: wire.marginTiers.map((tier) => ({
      ...tier,
      floorNotional: BigInt(tier.floorNotional),
      capNotional: BigInt(tier.capNotional),
      maintenanceMarginRate: BigInt(tier.maintenanceMarginRate),
      initialMarginRate: BigInt(tier.initialMarginRate),
      maintenanceAmount: BigInt(tier.maintenanceAmount),
    })),
  };
}

/** A refused field: the problem and, where it helps, the limit to quote (a step, a number of places, a cap). */
export interface Refusal {
  problem: InputProblem;
  limit?: string;
}

export type Calculation<R, F extends string> = { ok: true; result: R } | { ok: false; errors: Partial<Record<F, Refusal>> };

export type Side = "long" | "short";

/** Collateral and notionals typed in USD are read up to this many micro-USD (one trillion USD). */
export const MAX_USD_MICROS = 10n ** 18n;
/** The engine's largest position size in lots (a signed 32-bit integer). */
export const MAX_POSITION_LOTS = 2_147_483_647;
/** Funding intervals in one holding period, at most. */
export const MAX_FUNDING_INTERVALS = 10_000;
/** A funding rate is read as a percentage with up to this many decimals (7 = 1 ppb). */
const PERCENT_SCALE = 7;
const MONEY_SCALE = 6;
const RATE_ONE = 1_000_000_000n;

// ── Liquidation price ────────────────────────────────────────────────────────────────────────────

export interface LiquidationInput {
  side: Side;
  size: string;
  entryPrice: string;
  collateral: string;
}
export type LiquidationField = "size" | "entryPrice" | "collateral";

export interface LiquidationResult {
  lots: number;
  entryTicks: number;
  collateral: bigint;
  /** |size| × entry × tick-lot value, micro-USD. */
  notional: bigint;
  tier: MarginTier;
  initialMargin: bigint;
  maintenanceMargin: bigint;
  /** Ticks at which the engine liquidates (long: mark ≤ it; short: mark ≥ it); null when no price in range does. */
  liquidationTicks: number | null;
  /** Whether the collateral meets the initial margin (otherwise the engine refuses to open the position). */
  meetsInitialMargin: boolean;
}

/**
 * The liquidation price of a position held alone in an account of `collateral` USD (after fees):
 * the engine's own solver (positionLiquidationPrice) with the account's base = collateral − cost,
 * exactly as the engine keys the position in its liquidation index.
 */
export function liquidationCalculation(market: CalculatorMarket, input: LiquidationInput): Calculation<LiquidationResult, LiquidationField> {
  const errors: Partial<Record<LiquidationField, Refusal>> = {};
  const lots = parseSteps(input.size, market.lotSize, MAX_POSITION_LOTS);
  const entry = parseSteps(input.entryPrice, market.tickSize, market.maxPriceTicks);
  const collateral = parseScaled(input.collateral, MONEY_SCALE, MAX_USD_MICROS);
  collect(errors, "size", lots);
  collect(errors, "entryPrice", entry);
  collect(errors, "collateral", collateral);
  if (!lots.ok || !entry.ok || !collateral.ok) return { ok: false, errors };
  const notional = BigInt(lots.value) * BigInt(entry.value) * market.tickLotValue;
  if (notional > market.maxPositionNotional) return { ok: false, errors: { size: aboveLimit(market) } };
  const signed = input.side === "long" ? lots.value : -lots.value;
  const cost = BigInt(signed) * BigInt(entry.value) * market.tickLotValue;
  const ticks = positionLiquidationPrice(market, market.tickLotValue, signed, collateral.value - cost, entry.value);
  const im = initialMargin(market, notional);
  return {
    ok: true,
    result: {
      lots: lots.value,
      entryTicks: entry.value,
      collateral: collateral.value,
      notional,
      tier: tierFor(market, notional),
      initialMargin: im,
      maintenanceMargin: maintenanceMargin(market, notional),
      liquidationTicks: ticks === NO_PRICE ? null : ticks,
      meetsInitialMargin: collateral.value >= im,
    },
  };
}

// ── Funding cost over a holding period ───────────────────────────────────────────────────────────

export interface FundingInput {
  side: Side;
  size: string;
  markPrice: string;
  /** Percent per funding interval, signed: positive, longs pay shorts. */
  ratePercent: string;
  intervals: string;
}
export type FundingField = "size" | "markPrice" | "ratePercent" | "intervals";

export interface FundingResult {
  /** Long > 0, micro-USD. */
  signedNotional: bigint;
  /** ppb per interval. */
  rate: bigint;
  intervals: number;
  /** Engine's payment per interval, micro-USD: positive = this position pays, negative = it receives. */
  perInterval: bigint;
  total: bigint;
  holdingMs: number;
}

/**
 * Funding over `intervals` funding times at a constant mark and rate: the engine's payment for one
 * interval (fundingPayment, rounded toward the payer) times the count. A rate beyond the market's
 * cap is refused: the engine never charges it.
 */
export function fundingCalculation(market: CalculatorMarket, input: FundingInput): Calculation<FundingResult, FundingField> {
  const errors: Partial<Record<FundingField, Refusal>> = {};
  const lots = parseSteps(input.size, market.lotSize, MAX_POSITION_LOTS);
  const mark = parseSteps(input.markPrice, market.tickSize, market.maxPriceTicks);
  let rate = parseScaled(input.ratePercent, PERCENT_SCALE, RATE_ONE, { signed: true });
  if (rate.ok && (rate.value > market.fundingCapRate || rate.value < -market.fundingCapRate))
    rate = { ok: false, problem: "aboveCap", limit: market.fundingCapRate.toString() };
  const intervals = parseCount(input.intervals, MAX_FUNDING_INTERVALS);
  collect(errors, "size", lots);
  collect(errors, "markPrice", mark);
  collect(errors, "ratePercent", rate);
  collect(errors, "intervals", intervals);
  if (!lots.ok || !mark.ok || !rate.ok || !intervals.ok) return { ok: false, errors };
  const notional = BigInt(lots.value) * BigInt(mark.value) * market.tickLotValue;
  if (notional > market.maxPositionNotional) return { ok: false, errors: { size: aboveLimit(market) } };
  const signedNotional = input.side === "long" ? notional : -notional;
  const perInterval = fundingPayment(signedNotional, rate.value);
  return {
    ok: true,
    result: {
      signedNotional,
      rate: rate.value,
      intervals: intervals.value,
      perInterval,
      total: perInterval * BigInt(intervals.value),
      holdingMs: intervals.value * market.fundingIntervalMs,
    },
  };
}

// ── Margin tier change ───────────────────────────────────────────────────────────────────────────

export interface TierChangeInput {
  notionalBefore: string;
  notionalAfter: string;
}
export type TierChangeField = "notionalBefore" | "notionalAfter";

export interface TierFigures {
  notional: bigint;
  tier: MarginTier;
  initialMargin: bigint;
  maintenanceMargin: bigint;
}

export interface TierChangeResult {
  before: TierFigures;
  after: TierFigures;
}

/** The tier, initial and maintenance margin of a position before and after its notional changes (the engine's tierFor, initialMargin, maintenanceMargin). */
export function tierChangeCalculation(market: CalculatorMarket, input: TierChangeInput): Calculation<TierChangeResult, TierChangeField> {
  const errors: Partial<Record<TierChangeField, Refusal>> = {};
  const before = withinLimit(market, parseScaled(input.notionalBefore, MONEY_SCALE, MAX_USD_MICROS));
  const after = withinLimit(market, parseScaled(input.notionalAfter, MONEY_SCALE, MAX_USD_MICROS));
  collect(errors, "notionalBefore", before);
  collect(errors, "notionalAfter", after);
  if (!before.ok || !after.ok) return { ok: false, errors };
  return { ok: true, result: { before: tierFigures(market, before.value), after: tierFigures(market, after.value) } };
}

function tierFigures(market: CalculatorMarket, notional: bigint): TierFigures {
  return { notional, tier: tierFor(market, notional), initialMargin: initialMargin(market, notional), maintenanceMargin: maintenanceMargin(market, notional) };
}

// ── What ADL would take ──────────────────────────────────────────────────────────────────────────

export interface AdlPositionInput {
  size: string;
  entryPrice: string;
  collateral: string;
}

export interface AdlInput {
  /** The side of the position in default; ADL takes from the opposite side. */
  bankruptSide: Side;
  /** Size (base asset) of the position in default left for ADL. */
  sizeLeft: string;
  markPrice: string;
  /** Example positions on the opposite side, each held alone in its account. */
  positions: AdlPositionInput[];
}
export type AdlField = "sizeLeft" | "markPrice" | `positions.${number}.${keyof AdlPositionInput}`;

export interface AdlRow {
  /** 1-based, as entered. */
  row: number;
  lots: number;
  entryTicks: number;
  /** Unrealised PnL at the mark, micro-USD. */
  unrealizedPnl: bigint;
  /** Collateral + unrealised PnL, micro-USD. */
  equity: bigint;
  /** |size × mark × tick-lot value|, micro-USD. */
  marketValue: bigint;
  /** The engine's rank key, ppb (null: equity ≤ 0). */
  rankKey: bigint | null;
  /** Position in the ADL queue (1 = first), null when not in it (not profitable at the mark, or no equity). */
  queuePosition: number | null;
  /** Lots ADL would close against the position in default. */
  lotsTaken: number;
}

export interface AdlResult {
  lotsLeft: number;
  markTicks: number;
  /** In the order entered. */
  rows: AdlRow[];
  /** Lots of the position in default the example positions could not take. */
  lotsUnmatched: number;
}

/**
 * Ranks example positions as the engine ranks the opposite side in ADL: the rank key (adlRankKey:
 * PnL% × effective leverage when in profit) at the mark, highest first, ties by the earlier row
 * (the engine: the lower account id); only positions in profit with positive equity are in the
 * queue. ADL then closes the position in default against them in that order, each up to its whole
 * size. The engine also caps a counterparty where the transfer at the bankruptcy price would leave
 * its equity below zero after what the insurance fund can pay; an example position with collateral
 * of at least its notional never meets that cap.
 */
export function adlCalculation(market: CalculatorMarket, input: AdlInput): Calculation<AdlResult, AdlField> {
  const errors: Partial<Record<AdlField, Refusal>> = {};
  const lotsLeft = parseSteps(input.sizeLeft, market.lotSize, MAX_POSITION_LOTS);
  const mark = parseSteps(input.markPrice, market.tickSize, market.maxPriceTicks);
  collect(errors, "sizeLeft", lotsLeft);
  collect(errors, "markPrice", mark);
  const parsed = input.positions.map((position, i) => {
    const lots = parseSteps(position.size, market.lotSize, MAX_POSITION_LOTS);
    const entry = parseSteps(position.entryPrice, market.tickSize, market.maxPriceTicks);
    const collateral = parseScaled(position.collateral, MONEY_SCALE, MAX_USD_MICROS);
    collect(errors, `positions.${i}.size`, lots);
    collect(errors, `positions.${i}.entryPrice`, entry);
    collect(errors, `positions.${i}.collateral`, collateral);
    return lots.ok && entry.ok && collateral.ok ? { lots: lots.value, entryTicks: entry.value, collateral: collateral.value } : null;
  });
  if (!lotsLeft.ok || !mark.ok || parsed.some((p) => p === null)) return { ok: false, errors };
  const sign = input.bankruptSide === "long" ? -1n : 1n;
  const markTicks = mark.value;
  const rows: AdlRow[] = parsed.map((p, i) => {
    const { lots, entryTicks, collateral } = p!;
    const cost = sign * BigInt(lots) * BigInt(entryTicks) * market.tickLotValue;
    const signedValue = sign * BigInt(lots) * BigInt(markTicks) * market.tickLotValue;
    const unrealizedPnl = signedValue - cost;
    const equity = collateral + unrealizedPnl;
    const marketValue = signedValue < 0n ? -signedValue : signedValue;
    const rankKey = adlRankKey(unrealizedPnl, marketValue, cost < 0n ? -cost : cost, equity);
    return { row: i + 1, lots, entryTicks, unrealizedPnl, equity, marketValue, rankKey, queuePosition: null, lotsTaken: 0 };
  });
  const queue = rows.filter((r) => r.unrealizedPnl > 0n && r.equity > 0n).sort((x, y) => compareAdlRank(x.rankKey, x.row, y.rankKey, y.row));
  let left = lotsLeft.value;
  queue.forEach((r, i) => {
    r.queuePosition = i + 1;
    r.lotsTaken = Math.min(left, r.lots);
    left -= r.lotsTaken;
  });
  return { ok: true, result: { lotsLeft: lotsLeft.value, markTicks, rows, lotsUnmatched: left } };
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

function collect<F extends string>(errors: Partial<Record<F, Refusal>>, field: F, parsed: Parsed<unknown>): void {
  if (!parsed.ok) errors[field] = parsed.limit === undefined ? { problem: parsed.problem } : { problem: parsed.problem, limit: parsed.limit };
}

function aboveLimit(market: CalculatorMarket): Refusal {
  return { problem: "aboveLimit", limit: market.maxPositionNotional.toString() };
}

function withinLimit(market: CalculatorMarket, parsed: Parsed<bigint>): Parsed<bigint> {
  if (parsed.ok && parsed.value > market.maxPositionNotional) return { ok: false, problem: "aboveLimit", limit: market.maxPositionNotional.toString() };
  return parsed;
}
