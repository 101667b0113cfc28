/**
 * Market and engine configuration: the single source for the engine AND the public methodology
 * pages (DISC-1, LIQ-3). So every object here is plain data (no classes, no functions; bigints are
 * fine), every parameter's unit is in its name or in PARAMETER_DOCS, and every derived value
 * (tier IMR and maintenance amount, max leverage, tickLotValue, impact notional, funding cap) is
 * computed from the inputs by `validateMarketSpec`, never typed twice.
 *
 * Units: money bigint micro-USD, rates bigint ppb, time number ms, prices ticks, sizes lots.
 */

import {
  MAX_LOTS,
  MAX_PRICE_TICKS,
  RATE_ONE,
  decimalParts,
  divCeil,
  formatDecimal,
  mulDivFloor,
  pct,
  tickLotValueOf,
  usd,
} from "./fixed-point";
import { DEFAULT_COLLATERAL_REGISTRY, validateCollateralRegistry, type CollateralAsset } from "./collateral";

export { DEFAULT_COLLATERAL_REGISTRY, type CollateralAsset } from "./collateral";

/** Longest funding interval the SFC framework allows: funding must trigger at least daily (MRG-3). */
export const MAX_FUNDING_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Minimum number of independent index constituents we accept in a market spec. */
export const MIN_INDEX_SOURCES = 3;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

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
  | "THRESHOLDS_NOT_ORDERED";

export type ValidationResult<T> = { ok: true; spec: T } | { ok: false; errors: ConfigError[] };

// ---------------------------------------------------------------------------------------------
// Validation and derivation
// ---------------------------------------------------------------------------------------------

/**
 * Validate a market spec and derive tickLotValue, tier IMR/maintenance amount/caps, max leverage,
 * funding cap and impact notional. Enforces: IM > MM > 0 in every tier (MRG-1), IM rates
 * non-decreasing (max leverage non-increasing) and MM rates non-decreasing as tiers rise, floors
 * strictly increasing from 0, exact maintenance amounts, 0 < funding interval ≤ 24 h (MRG-3),
 * ≥ 3 index sources with positive weights and unique ids, integral tickLotValue, positive sizes.
 * Never throws on bad input; collects every error.
 */
export function validateMarketSpec(raw: unknown): ValidationResult<MarketSpec> {
  const errors: ConfigError[] = [];
  const err = (path: string, code: ConfigErrorCode, message: string) => errors.push({ path, code, message });
  if (!isRecord(raw)) {
    return { ok: false, errors: [{ path: "", code: "INVALID_TYPE", message: "market spec must be an object" }] };
  }
  const r = raw as Partial<MarketSpecInput> & Record<string, unknown>;

  for (const key of ["symbol", "displayName", "description", "baseAsset"] as const) {
    if (typeof r[key] !== "string" || r[key] === "") err(key, "INVALID_TYPE", `${key} must be a non-empty string`);
  }
  if (r.contractType !== "LINEAR_PERPETUAL") err("contractType", "UNKNOWN_ENUM", "only LINEAR_PERPETUAL is supported");
  if (r.quoteAsset !== "USD") err("quoteAsset", "UNKNOWN_ENUM", "markets are quoted in USD");
  if (r.settleAsset !== "USD") err("settleAsset", "UNKNOWN_ENUM", "markets settle in USD");

  // Sizes and the tick × lot value.
  let tickLotValue: bigint | null = null;
  const tickOk = checkPositiveDecimal(r.tickSize, "tickSize", err);
  const lotOk = checkPositiveDecimal(r.lotSize, "lotSize", err);
  if (tickOk && lotOk) {
    tickLotValue = tickLotValueOf(r.tickSize as string, r.lotSize as string);
    if (tickLotValue === null) {
      err(
        "tickSize",
        "TICK_LOT_VALUE_NOT_INTEGRAL",
        `tickSize × lotSize = ${r.tickSize} × ${r.lotSize} USD is not a whole number of micro-USD`,
      );
    }
  }
  checkIntIn(r.maxPriceTicks, "maxPriceTicks", 1, MAX_PRICE_TICKS, err);
  checkIntIn(r.maxOrderLots, "maxOrderLots", 1, MAX_LOTS, err);
  checkIntIn(r.minSizeLots, "minSizeLots", 1, typeof r.maxOrderLots === "number" ? r.maxOrderLots : MAX_LOTS, err);

  const tiers = deriveTiers(r.marginTiers, r.maxPositionNotional, err);
  const funding = deriveFunding(r.funding, tiers, err);
  checkIndex(r.index, err);
  checkMark(r.mark, err);
  checkLiquidation(r.liquidation, err);
  checkFees(r.fees, err);
  checkAdlRisk(r.adlRisk, err);

  if (errors.length > 0 || tiers === null || funding === null || tickLotValue === null) {
    return { ok: false, errors };
  }
  const input = r as MarketSpecInput;
  const spec: MarketSpec = {
    symbol: input.symbol,
    displayName: input.displayName,
    description: input.description,
    contractType: input.contractType,
    baseAsset: input.baseAsset,
    quoteAsset: input.quoteAsset,
    settleAsset: input.settleAsset,
    tickSize: input.tickSize,
    lotSize: input.lotSize,
    tickLotValue,
    minSizeLots: input.minSizeLots,
    maxOrderLots: input.maxOrderLots,
    maxPriceTicks: input.maxPriceTicks,
    maxPositionNotional: input.maxPositionNotional,
    maxLeverage: tiers[0].maxLeverage,
    marginTiers: tiers,
    funding,
    index: { ...input.index, sources: input.index.sources.map((s) => ({ ...s })) },
    mark: { ...input.mark },
    liquidation: {
      ...input.liquidation,
      backstopEquityBelowMaintenance: { ...input.liquidation.backstopEquityBelowMaintenance },
    },
    fees: { ...input.fees },
    adlRisk: { ...input.adlRisk },
  };
  return { ok: true, spec };
}

