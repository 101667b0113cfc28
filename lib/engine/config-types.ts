/**
 * Market and engine configuration types: the single source for the engine AND the public methodology
 * pages (DISC-1, LIQ-3). So every object here is plain data (no classes, no functions; bigints are
 * fine), every parameter's unit is in its name or in MARKET_PARAMETER_DOCS (parameter-docs.ts), and
 * every derived value (tier IMR and maintenance amount, max leverage, tickLotValue, impact notional,
 * funding cap) is computed from the inputs by `validateMarketSpec` (config-validation.ts), never
 * typed twice. The configured values are in default-config.ts.
 *
 * Units: money bigint micro-USD, rates bigint ppb, time number ms, prices ticks, sizes lots.
 */

import type { CollateralAsset } from "./collateral";

/**
 * Hard floors (MRG-5): limits every market spec must meet whatever else is configured or approved,
 * enforced by `validateMarketSpec`, so they hold at genesis, for every runtime parameter change and
 * on restore. One plain object, so the methodology page renders the same numbers the engine checks.
 */
export const HARD_FLOORS = {
  /** Independent index constituents configured per market: a single venue cannot set the index. */
  minIndexSources: 3,
  /** `index.minValidSources` at least this: fewer fresh, in-band sources and the index holds (liquidations pause) instead of following one or two venues. */
  minValidIndexSources: 3,
  /**
   * Outlier band half-width δ at most 10 % (ppb; must also be > 0). Wider, a venue printing 10 % away
   * from the others still moves the index; spot venues of a liquid asset agree within tenths of a percent.
   */
  maxIndexBandRate: 100_000_000n,
  /** Staleness timeout at least 1 s: below one feed update interval every source would be stale between updates. */
  minIndexStaleAfterMs: 1_000,
  /**
   * Staleness timeout at most 120 s: an older quote is no longer a price for a market that can move
   * several percent in two minutes, and the index must stop trusting it well before liquidations would.
   */
  maxIndexStaleAfterMs: 120_000,
  /** Funding interval at most 24 h: funding must settle at least daily (MRG-3). */
  maxFundingIntervalMs: 24 * 60 * 60 * 1000,
  /** Margin tier floors strictly increase from 0 (MRG-1). */
  marginTierFloorsStrictlyIncreasing: true,
  /** Initial margin rate above the maintenance margin rate in every tier (MRG-1). */
  initialAboveMaintenancePerTier: true,
} as const;

/** One margin tier as configured. A notional N is in tier n when floor_n ≤ N < floor_{n+1}. */
export interface MarginTierInput {
  /** Lower bound of the tier's position notional, micro-USD, inclusive. Tier 1 starts at 0. */
  floorNotional: bigint;
  /** Highest leverage allowed in this tier (integer ≥ 1); IMR = 1 / maxLeverage. */
  maxLeverage: number;
  /** Maintenance margin rate, ppb. */
  maintenanceMarginRate: bigint;
}

/** A tier with its derived values. */
export interface MarginTier extends MarginTierInput {
  /** 1-based tier number as published. */
  tier: number;
  /** Upper bound, micro-USD, exclusive: the next tier's floor, or the market's position limit. */
  capNotional: bigint;
  /** ⌈RATE_ONE / maxLeverage⌉ ppb (rounded up: IM is a requirement on the client). */
  initialMarginRate: bigint;
  /**
   * Maintenance amount ("cum"), micro-USD: MA_1 = 0, MA_n = MA_{n−1} + floor_n·(MMR_n − MMR_{n−1}).
   * It makes MM = N·MMR_n − MA_n continuous at every tier floor. Required to be exact (validator).
   */
  maintenanceAmount: bigint;
}
/** Alias used in the design note. */
export type MarginTierResolved = MarginTier;

/** How the funding rate cap is set. */
export type FundingCapRule =
  /** cap = multiple × MMR of tier 1 (Binance: 0.75·MMR). multiple in ppb (0.75 = 750_000_000n). */
  | { kind: "MMR_MULTIPLE"; multiple: bigint }
  /** cap = a fixed rate per interval, ppb. */
  | { kind: "FIXED"; rate: bigint };

/** Weighting of premium samples within a funding interval. */
export type FundingSampleWeighting =
  /** Sample k of the interval (by time slot, 1-based) has weight k: Binance Σk·P_k / Σk. */
  | "linear"
  /** Every sample has weight 1: a plain time-weighted average. */
  | "equal";