/** Like validateMarketSpec but throws with every error listed; for defaults and tests. */
export function resolveMarketSpec(raw: MarketSpecInput): MarketSpec {
  const res = validateMarketSpec(raw);
  if (!res.ok) throw new Error(`invalid market spec ${String(raw.symbol)}:\n${formatConfigErrors(res.errors)}`);
  return res.spec;
}

export function formatConfigErrors(errors: ConfigError[]): string {
  return errors.map((e) => `  ${e.path || "(root)"}: ${e.code}: ${e.message}`).join("\n");
}

type Err = (path: string, code: ConfigErrorCode, message: string) => void;

function deriveTiers(raw: unknown, maxPositionNotional: unknown, err: Err): MarginTier[] | null {
  if (!Array.isArray(raw)) {
    err("marginTiers", "INVALID_TYPE", "marginTiers must be an array");
    return null;
  }
  if (raw.length === 0) {
    err("marginTiers", "NO_TIERS", "at least one margin tier is required (MRG-1)");
    return null;
  }
  let ok = true;
  const out: MarginTier[] = [];
  let prevMa = 0n;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i] as Partial<MarginTierInput> | undefined;
    const p = `marginTiers[${i}]`;
    if (!isRecord(t)) {
      err(p, "INVALID_TYPE", "tier must be an object");
      ok = false;
      continue;
    }
    const prev = i > 0 ? (raw[i - 1] as Partial<MarginTierInput>) : undefined;
    if (typeof t.floorNotional !== "bigint") {
      err(`${p}.floorNotional`, "INVALID_TYPE", "floorNotional must be a bigint (micro-USD)");
      ok = false;
    } else if (i === 0 && t.floorNotional !== 0n) {
      err(`${p}.floorNotional`, "FIRST_FLOOR_NOT_ZERO", "tier 1 must start at notional 0");
      ok = false;
    } else if (prev && typeof prev.floorNotional === "bigint" && t.floorNotional <= prev.floorNotional) {
      err(`${p}.floorNotional`, "FLOOR_NOT_INCREASING", `tier ${i + 1} floor must exceed tier ${i}'s`);
      ok = false;
    }
    const levOk = checkIntIn(t.maxLeverage, `${p}.maxLeverage`, 1, 1000, err);
    const mmr = t.maintenanceMarginRate;
    let mmrOk = true;
    if (typeof mmr !== "bigint") {
      err(`${p}.maintenanceMarginRate`, "INVALID_TYPE", "maintenanceMarginRate must be a bigint (ppb)");
      mmrOk = ok = false;
    } else if (mmr <= 0n) {
      err(`${p}.maintenanceMarginRate`, "MM_NOT_POSITIVE", `tier ${i + 1}: MMR must be > 0 (MRG-1)`);
      mmrOk = ok = false;
    }
    if (!levOk) ok = false;
    if (levOk && mmrOk) {
      const lev = t.maxLeverage as number;
      // IMR > MMR ⇔ 1/lev > MMR ⇔ RATE_ONE > MMR·lev: compared exactly, before IMR is rounded.
      if (RATE_ONE <= (mmr as bigint) * BigInt(lev)) {
        err(
          `${p}.maintenanceMarginRate`,
          "IM_NOT_ABOVE_MM",
          `tier ${i + 1}: IMR 1/${lev} must exceed MMR ${formatDecimal(mmr as bigint, 7)}% (MRG-1)`,
        );
        ok = false;
      }
      if (prev && typeof prev.maxLeverage === "number" && lev > prev.maxLeverage) {
        err(`${p}.maxLeverage`, "IM_RATE_DECREASING", `tier ${i + 1}: max leverage may not rise with notional (IMR non-decreasing)`);
        ok = false;
      }
      if (prev && typeof prev.maintenanceMarginRate === "bigint" && (mmr as bigint) < prev.maintenanceMarginRate) {
        err(`${p}.maintenanceMarginRate`, "MM_RATE_DECREASING", `tier ${i + 1}: MMR may not fall as notional rises`);
        ok = false;
      }
    }
    if (!ok) continue;
    const floor = t.floorNotional as bigint;
    const prevMmr = prev ? (prev.maintenanceMarginRate as bigint) : (mmr as bigint);
    const scaled = floor * ((mmr as bigint) - prevMmr);
    // The published maintenance amount must equal the one the engine uses, so demand exactness
    // rather than rounding here (rounding would break MM continuity at the boundary).
    if (scaled % RATE_ONE !== 0n) {
      err(
        `${p}.maintenanceMarginRate`,
        "MAINTENANCE_AMOUNT_NOT_EXACT",
        `tier ${i + 1}: floor × ΔMMR is not a whole micro-USD; use a rounder floor or MMR`,
      );
      ok = false;
      continue;
    }
    const ma = i === 0 ? 0n : prevMa + scaled / RATE_ONE;
    prevMa = ma;
    out.push({
      tier: i + 1,
      floorNotional: floor,
      capNotional: 0n,
      maxLeverage: t.maxLeverage as number,
      maintenanceMarginRate: mmr as bigint,
      initialMarginRate: divCeil(RATE_ONE, BigInt(t.maxLeverage as number)),
      maintenanceAmount: ma,
    });
  }
  if (typeof maxPositionNotional !== "bigint") {
    err("maxPositionNotional", "INVALID_TYPE", "maxPositionNotional must be a bigint (micro-USD)");
    return null;
  }
  if (!ok) return null;
  const last = out[out.length - 1];
  if (maxPositionNotional <= last.floorNotional) {
    err("maxPositionNotional", "POSITION_LIMIT_BELOW_LAST_FLOOR", "position limit must exceed the last tier's floor");
    return null;
  }
  for (let i = 0; i < out.length; i++) {
    out[i].capNotional = i + 1 < out.length ? out[i + 1].floorNotional : maxPositionNotional;
  }
  return out;
}

function deriveFunding(raw: unknown, tiers: MarginTier[] | null, err: Err): FundingParams | null {
  if (!isRecord(raw)) {
    err("funding", "INVALID_TYPE", "funding params must be an object");
    return null;
  }
  const f = raw as Partial<FundingParamsInput>;
  let ok = true;
  const interval = f.intervalMs;
  if (typeof interval !== "number" || !Number.isSafeInteger(interval)) {
    err("funding.intervalMs", "INVALID_TYPE", "intervalMs must be an integer number of ms");
    ok = false;
  } else if (interval <= 0) {
    err("funding.intervalMs", "FUNDING_INTERVAL_NOT_POSITIVE", "funding interval must be > 0");
    ok = false;
  } else if (interval > MAX_FUNDING_INTERVAL_MS) {
    err(
      "funding.intervalMs",
      "FUNDING_INTERVAL_TOO_LONG",
      `funding interval ${interval / 3_600_000} h exceeds 24 h: funding must trigger at least daily (MRG-3)`,
    );
    ok = false;
  }
  const every = f.sampleEveryMs;
  if (typeof every !== "number" || !Number.isSafeInteger(every) || every <= 0) {
    err("funding.sampleEveryMs", "SAMPLE_PERIOD_INVALID", "sampleEveryMs must be a positive integer");
    ok = false;
  } else if (ok && (interval as number) % every !== 0) {
    err("funding.sampleEveryMs", "SAMPLE_PERIOD_INVALID", "sampleEveryMs must divide intervalMs");
    ok = false;
  }
  if (f.sampleWeighting !== "linear" && f.sampleWeighting !== "equal") {
    err("funding.sampleWeighting", "UNKNOWN_ENUM", 'sampleWeighting must be "linear" or "equal"');
    ok = false;
  }
  if (typeof f.interestRatePerInterval !== "bigint") {
    err("funding.interestRatePerInterval", "INVALID_TYPE", "interestRatePerInterval must be a bigint (ppb)");
    ok = false;
  }
  if (typeof f.premiumClampBand !== "bigint" || f.premiumClampBand < 0n) {
    err("funding.premiumClampBand", "OUT_OF_RANGE", "premiumClampBand must be a bigint ≥ 0 (ppb)");
    ok = false;
  }
  if (typeof f.impactMargin !== "bigint" || f.impactMargin <= 0n) {
    err("funding.impactMargin", "NOT_POSITIVE", "impactMargin must be a positive bigint (micro-USD)");
    ok = false;
  }
  let capRate: bigint | null = null;
  const cap = f.cap as FundingCapRule | undefined;
  if (!isRecord(cap)) {
    err("funding.cap", "INVALID_TYPE", "cap must be an object");
    ok = false;
  } else if (cap.kind === "MMR_MULTIPLE") {
    if (typeof cap.multiple !== "bigint" || cap.multiple <= 0n) {
      err("funding.cap.multiple", "FUNDING_CAP_INVALID", "cap multiple must be a positive bigint (ppb)");
      ok = false;
    } else if (tiers) {
      // Rounded down: a narrower cap is the conservative side for both longs and shorts.
      capRate = mulDivFloor(tiers[0].maintenanceMarginRate, cap.multiple, RATE_ONE);
    }
  } else if (cap.kind === "FIXED") {
    if (typeof cap.rate !== "bigint" || cap.rate <= 0n) {
      err("funding.cap.rate", "FUNDING_CAP_INVALID", "fixed cap must be a positive bigint (ppb)");
      ok = false;
    } else capRate = cap.rate;
  } else {
    err("funding.cap.kind", "UNKNOWN_ENUM", 'cap.kind must be "MMR_MULTIPLE" or "FIXED"');
    ok = false;
  }
  if (capRate !== null && typeof f.interestRatePerInterval === "bigint") {
    const i = f.interestRatePerInterval < 0n ? -f.interestRatePerInterval : f.interestRatePerInterval;
    if (capRate <= 0n || i > capRate) {
      err("funding.cap", "FUNDING_CAP_INVALID", "funding cap must be positive and at least |interest rate|");
      ok = false;
    }
  }
  if (!ok || !tiers || capRate === null) return null;
  return {
    intervalMs: interval as number,
    sampleEveryMs: every as number,
    sampleWeighting: f.sampleWeighting as FundingSampleWeighting,
    interestRatePerInterval: f.interestRatePerInterval as bigint,
    premiumClampBand: f.premiumClampBand as bigint,
    cap: { ...(cap as FundingCapRule) },
    impactMargin: f.impactMargin as bigint,
    capRate,
    // IMR at max leverage is exactly 1/maxLeverage, so impactMargin / IMR needs no rounding.
    impactNotional: (f.impactMargin as bigint) * BigInt(tiers[0].maxLeverage),
  };
}