export interface FundingParamsInput {
  /** Length of a funding interval, ms. 0 < intervalMs ≤ 24 h (MRG-3). */
  intervalMs: number;
  /** Premium sampling period, ms; must divide intervalMs. */
  sampleEveryMs: number;
  sampleWeighting: FundingSampleWeighting;
  /** Interest component I per interval, ppb (0.01 % = 100_000n). */
  interestRatePerInterval: bigint;
  /** Half-width of the clamp on (I − P̄), ppb (0.05 % = 500_000n). */
  premiumClampBand: bigint;
  cap: FundingCapRule;
  /** Margin used to size the impact notional, micro-USD (Binance: 200 USDT). */
  impactMargin: bigint;
}

export interface FundingParams extends FundingParamsInput {
  /** |F| ≤ capRate, ppb; derived from `cap`. */
  capRate: bigint;
  /** impactMargin / IMR at max leverage = impactMargin × maxLeverage of tier 1, micro-USD. */
  impactNotional: bigint;
}

/** One index constituent (an independent spot venue). */
export interface IndexSource {
  /** Stable id, used in quotes and in every index record. */
  id: string;
  /** Display name, e.g. "Kraken BTC/USD". */
  name: string;
  /** Relative weight, positive integer. */
  weight: number;
  description?: string;
}

/** Band handling around the median (ANCHORS §3). */
export type IndexOutlierMode =
  /** Prices outside median·(1 ± δ) are clamped to the band edge (Binance/OKX). */
  | "clamp"
  /** Prices outside the band are excluded (BitMEX). */
  | "exclude";

/** How included prices are aggregated into the index. */
export type IndexAggregation =
  /** Weighted median of the included (possibly clamped) prices. */
  | "weighted_median"
  /** Σ wᵢ·Pᵢ / Σ wᵢ over included (possibly clamped) prices: ANCHORS §3 canonical formula. */
  | "banded_weighted_mean";

export interface IndexParams {
  aggregation: IndexAggregation;
  outlierMode: IndexOutlierMode;
  /** Band half-width δ around the weighted median, ppb (1 % = 10_000_000n). */
  bandRate: bigint;
  /** A source with no update for longer than this is stale and excluded, ms. */
  staleAfterMs: number;
  /** Fewer included sources than this: the index holds its previous value and flags itself. */
  minValidSources: number;
  /**
   * Genuine volume floor (MRG-5), whole USD over the venue's recent window (trailing 24 h as the
   * feed reports it): a fresh quote whose `recentVolumeUsd` is below it, or absent, is excluded as
   * "low_volume". Absent = no floor (configurations written before it existed keep their hash).
   */
  minSourceVolumeUsd?: number;
}

export interface IndexParamsInput extends IndexParams {
  sources: IndexSource[];
}

export interface MarkParams {
  /** Window of the moving average of (mid − index) used in P2, ms (Binance: 5 min). */
  basisWindowMs: number;
  /** Basis sampling period, ms (Binance: 1 s). */
  basisSampleEveryMs: number;
}

/** A fraction as two integers, so 2/3 is exact and displays as "2/3". */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface LiquidationParams {
  /** Fee on liquidated notional paid to the insurance fund, ppb. */
  liquidationFeeRate: bigint;
  /** Largest notional liquidated against the book in one step, micro-USD. */
  maxBookChunkNotional: bigint;
  /** Backstop (insurance fund takeover / ADL path) when equity < fraction × MM. */
  backstopEquityBelowMaintenance: Fraction;
  /** Insurance fund balance below which the market alerts and ADL may engage, micro-USD. */
  insuranceFundFloor: bigint;
  /**
   * What happens to a position in default (equity < MM): "full" closes every position of the
   * account through the waterfall (the rule the framework states); "partial" stops as soon as the
   * account is back above maintenance. Optional so a configuration written before the field
   * restores with the same hash; absent means "partial", the rule it was written under.
   */
  closeOut?: LiquidationCloseOut;
}

/** The liquidation rule of a market (LiquidationParams.closeOut). */
export type LiquidationCloseOut = "full" | "partial";

/** The values `closeOut` may take, for validation and the parameter registry. */
export const LIQUIDATION_CLOSE_OUTS: readonly LiquidationCloseOut[] = ["full", "partial"];

/** The rule a market runs: its configured closeOut, or "partial" when the field predates it. */
export function closeOutOf(liquidation: Pick<LiquidationParams, "closeOut">): LiquidationCloseOut {
  return liquidation.closeOut ?? "partial";
}

/**
 * Thresholds of the market's public ADL risk level (DISC-5; adl.ts `adlRiskLevel`). Two measures,
 * both from the distance-to-ADL model: the stress coverage (insurance fund available above its floor
 * ÷ the shortfall of accounts past bankruptcy after a `stressMove` in the worse direction) and the
 * distance to ADL (smallest price move, either way, at which ADL would be needed). The level is the
 * worse of the two: "high" below a high threshold, else "elevated" below an elevated one, else "low".
 */