function checkIndex(raw: unknown, err: Err): void {
  if (!isRecord(raw)) {
    err("index", "INVALID_TYPE", "index params must be an object");
    return;
  }
  const x = raw as Partial<IndexParamsInput>;
  if (x.aggregation !== "weighted_median" && x.aggregation !== "banded_weighted_mean") {
    err("index.aggregation", "UNKNOWN_ENUM", 'aggregation must be "weighted_median" or "banded_weighted_mean"');
  }
  if (x.outlierMode !== "clamp" && x.outlierMode !== "exclude") {
    err("index.outlierMode", "UNKNOWN_ENUM", 'outlierMode must be "clamp" or "exclude"');
  }
  if (typeof x.bandRate !== "bigint" || x.bandRate <= 0n || x.bandRate >= RATE_ONE) {
    err("index.bandRate", "OUT_OF_RANGE", "bandRate must be a bigint in (0, RATE_ONE) ppb");
  }
  checkIntIn(x.staleAfterMs, "index.staleAfterMs", 1, MAX_FUNDING_INTERVAL_MS, err);
  checkIntIn(x.minValidSources, "index.minValidSources", 1, 1000, err);
  if (!Array.isArray(x.sources)) {
    err("index.sources", "INVALID_TYPE", "sources must be an array");
    return;
  }
  if (x.sources.length < MIN_INDEX_SOURCES) {
    err("index.sources", "TOO_FEW_INDEX_SOURCES", `at least ${MIN_INDEX_SOURCES} independent index sources are required`);
  }
  if (typeof x.minValidSources === "number" && x.minValidSources > x.sources.length) {
    err("index.minValidSources", "OUT_OF_RANGE", "minValidSources exceeds the number of sources");
  }
  const seen = new Set<string>();
  x.sources.forEach((s, i) => {
    const p = `index.sources[${i}]`;
    if (!isRecord(s) || typeof s.id !== "string" || s.id === "" || typeof s.name !== "string") {
      err(p, "INVALID_TYPE", "a source needs a non-empty string id and a name");
      return;
    }
    if (seen.has(s.id)) err(`${p}.id`, "DUPLICATE_ID", `duplicate source id "${s.id}"`);
    seen.add(s.id);
    if (typeof s.weight !== "number" || !Number.isSafeInteger(s.weight) || s.weight <= 0) {
      err(`${p}.weight`, "WEIGHT_NOT_POSITIVE", `source "${s.id}" weight must be a positive integer`);
    }
  });
}

function checkMark(raw: unknown, err: Err): void {
  if (!isRecord(raw)) {
    err("mark", "INVALID_TYPE", "mark params must be an object");
    return;
  }
  const m = raw as Partial<MarkParams>;
  const a = checkIntIn(m.basisWindowMs, "mark.basisWindowMs", 1, MAX_FUNDING_INTERVAL_MS, err);
  const b = checkIntIn(m.basisSampleEveryMs, "mark.basisSampleEveryMs", 1, MAX_FUNDING_INTERVAL_MS, err);
  if (a && b && (m.basisSampleEveryMs as number) > (m.basisWindowMs as number)) {
    err("mark.basisSampleEveryMs", "SAMPLE_PERIOD_INVALID", "basis sample period must not exceed the window");
  }
}

function checkLiquidation(raw: unknown, err: Err): void {
  if (!isRecord(raw)) {
    err("liquidation", "INVALID_TYPE", "liquidation params must be an object");
    return;
  }
  const l = raw as Partial<LiquidationParams>;
  if (typeof l.liquidationFeeRate !== "bigint" || l.liquidationFeeRate < 0n || l.liquidationFeeRate >= RATE_ONE) {
    err("liquidation.liquidationFeeRate", "OUT_OF_RANGE", "liquidationFeeRate must be a bigint in [0, RATE_ONE) ppb");
  }
  if (typeof l.maxBookChunkNotional !== "bigint" || l.maxBookChunkNotional <= 0n) {
    err("liquidation.maxBookChunkNotional", "NOT_POSITIVE", "maxBookChunkNotional must be a positive bigint (micro-USD)");
  }
  if (typeof l.insuranceFundFloor !== "bigint" || l.insuranceFundFloor < 0n) {
    err("liquidation.insuranceFundFloor", "OUT_OF_RANGE", "insuranceFundFloor must be a bigint ≥ 0 (micro-USD)");
  }
  const fr = l.backstopEquityBelowMaintenance;
  if (
    !isRecord(fr) ||
    !Number.isSafeInteger(fr.numerator) ||
    !Number.isSafeInteger(fr.denominator) ||
    fr.numerator <= 0 ||
    fr.denominator <= 0 ||
    fr.numerator > fr.denominator
  ) {
    err(
      "liquidation.backstopEquityBelowMaintenance",
      "OUT_OF_RANGE",
      "backstop trigger must be a fraction numerator/denominator in (0, 1]",
    );
  }
}

function checkFees(raw: unknown, err: Err): void {
  if (!isRecord(raw)) {
    err("fees", "INVALID_TYPE", "fee params must be an object");
    return;
  }
  const f = raw as Partial<FeeParams>;
  if (typeof f.takerFeeRate !== "bigint" || f.takerFeeRate < 0n || f.takerFeeRate >= RATE_ONE) {
    err("fees.takerFeeRate", "FEE_INVALID", "takerFeeRate must be a bigint in [0, RATE_ONE) ppb");
    return;
  }
  // A maker rebate larger than the taker fee would let a self-crossing pair of accounts mint money.
  if (typeof f.makerFeeRate !== "bigint" || f.makerFeeRate > f.takerFeeRate || f.makerFeeRate < -f.takerFeeRate) {
    err("fees.makerFeeRate", "FEE_INVALID", "makerFeeRate must be a bigint with −taker ≤ maker ≤ taker");
  }
}