export interface AdlRiskParams {
  /** Price move (each direction) at which the stressed shortfall is measured, ppb; 0 < move ≤ ADL_MAX_SHOCK. */
  stressMove: bigint;
  /** Stress coverage below this → elevated, ppb of the shortfall (200 % = 2_000_000_000n). */
  elevatedBelowCoverage: bigint;
  /** Stress coverage below this → high, ppb; 0 < high < elevated. */
  highBelowCoverage: bigint;
  /** Distance to ADL below this → elevated, ppb of mark; ≤ ADL_MAX_SHOCK (the curve's range). */
  elevatedBelowDistance: bigint;
  /** Distance to ADL below this → high, ppb; 0 < high < elevated. */
  highBelowDistance: bigint;
}

/** The distance-to-ADL curve spans price shocks of ±ADL_MAX_SHOCK_PCT percent in steps of ADL_CURVE_STEP_PCT (adl.ts). */
export const ADL_MAX_SHOCK_PCT = 50;
export const ADL_CURVE_STEP_PCT = 1;

export interface FeeParams {
  /** Maker fee, ppb; negative is a rebate (|rebate| ≤ taker fee). */
  makerFeeRate: bigint;
  /** Taker fee, ppb, ≥ 0. */
  takerFeeRate: bigint;
}

/**
 * Fat-finger protection (DISC-1): client limit prices must lie within `limitPriceBandRate` of the
 * mark, and a market order sent without a protective price gets one `marketOrderSlippageRate` away
 * from the mark (order-protection.ts). Orders the engine places itself (liquidation, backstop, ADL)
 * are not subject to it.
 */
export interface OrderProtectionParams {
  /** Half-width of the accepted limit-price band around mark, ppb; 0 < rate ≤ 50 %. */
  limitPriceBandRate: bigint;
  /** Distance from mark of a market order's protective limit, ppb; 0 < rate ≤ limitPriceBandRate. */
  marketOrderSlippageRate: bigint;
}

/** A market as configured (inputs only). */
export interface MarketSpecInput {
  /** e.g. "BTC-PERP". */
  symbol: string;
  displayName: string;
  description: string;
  contractType: "LINEAR_PERPETUAL";
  /** Reference asset; must be a VA available for retail spot trading on the VATP (MRG-2). */
  baseAsset: string;
  quoteAsset: "USD";
  settleAsset: "USD";
  /** Price increment in USD, decimal string. */
  tickSize: string;
  /** Size increment in base units, decimal string. */
  lotSize: string;
  minSizeLots: number;
  maxOrderLots: number;
  maxPriceTicks: number;
  /** Largest position notional, micro-USD: the last tier's cap. */
  maxPositionNotional: bigint;
  marginTiers: MarginTierInput[];
  funding: FundingParamsInput;
  index: IndexParamsInput;
  mark: MarkParams;
  liquidation: LiquidationParams;
  fees: FeeParams;
  adlRisk: AdlRiskParams;
  /**
   * Optional so configurations written before it existed (older snapshots) still validate, keep
   * their hash and replay identically: absent = no price band and no automatic protective limit.
   */
  orderProtection?: OrderProtectionParams;
}

/** A validated market with every derived value filled in. */
export interface MarketSpec extends Omit<MarketSpecInput, "marginTiers" | "funding"> {
  /** Money value of one tick × one lot, micro-USD (exact). */
  tickLotValue: bigint;
  marginTiers: MarginTier[];
  /** Max leverage of tier 1. */
  maxLeverage: number;
  funding: FundingParams;
}

export interface ConfigError {
  /** Dotted path into the input, e.g. "marginTiers[2].maintenanceMarginRate". */
  path: string;
  /** Stable code for tests and UIs. */
  code: ConfigErrorCode;
  message: string;
}