function checkAdlRisk(raw: unknown, err: Err): void {
  if (!isRecord(raw)) {
    err("adlRisk", "INVALID_TYPE", "adlRisk thresholds must be an object");
    return;
  }
  const a = raw as Partial<AdlRiskParams>;
  const maxShock = BigInt(ADL_MAX_SHOCK_PCT) * (RATE_ONE / 100n);
  const positive = (key: keyof AdlRiskParams, max: bigint | null): boolean => {
    const v = a[key];
    if (typeof v !== "bigint") {
      err(`adlRisk.${key}`, "INVALID_TYPE", `${key} must be a bigint (ppb)`);
      return false;
    }
    if (v <= 0n || (max !== null && v > max)) {
      err(`adlRisk.${key}`, "OUT_OF_RANGE", `${key} must be > 0${max !== null ? ` and ≤ ${ADL_MAX_SHOCK_PCT} % (the range of the distance-to-ADL curve)` : ""} ppb`);
      return false;
    }
    return true;
  };
  positive("stressMove", maxShock);
  if (positive("highBelowCoverage", null) && positive("elevatedBelowCoverage", null) && (a.highBelowCoverage as bigint) >= (a.elevatedBelowCoverage as bigint)) {
    err("adlRisk.highBelowCoverage", "THRESHOLDS_NOT_ORDERED", "the high-risk coverage threshold must be below the elevated one");
  }
  if (positive("highBelowDistance", maxShock) && positive("elevatedBelowDistance", maxShock) && (a.highBelowDistance as bigint) >= (a.elevatedBelowDistance as bigint)) {
    err("adlRisk.highBelowDistance", "THRESHOLDS_NOT_ORDERED", "the high-risk distance threshold must be below the elevated one");
  }
}

function checkPositiveDecimal(v: unknown, path: string, err: Err): boolean {
  if (typeof v !== "string") {
    err(path, "INVALID_TYPE", `${path} must be a decimal string`);
    return false;
  }
  try {
    if (decimalParts(v).units <= 0n) {
      err(path, "NOT_POSITIVE", `${path} must be > 0`);
      return false;
    }
    return true;
  } catch {
    err(path, "INVALID_DECIMAL", `${path} "${v}" is not a plain decimal number`);
    return false;
  }
}

function checkIntIn(v: unknown, path: string, lo: number, hi: number, err: Err): boolean {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    err(path, "INVALID_TYPE", `${path} must be an integer`);
    return false;
  }
  if (v < lo || v > hi) {
    err(path, lo === 1 && v < 1 ? "NOT_POSITIVE" : "OUT_OF_RANGE", `${path} must be in ${lo} … ${hi}, got ${v}`);
    return false;
  }
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

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

export interface EngineConfigInput {
  platform: PlatformParams;
  markets: MarketSpecInput[];
  collateral: CollateralAsset[];
}

/** The whole validated engine configuration; plain data, suitable for canonical hashing. */
export interface EngineConfig {
  platform: PlatformParams;
  markets: MarketSpec[];
  collateral: CollateralAsset[];
}

/** Validate markets (each path prefixed "markets[i]."), collateral registry and platform params. */
export function validateEngineConfig(
  raw: unknown,
): { ok: true; config: EngineConfig } | { ok: false; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  if (!isRecord(raw)) return { ok: false, errors: [{ path: "", code: "INVALID_TYPE", message: "config must be an object" }] };
  const r = raw as Partial<EngineConfigInput>;
  const p = r.platform as Partial<PlatformParams> | undefined;
  if (!isRecord(p)) errors.push({ path: "platform", code: "INVALID_TYPE", message: "platform params must be an object" });
  else {
    if (typeof p.formulaVersion !== "string" || p.formulaVersion === "") {
      errors.push({ path: "platform.formulaVersion", code: "INVALID_TYPE", message: "formulaVersion must be a non-empty string" });
    }
    if (p.settlementAsset !== "USD") {
      errors.push({ path: "platform.settlementAsset", code: "UNKNOWN_ENUM", message: "settlementAsset must be USD" });
    }
    if (p.fundingAlignment !== "EPOCH_MULTIPLE") {
      errors.push({ path: "platform.fundingAlignment", code: "UNKNOWN_ENUM", message: 'fundingAlignment must be "EPOCH_MULTIPLE"' });
    }
  }
  const markets: MarketSpec[] = [];
  if (!Array.isArray(r.markets) || r.markets.length === 0) {
    errors.push({ path: "markets", code: "INVALID_TYPE", message: "markets must be a non-empty array" });
  } else {
    const symbols = new Set<string>();
    r.markets.forEach((m, i) => {
      const res = validateMarketSpec(m);
      if (!res.ok) {
        for (const e of res.errors) errors.push({ ...e, path: `markets[${i}]${e.path ? "." + e.path : ""}` });
        return;
      }
      if (symbols.has(res.spec.symbol)) {
        errors.push({ path: `markets[${i}].symbol`, code: "DUPLICATE_ID", message: `duplicate market ${res.spec.symbol}` });
      }
      symbols.add(res.spec.symbol);
      markets.push(res.spec);
    });
  }
  for (const e of validateCollateralRegistry(r.collateral)) {
    errors.push({ ...e, path: `collateral${e.path.startsWith("[") ? "" : "."}${e.path}` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      platform: { ...(p as PlatformParams) },
      markets,
      collateral: (r.collateral as CollateralAsset[]).map((c) => ({ ...c })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 60 * 60 * 1000;

/**
 * Index constituents are illustrative: venues with deep USD spot books. Before production each must
 * be confirmed as independent, licensed for data redistribution, and the base asset as available
 * for retail spot trading on our VATP (MRG-2).
 */
const ILLUSTRATIVE = "Illustrative constituent; confirm data licence and independence before production.";

const COMMON_FUNDING = {
  intervalMs: 8 * HOUR_MS,
  sampleEveryMs: 5_000,
  sampleWeighting: "linear",
  interestRatePerInterval: pct("0.01"),
  premiumClampBand: pct("0.05"),
  cap: { kind: "MMR_MULTIPLE", multiple: 750_000_000n },
  impactMargin: usd(200),
} satisfies FundingParamsInput;

const COMMON_INDEX = {
  aggregation: "banded_weighted_mean",
  outlierMode: "clamp",
  bandRate: pct("1"),
  staleAfterMs: 60_000,
  minValidSources: 3,
} satisfies IndexParams;

const COMMON_MARK = { basisWindowMs: 5 * 60_000, basisSampleEveryMs: 1_000 } satisfies MarkParams;

/**
 * ADL risk level thresholds (DISC-5). Coverage is measured after a 20 % move (about the largest
 * daily BTC/ETH moves on record); "high" when the fund could not pay that shortfall, "elevated" when
 * it could pay it less than twice. Distance: "high" inside 10 %, "elevated" inside 20 %.
 */
const COMMON_ADL_RISK = {
  stressMove: pct("20"),
  elevatedBelowCoverage: pct("200"),
  highBelowCoverage: pct("100"),
  elevatedBelowDistance: pct("20"),
  highBelowDistance: pct("10"),
} satisfies AdlRiskParams;

/**
 * BTC-PERP as configured. Tiers follow the shape of Binance BTCUSDT (ANCHORS §4) but start at 50x,
 * not 125x, and keep IMR ≥ 2 × MMR in every tier for a professional-investor-only venue.
 */
export const BTC_PERP_INPUT: MarketSpecInput = {
  symbol: "BTC-PERP",
  displayName: "Bitcoin perpetual (USD-settled)",
  description: "Linear perpetual on BTC, quoted and settled in USD; 1 lot = 0.001 BTC.",
  contractType: "LINEAR_PERPETUAL",
  baseAsset: "BTC",
  quoteAsset: "USD",
  settleAsset: "USD",
  tickSize: "0.1",
  lotSize: "0.001",
  minSizeLots: 1,
  maxOrderLots: 1_000_000, // 1,000 BTC
  maxPriceTicks: 1_000_000_000, // 100,000,000 USD
  maxPositionNotional: usd(50_000_000),
  marginTiers: [
    { floorNotional: usd(0), maxLeverage: 50, maintenanceMarginRate: pct("0.5") },
    { floorNotional: usd(50_000), maxLeverage: 25, maintenanceMarginRate: pct("1") },
    { floorNotional: usd(250_000), maxLeverage: 20, maintenanceMarginRate: pct("1.5") },
    { floorNotional: usd(1_000_000), maxLeverage: 10, maintenanceMarginRate: pct("2.5") },
    { floorNotional: usd(5_000_000), maxLeverage: 5, maintenanceMarginRate: pct("5") },
    { floorNotional: usd(10_000_000), maxLeverage: 3, maintenanceMarginRate: pct("10") },
    { floorNotional: usd(20_000_000), maxLeverage: 2, maintenanceMarginRate: pct("15") },
  ],
  funding: COMMON_FUNDING,
  index: {
    ...COMMON_INDEX,
    sources: [
      { id: "hashkey", name: "HashKey Exchange BTC/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "osl", name: "OSL BTC/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "coinbase", name: "Coinbase BTC/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "kraken", name: "Kraken BTC/USD", weight: 1, description: ILLUSTRATIVE },
      { id: "bitstamp", name: "Bitstamp BTC/USD", weight: 1, description: ILLUSTRATIVE },
    ],
  },
  mark: COMMON_MARK,
  liquidation: {
    liquidationFeeRate: pct("0.5"),
    maxBookChunkNotional: usd(250_000),
    backstopEquityBelowMaintenance: { numerator: 2, denominator: 3 },
    insuranceFundFloor: usd(1_000_000),
  },
  fees: { makerFeeRate: pct("0.02"), takerFeeRate: pct("0.05") },
  adlRisk: COMMON_ADL_RISK,
};

/** ETH-PERP as configured: lower leverage and earlier tier steps than BTC (thinner books). */
export const ETH_PERP_INPUT: MarketSpecInput = {
  symbol: "ETH-PERP",
  displayName: "Ether perpetual (USD-settled)",
  description: "Linear perpetual on ETH, quoted and settled in USD; 1 lot = 0.01 ETH.",
  contractType: "LINEAR_PERPETUAL",
  baseAsset: "ETH",
  quoteAsset: "USD",
  settleAsset: "USD",
  tickSize: "0.01",
  lotSize: "0.01",
  minSizeLots: 1,
  maxOrderLots: 1_000_000, // 10,000 ETH
  maxPriceTicks: 1_000_000_000, // 10,000,000 USD
  maxPositionNotional: usd(20_000_000),
  marginTiers: [
    { floorNotional: usd(0), maxLeverage: 40, maintenanceMarginRate: pct("0.65") },
    { floorNotional: usd(25_000), maxLeverage: 25, maintenanceMarginRate: pct("1") },
    { floorNotional: usd(100_000), maxLeverage: 20, maintenanceMarginRate: pct("1.5") },
    { floorNotional: usd(500_000), maxLeverage: 10, maintenanceMarginRate: pct("2.5") },
    { floorNotional: usd(2_000_000), maxLeverage: 5, maintenanceMarginRate: pct("5") },
    { floorNotional: usd(5_000_000), maxLeverage: 3, maintenanceMarginRate: pct("10") },
    { floorNotional: usd(10_000_000), maxLeverage: 2, maintenanceMarginRate: pct("15") },
  ],
  funding: COMMON_FUNDING,
  index: {
    ...COMMON_INDEX,
    sources: [
      { id: "hashkey", name: "HashKey Exchange ETH/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "osl", name: "OSL ETH/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "coinbase", name: "Coinbase ETH/USD", weight: 2, description: ILLUSTRATIVE },
      { id: "kraken", name: "Kraken ETH/USD", weight: 1, description: ILLUSTRATIVE },
      { id: "bitstamp", name: "Bitstamp ETH/USD", weight: 1, description: ILLUSTRATIVE },
    ],
  },
  mark: COMMON_MARK,
  liquidation: {
    liquidationFeeRate: pct("0.5"),
    maxBookChunkNotional: usd(100_000),
    backstopEquityBelowMaintenance: { numerator: 2, denominator: 3 },
    insuranceFundFloor: usd(500_000),
  },
  fees: { makerFeeRate: pct("0.02"), takerFeeRate: pct("0.05") },
  adlRisk: COMMON_ADL_RISK,
};

export const DEFAULT_PLATFORM: PlatformParams = {
  formulaVersion: "formulas-1.0.0",
  settlementAsset: "USD",
  fundingAlignment: "EPOCH_MULTIPLE",
};

export const DEFAULT_ENGINE_CONFIG_INPUT: EngineConfigInput = {
  platform: DEFAULT_PLATFORM,
  markets: [BTC_PERP_INPUT, ETH_PERP_INPUT],
  collateral: DEFAULT_COLLATERAL_REGISTRY,
};

/** Validated defaults; module load fails loudly if the defaults ever stop validating. */
export const BTC_PERP: MarketSpec = resolveMarketSpec(BTC_PERP_INPUT);
export const ETH_PERP: MarketSpec = resolveMarketSpec(ETH_PERP_INPUT);
export const DEFAULT_MARKETS: readonly MarketSpec[] = [BTC_PERP, ETH_PERP];

export const DEFAULT_ENGINE_CONFIG: EngineConfig = (() => {
  const res = validateEngineConfig(DEFAULT_ENGINE_CONFIG_INPUT);
  if (!res.ok) throw new Error(`invalid default engine config:\n${formatConfigErrors(res.errors)}`);
  return res.config;
})();

// ---------------------------------------------------------------------------------------------
// Display metadata (DISC-1): label, unit, meaning and requirement ids per parameter path.
// Paths use "[]" for array elements. Kept apart from the values so config stays plain data.
// ---------------------------------------------------------------------------------------------

export type ParamUnit =
  | "USD (decimal string)"
  | "base units (decimal string)"
  | "micro-USD"
  | "ppb"
  | "ms"
  | "ticks"
  | "lots"
  | "x (leverage)"
  | "integer weight"
  | "count"
  | "minor units"
  | "fraction"
  | "enum"
  | "text";

export interface ParamDoc {
  label: string;
  unit: ParamUnit;
  description: string;
  requirements: string[];
  /** True when the value is computed from other parameters, never configured directly. */
  derived?: boolean;
}

export const MARKET_PARAMETER_DOCS: Readonly<Record<string, ParamDoc>> = {
  symbol: { label: "Symbol", unit: "text", description: "Market identifier.", requirements: ["DISC-1"] },
  displayName: { label: "Name", unit: "text", description: "Market name as shown to clients.", requirements: ["DISC-1"] },
  description: { label: "Description", unit: "text", description: "Contract summary.", requirements: ["DISC-1"] },
  contractType: { label: "Contract type", unit: "enum", description: "Linear perpetual: PnL in USD = size × price change.", requirements: ["DISC-1"] },
  baseAsset: { label: "Reference asset", unit: "text", description: "Virtual asset the contract references; available for retail spot trading on the platform.", requirements: ["MRG-2", "DISC-1"] },
  quoteAsset: { label: "Quote currency", unit: "enum", description: "Currency prices are quoted in.", requirements: ["DISC-1"] },
  settleAsset: { label: "Settlement currency", unit: "enum", description: "Currency PnL, fees and funding settle in.", requirements: ["DISC-1"] },
  tickSize: { label: "Tick size", unit: "USD (decimal string)", description: "Smallest price increment.", requirements: ["DISC-1"] },
  lotSize: { label: "Lot size", unit: "base units (decimal string)", description: "Smallest size increment.", requirements: ["DISC-1"] },
  tickLotValue: { label: "Tick × lot value", unit: "micro-USD", description: "Money value of one tick on one lot; notional = price ticks × lots × this.", requirements: ["LIQ-3"], derived: true },
  minSizeLots: { label: "Minimum order size", unit: "lots", description: "Smallest order accepted.", requirements: ["DISC-1"] },
  maxOrderLots: { label: "Maximum order size", unit: "lots", description: "Largest single order accepted.", requirements: ["DISC-1"] },
  maxPriceTicks: { label: "Maximum price", unit: "ticks", description: "Largest price accepted on the book.", requirements: ["DISC-1"] },
  maxPositionNotional: { label: "Position limit", unit: "micro-USD", description: "Largest position notional; the cap of the last margin tier.", requirements: ["MRG-1", "DISC-1"] },
  maxLeverage: { label: "Maximum leverage", unit: "x (leverage)", description: "Max leverage of tier 1.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].tier": { label: "Tier", unit: "count", description: "Tier number, 1 = smallest positions.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].floorNotional": { label: "Tier floor", unit: "micro-USD", description: "Position notional from which the tier applies (inclusive).", requirements: ["MRG-1", "DISC-1"] },
  "marginTiers[].capNotional": { label: "Tier cap", unit: "micro-USD", description: "Next tier's floor (exclusive) or the position limit.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].maxLeverage": { label: "Max leverage", unit: "x (leverage)", description: "Highest leverage in the tier.", requirements: ["MRG-1", "DISC-1"] },
  "marginTiers[].initialMarginRate": { label: "Initial margin rate", unit: "ppb", description: "1 / max leverage, rounded up. IM = notional × IMR of the tier the whole notional falls in.", requirements: ["MRG-1", "DISC-1"], derived: true },
  "marginTiers[].maintenanceMarginRate": { label: "Maintenance margin rate", unit: "ppb", description: "MM = notional × MMR − maintenance amount, rounded up.", requirements: ["MRG-1", "DISC-1"] },
  "marginTiers[].maintenanceAmount": { label: "Maintenance amount", unit: "micro-USD", description: "MA_n = MA_{n−1} + floor_n × (MMR_n − MMR_{n−1}); keeps MM continuous across tiers.", requirements: ["MRG-1", "DISC-1", "LIQ-3"], derived: true },
  "funding.intervalMs": { label: "Funding interval", unit: "ms", description: "Time between funding payments; at most 24 h.", requirements: ["MRG-3", "DISC-1"] },
  "funding.sampleEveryMs": { label: "Premium sampling period", unit: "ms", description: "Premium index sampled once per period.", requirements: ["DISC-1"] },
  "funding.sampleWeighting": { label: "Sample weighting", unit: "enum", description: "linear: sample k weighs k (Σk·P_k/Σk); equal: plain average.", requirements: ["DISC-1", "LIQ-3"] },
  "funding.interestRatePerInterval": { label: "Interest rate", unit: "ppb", description: "Interest component I per interval.", requirements: ["DISC-1"] },
  "funding.premiumClampBand": { label: "Premium clamp", unit: "ppb", description: "F = P̄ + clamp(I − P̄, −band, +band).", requirements: ["DISC-1", "LIQ-3"] },
  "funding.cap": { label: "Funding cap rule", unit: "enum", description: "MMR_MULTIPLE: ± multiple × tier-1 MMR; FIXED: ± rate.", requirements: ["DISC-1"] },
  "funding.capRate": { label: "Funding rate cap", unit: "ppb", description: "|F| ≤ cap per interval.", requirements: ["DISC-1", "LIQ-3"], derived: true },
  "funding.impactMargin": { label: "Impact margin", unit: "micro-USD", description: "Margin sizing the impact notional.", requirements: ["DISC-1"] },
  "funding.impactNotional": { label: "Impact notional", unit: "micro-USD", description: "impact margin / IMR at max leverage; depth walked for impact bid/ask.", requirements: ["DISC-1", "LIQ-3"], derived: true },
  "index.sources[].id": { label: "Source id", unit: "text", description: "Stable id of an index constituent.", requirements: ["DISC-1"] },
  "index.sources[].name": { label: "Source", unit: "text", description: "Venue and pair of an index constituent.", requirements: ["DISC-1"] },
  "index.sources[].weight": { label: "Weight", unit: "integer weight", description: "Relative weight in the weighted median and mean.", requirements: ["DISC-1"] },
  "index.sources[].description": { label: "Source note", unit: "text", description: "Status or caveat of the constituent.", requirements: ["DISC-1"] },
  "index.aggregation": { label: "Aggregation", unit: "enum", description: "weighted_median, or banded_weighted_mean: Σ w·clamp(P) / Σ w.", requirements: ["DISC-1", "LIQ-3"] },
  "index.outlierMode": { label: "Outlier handling", unit: "enum", description: "clamp to the band around the weighted median, or exclude.", requirements: ["DISC-1"] },
  "index.bandRate": { label: "Band δ", unit: "ppb", description: "Half-width of the band around the weighted median.", requirements: ["DISC-1"] },
  "index.staleAfterMs": { label: "Staleness timeout", unit: "ms", description: "A source not updated for longer is excluded.", requirements: ["DISC-1"] },
  "index.minValidSources": { label: "Minimum sources", unit: "count", description: "Below this the index holds its last value and is flagged.", requirements: ["DISC-1"] },
  "mark.basisWindowMs": { label: "Basis window", unit: "ms", description: "Moving-average window of (mid − index) in P2.", requirements: ["DISC-1", "LIQ-3"] },
  "mark.basisSampleEveryMs": { label: "Basis sampling period", unit: "ms", description: "One basis sample per period.", requirements: ["DISC-1"] },
  "liquidation.liquidationFeeRate": { label: "Liquidation fee", unit: "ppb", description: "Share of liquidated notional paid to the insurance fund.", requirements: ["DISC-1"] },
  "liquidation.maxBookChunkNotional": { label: "Max liquidation chunk", unit: "micro-USD", description: "Largest notional sent to the book in one liquidation step.", requirements: ["DISC-1"] },
  "liquidation.backstopEquityBelowMaintenance": { label: "Backstop trigger", unit: "fraction", description: "Backstop when equity < fraction × maintenance margin.", requirements: ["DISC-1", "MRG-4"] },
  "liquidation.insuranceFundFloor": { label: "Insurance fund floor", unit: "micro-USD", description: "Fund balance below which ADL may engage.", requirements: ["DISC-1"] },
  "fees.makerFeeRate": { label: "Maker fee", unit: "ppb", description: "Fee on maker fills; negative is a rebate.", requirements: ["DISC-1"] },
  "fees.takerFeeRate": { label: "Taker fee", unit: "ppb", description: "Fee on taker fills.", requirements: ["DISC-1"] },
  "adlRisk.stressMove": { label: "ADL stress move", unit: "ppb", description: "Price move, each direction, after which the stressed shortfall of accounts past bankruptcy is measured for the stress coverage.", requirements: ["DISC-5", "DISC-1"] },
  "adlRisk.elevatedBelowCoverage": { label: "Elevated below coverage", unit: "ppb", description: "ADL risk is at least elevated while stress coverage (fund available above floor ÷ stressed shortfall) is below this.", requirements: ["DISC-5", "DISC-1"] },
  "adlRisk.highBelowCoverage": { label: "High below coverage", unit: "ppb", description: "ADL risk is high while stress coverage is below this.", requirements: ["DISC-5", "DISC-1"] },
  "adlRisk.elevatedBelowDistance": { label: "Elevated below distance", unit: "ppb", description: "ADL risk is at least elevated while the smaller of the down and up distance to ADL is below this move.", requirements: ["DISC-5", "DISC-1"] },
  "adlRisk.highBelowDistance": { label: "High below distance", unit: "ppb", description: "ADL risk is high while the distance to ADL is below this move.", requirements: ["DISC-5", "DISC-1"] },
};