export type ConfigErrorCode =
  | "INVALID_TYPE"
  | "INVALID_DECIMAL"
  | "NOT_POSITIVE"
  | "OUT_OF_RANGE"
  | "TICK_LOT_VALUE_NOT_INTEGRAL"
  | "NO_TIERS"
  | "FIRST_FLOOR_NOT_ZERO"
  | "FLOOR_NOT_INCREASING"
  | "MM_NOT_POSITIVE"
  | "IM_NOT_ABOVE_MM"
  | "IM_RATE_DECREASING"
  | "MM_RATE_DECREASING"
  | "MAINTENANCE_AMOUNT_NOT_EXACT"
  | "POSITION_LIMIT_BELOW_LAST_FLOOR"
  | "FUNDING_INTERVAL_NOT_POSITIVE"
  | "FUNDING_INTERVAL_TOO_LONG"
  | "SAMPLE_PERIOD_INVALID"
  | "FUNDING_CAP_INVALID"
  | "TOO_FEW_INDEX_SOURCES"
  | "WEIGHT_NOT_POSITIVE"
  | "DUPLICATE_ID"
  | "FEE_INVALID"
  | "UNKNOWN_ENUM"
  | "COLLATERAL_INELIGIBLE_ASSET"
  | "LICENCE_REQUIRED"
  | "EFFECTIVE_RANGE_INVALID"
  | "THRESHOLDS_NOT_ORDERED"
  | "UNKNOWN_MARKET"
  /** A hard floor (HARD_FLOORS, MRG-5) is not met; the message names the floor. */
  | "HARD_FLOOR"
  /** A market's baseAsset is not in the retail spot listing registry (MRG-2). */
  | "BASE_ASSET_NOT_SPOT_LISTED";

export type ValidationResult<T> = { ok: true; spec: T } | { ok: false; errors: ConfigError[] };

// ---------------------------------------------------------------------------------------------
// Engine-wide configuration
// ---------------------------------------------------------------------------------------------

export interface PlatformParams {
  /** Stamped on every liquidation/ADL record so a record names the formulas it used (LIQ-3). */
  formulaVersion: string;
  settlementAsset: "USD";
  /** Funding times are epoch-aligned multiples of each market's intervalMs (00:00/08:00/16:00 UTC for 8 h). */
  fundingAlignment: "EPOCH_MULTIPLE";
}

// ---------------------------------------------------------------------------------------------
// Affiliated market maker terms (AFMM-6)
// ---------------------------------------------------------------------------------------------

/** What the AFMM commits to quote in one market (monitored by surveillance, not enforced by the engine). */
export interface AfmmQuoteObligation {
  /** Must name a configured market. */
  market: string;
  /** Widest quoted spread (best AFMM bid to best AFMM ask, bps of their mid) that counts as quoting. Integer 1 … 10,000. */
  maxSpreadBps: number;
  /** Minimum size at the AFMM's best bid and best ask, lots (integer ≥ 1). */
  minSizeLots: number;
  /** Share of each hour, percent (0 … 100), both sides must be quoted within the spread and size. */
  minTimeOnBookPct: number;
}

/** Fee rates for afmm-kind accounts in one market, ppb; same rules as FeeParams (0 ≤ taker < 1, −taker ≤ maker ≤ taker). */
export interface AfmmFeeOverride {
  market: string;
  makerFeeRate: bigint;
  takerFeeRate: bigint;
}

/**
 * Every term of the affiliated market maker that differs from, or adds to, what applies to all
 * participants. Any preferential term lives here, so it is configuration, hashed and disclosed.
 */
export interface AfmmTerms {
  /** Fee schedule differences for afmm-kind accounts; empty = the same fees as every participant. */
  feeOverrides: AfmmFeeOverride[];
  /** What the AFMM commits to quote, per market (monitored by surveillance, not enforced by the engine). */
  quoteObligations: AfmmQuoteObligation[];
}

/**
 * An asset in the platform's retail spot listing registry (MRG-2): a perpetual's reference asset
 * must be one. `asset` is the code markets name as `baseAsset` (e.g. "BTC").
 */
export interface SpotListing {
  asset: string;
  /** As shown to clients, e.g. "Bitcoin". */
  name: string;
  /** When retail spot trading of the asset began on the platform, epoch ms. */
  listedSinceMs: number;
}

export interface EngineConfigInput {
  platform: PlatformParams;
  markets: MarketSpecInput[];
  collateral: CollateralAsset[];
  /**
   * The retail spot listing registry (MRG-2): every market's baseAsset must be listed. Optional so
   * configurations written before it existed (older snapshots) still validate and keep their hash:
   * absent = not checked. Every configuration written now carries it (the default lists BTC and ETH).
   */
  spotListings?: SpotListing[];
  /**
   * AFMM terms (AFMM-6). Optional so configurations written before they existed (older snapshots)
   * still validate and keep their hash: absent = no fee overrides and no quote obligations.
   */
  afmm?: AfmmTerms;
}

/** The whole validated engine configuration; plain data, suitable for canonical hashing. */
export interface EngineConfig {
  platform: PlatformParams;
  markets: MarketSpec[];
  collateral: CollateralAsset[];
  /** Absent only in configurations written before the registry existed (= not checked). */
  spotListings?: SpotListing[];
  /** Absent only in configurations written before AFMM terms existed (= no overrides, no obligations). */
  afmm?: AfmmTerms;
}
