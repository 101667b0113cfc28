/**
 * Validation and derivation of the configuration (config-types.ts): every rule a market spec and the
 * engine configuration must meet, and every derived value (tier IMR and maintenance amount, caps,
 * max leverage, tickLotValue, funding cap, impact notional), computed here once from the inputs.
 * Never throws on bad input; collects every error with its path.
 */

import { MAX_LOTS, MAX_PRICE_TICKS, RATE_ONE, decimalParts, divCeil, formatDecimal, mulDivFloor, tickLotValueOf } from "./fixed-point";
import { validateCollateralRegistry, type CollateralAsset } from "./collateral";
import {
  ADL_MAX_SHOCK_PCT,
  HARD_FLOORS,
  type MarginTierInput,
  type MarginTier,
  type FundingCapRule,
  type FundingSampleWeighting,
  type FundingParamsInput,
  type FundingParams,
  type IndexParamsInput,
  type MarkParams,
  type LiquidationParams,
  type LiquidationCloseOut,
  LIQUIDATION_CLOSE_OUTS,
  type AdlRiskParams,
  type FeeParams,
  type MarketSpecInput,
  type MarketSpec,
  type ConfigError,
  type ConfigErrorCode,
  type ValidationResult,
  type PlatformParams,
  type EngineConfigInput,
  type EngineConfig,
  type AfmmTerms,
  type SpotListing,
  type OrderProtectionParams,
} from "./config-types";
import { MAX_ORDER_PROTECTION_RATE } from "./order-protection";

/** Longest funding interval the SFC framework allows: funding must trigger at least daily (MRG-3; a hard floor). */
export const MAX_FUNDING_INTERVAL_MS = HARD_FLOORS.maxFundingIntervalMs;
/** Minimum number of independent index constituents we accept in a market spec (a hard floor). */
export const MIN_INDEX_SOURCES = HARD_FLOORS.minIndexSources;

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
      err("tickSize", "TICK_LOT_VALUE_NOT_INTEGRAL", `tickSize × lotSize = ${r.tickSize} × ${r.lotSize} USD is not a whole number of micro-USD`);
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
  if (r.orderProtection !== undefined) checkOrderProtection(r.orderProtection, err);

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
    // Only when configured: an absent key keeps an older configuration's canonical hash.
    ...(input.orderProtection === undefined ? {} : { orderProtection: { ...input.orderProtection } }),
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
      err(
        `${p}.floorNotional`,
        "FLOOR_NOT_INCREASING",
        `hard floor (MRG-5): margin tier floors must strictly increase; tier ${i + 1} floor must exceed tier ${i}'s`,
      );
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
          `hard floor (MRG-5): initial margin must exceed maintenance margin in every tier; tier ${i + 1}: IMR 1/${lev} must exceed MMR ${formatDecimal(mmr as bigint, 7)}% (MRG-1)`,
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
      err(`${p}.maintenanceMarginRate`, "MAINTENANCE_AMOUNT_NOT_EXACT", `tier ${i + 1}: floor × ΔMMR is not a whole micro-USD; use a rounder floor or MMR`);
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
  const f = paramGroup<FundingParamsInput>(raw, "funding", "funding params", err);
  if (f === null) return null;
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
      `hard floor (MRG-5): funding at most daily; interval ${interval / 3_600_000} h exceeds 24 h (MRG-3)`,
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
  const cap = f.cap;
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
  const x = paramGroup<IndexParamsInput>(raw, "index", "index params", err);
  if (x === null) return;
  if (x.aggregation !== "weighted_median" && x.aggregation !== "banded_weighted_mean") {
    err("index.aggregation", "UNKNOWN_ENUM", 'aggregation must be "weighted_median" or "banded_weighted_mean"');
  }
  if (x.outlierMode !== "clamp" && x.outlierMode !== "exclude") {
    err("index.outlierMode", "UNKNOWN_ENUM", 'outlierMode must be "clamp" or "exclude"');
  }
  if (typeof x.bandRate !== "bigint" || x.bandRate <= 0n || x.bandRate >= RATE_ONE) {
    err("index.bandRate", "OUT_OF_RANGE", "bandRate must be a bigint in (0, RATE_ONE) ppb");
  } else if (x.bandRate > HARD_FLOORS.maxIndexBandRate) {
    err(
      "index.bandRate",
      "HARD_FLOOR",
      `hard floor (MRG-5): the outlier band may be at most ${formatDecimal(HARD_FLOORS.maxIndexBandRate * 100n, 9)} % (got ${formatDecimal(x.bandRate * 100n, 9)} %)`,
    );
  }
  if (checkIntIn(x.staleAfterMs, "index.staleAfterMs", 1, MAX_FUNDING_INTERVAL_MS, err)) {
    const stale = x.staleAfterMs as number;
    if (stale < HARD_FLOORS.minIndexStaleAfterMs || stale > HARD_FLOORS.maxIndexStaleAfterMs)
      err(
        "index.staleAfterMs",
        "HARD_FLOOR",
        `hard floor (MRG-5): the staleness timeout must be ${HARD_FLOORS.minIndexStaleAfterMs / 1000} s to ${HARD_FLOORS.maxIndexStaleAfterMs / 1000} s (got ${stale} ms)`,
      );
  }
  if (checkIntIn(x.minValidSources, "index.minValidSources", 1, 1000, err) && (x.minValidSources as number) < HARD_FLOORS.minValidIndexSources) {
    err(
      "index.minValidSources",
      "HARD_FLOOR",
      `hard floor (MRG-5): the index needs at least ${HARD_FLOORS.minValidIndexSources} valid sources (minValidSources ${String(x.minValidSources)})`,
    );
  }
  if (
    x.minSourceVolumeUsd !== undefined &&
    (typeof x.minSourceVolumeUsd !== "number" || !Number.isSafeInteger(x.minSourceVolumeUsd) || x.minSourceVolumeUsd < 0)
  ) {
    err("index.minSourceVolumeUsd", "OUT_OF_RANGE", "minSourceVolumeUsd must be whole USD ≥ 0, or absent (no volume floor)");
  }
  if (!Array.isArray(x.sources)) {
    err("index.sources", "INVALID_TYPE", "sources must be an array");
    return;
  }
  if (x.sources.length < MIN_INDEX_SOURCES) {
    err(
      "index.sources",
      "TOO_FEW_INDEX_SOURCES",
      `hard floor (MRG-5): at least ${MIN_INDEX_SOURCES} independent index sources are required (got ${x.sources.length})`,
    );
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
  const m = paramGroup<MarkParams>(raw, "mark", "mark params", err);
  if (m === null) return;
  const a = checkIntIn(m.basisWindowMs, "mark.basisWindowMs", 1, MAX_FUNDING_INTERVAL_MS, err);
  const b = checkIntIn(m.basisSampleEveryMs, "mark.basisSampleEveryMs", 1, MAX_FUNDING_INTERVAL_MS, err);
  if (a && b && (m.basisSampleEveryMs as number) > (m.basisWindowMs as number)) {
    err("mark.basisSampleEveryMs", "SAMPLE_PERIOD_INVALID", "basis sample period must not exceed the window");
  }
}

function checkLiquidation(raw: unknown, err: Err): void {
  const l = paramGroup<LiquidationParams>(raw, "liquidation", "liquidation params", err);
  if (l === null) return;
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
    err("liquidation.backstopEquityBelowMaintenance", "OUT_OF_RANGE", "backstop trigger must be a fraction numerator/denominator in (0, 1]");
  }
  // Absent is allowed (a configuration written before the rule existed runs "partial"); a present
  // value must be one of the two rules, so a typo never silently falls back to partial.
  if ("closeOut" in l && !LIQUIDATION_CLOSE_OUTS.includes(l.closeOut as LiquidationCloseOut)) {
    err("liquidation.closeOut", "UNKNOWN_ENUM", `closeOut must be "full" or "partial", got ${JSON.stringify(l.closeOut) ?? "undefined"}`);
  }
}

function checkFees(raw: unknown, err: Err): void {
  const f = paramGroup<FeeParams>(raw, "fees", "fee params", err);
  if (f === null) return;
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
  const a = paramGroup<AdlRiskParams>(raw, "adlRisk", "adlRisk thresholds", err);
  if (a === null) return;
  const maxShock = BigInt(ADL_MAX_SHOCK_PCT) * (RATE_ONE / 100n);
  const positive = (key: keyof AdlRiskParams, max: bigint | null): boolean => {
    const v = a[key];
    if (typeof v !== "bigint") {
      err(`adlRisk.${key}`, "INVALID_TYPE", `${key} must be a bigint (ppb)`);
      return false;
    }
    if (v <= 0n || (max !== null && v > max)) {
      err(
        `adlRisk.${key}`,
        "OUT_OF_RANGE",
        `${key} must be > 0${max !== null ? ` and ≤ ${ADL_MAX_SHOCK_PCT} % (the range of the distance-to-ADL curve)` : ""} ppb`,
      );
      return false;
    }
    return true;
  };
  positive("stressMove", maxShock);
  if (
    positive("highBelowCoverage", null) &&
    positive("elevatedBelowCoverage", null) &&
    (a.highBelowCoverage as bigint) >= (a.elevatedBelowCoverage as bigint)
  ) {
    err("adlRisk.highBelowCoverage", "THRESHOLDS_NOT_ORDERED", "the high-risk coverage threshold must be below the elevated one");
  }
  if (
    positive("highBelowDistance", maxShock) &&
    positive("elevatedBelowDistance", maxShock) &&
    (a.highBelowDistance as bigint) >= (a.elevatedBelowDistance as bigint)
  ) {
    err("adlRisk.highBelowDistance", "THRESHOLDS_NOT_ORDERED", "the high-risk distance threshold must be below the elevated one");
  }
}

function checkOrderProtection(raw: unknown, err: Err): void {
  const p = paramGroup<OrderProtectionParams>(raw, "orderProtection", "orderProtection", err);
  if (p === null) return;
  const max = `${MAX_ORDER_PROTECTION_RATE / (RATE_ONE / 100n)} %`;
  let ok = true;
  for (const key of ["limitPriceBandRate", "marketOrderSlippageRate"] as const) {
    const v = p[key];
    if (typeof v !== "bigint") {
      err(`orderProtection.${key}`, "INVALID_TYPE", `${key} must be a bigint (ppb)`);
      ok = false;
    } else if (v <= 0n || v > MAX_ORDER_PROTECTION_RATE) {
      err(`orderProtection.${key}`, "OUT_OF_RANGE", `${key} must be > 0 and ≤ ${max} (${MAX_ORDER_PROTECTION_RATE} ppb), got ${v}`);
      ok = false;
    }
  }
  for (const key of Object.keys(p)) {
    if (key !== "limitPriceBandRate" && key !== "marketOrderSlippageRate") {
      err(`orderProtection.${key}`, "INVALID_TYPE", `orderProtection has no parameter ${key}`);
      ok = false;
    }
  }
  // A protective limit outside the band would let a market order fill where a limit order may not.
  if (ok && (p.marketOrderSlippageRate as bigint) > (p.limitPriceBandRate as bigint)) {
    err("orderProtection.marketOrderSlippageRate", "THRESHOLDS_NOT_ORDERED", "the market-order slippage must not exceed the limit-price band");
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

/** `raw` as the parameter group at `path` when it is an object; otherwise that error, and null. */
function paramGroup<T>(raw: unknown, path: string, what: string, err: Err): Partial<T> | null {
  if (isRecord(raw)) return raw as Partial<T>;
  err(path, "INVALID_TYPE", `${what} must be an object`);
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validate markets (each path prefixed "markets[i]."), collateral registry and platform params. */
export function validateEngineConfig(raw: unknown): { ok: true; config: EngineConfig } | { ok: false; errors: ConfigError[] } {
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
  const afmm = r.afmm === undefined ? undefined : validateAfmmTerms(r.afmm, markets, (path, code, message) => errors.push({ path, code, message }));
  const spotListings =
    r.spotListings === undefined ? undefined : validateSpotListings(r.spotListings, markets, (path, code, message) => errors.push({ path, code, message }));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      platform: { ...(p as PlatformParams) },
      markets,
      collateral: (r.collateral as CollateralAsset[]).map((c) => ({ ...c })),
      // Absent in configurations written before AFMM terms existed: kept absent so their hash is unchanged.
      ...(afmm === undefined ? {} : { afmm }),
      // Absent in configurations written before the listing registry: kept absent, so their hash is unchanged.
      ...(spotListings === undefined ? {} : { spotListings }),
    },
  };
}

/**
 * The retail spot listing registry (MRG-2): entries {asset, name, listedSinceMs} with a non-empty
 * asset code (letters and digits, at most 16) listed once, a non-empty name and a safe-integer time;
 * then every market's baseAsset must be listed (BASE_ASSET_NOT_SPOT_LISTED, naming the asset).
 */
export function validateSpotListings(raw: unknown, markets: readonly MarketSpec[], err: Err): SpotListing[] | undefined {
  if (!Array.isArray(raw)) {
    err("spotListings", "INVALID_TYPE", "spotListings must be an array of { asset, name, listedSinceMs }");
    return undefined;
  }
  const out: SpotListing[] = [];
  const seen = new Set<string>();
  raw.forEach((x: unknown, i) => {
    const p = `spotListings[${i}]`;
    if (!isRecord(x) || typeof x.asset !== "string" || !/^[A-Za-z0-9]{1,16}$/.test(x.asset)) {
      err(`${p}.asset`, "INVALID_TYPE", "asset must be an asset code of 1 … 16 letters and digits");
      return;
    }
    if (typeof x.name !== "string" || x.name.trim() === "" || x.name.length > 200)
      err(`${p}.name`, "INVALID_TYPE", "name must be a non-empty string of at most 200 characters");
    if (typeof x.listedSinceMs !== "number" || !Number.isSafeInteger(x.listedSinceMs) || x.listedSinceMs < 0)
      err(`${p}.listedSinceMs`, "INVALID_TYPE", "listedSinceMs must be epoch ms (a safe integer ≥ 0)");
    if (seen.has(x.asset)) err(`${p}.asset`, "DUPLICATE_ID", `${x.asset} is listed twice`);
    seen.add(x.asset);
    out.push({ asset: x.asset, name: String(x.name), listedSinceMs: Number(x.listedSinceMs) });
  });
  markets.forEach((m, i) => {
    if (!seen.has(m.baseAsset))
      err(
        `markets[${i}].baseAsset`,
        "BASE_ASSET_NOT_SPOT_LISTED",
        `${m.symbol}'s reference asset ${m.baseAsset} is not in the platform's retail spot listing registry: a perpetual may only reference an asset available for retail spot trading (MRG-2)`,
      );
  });
  return out;
}

/**
 * AFMM terms (AFMM-6): every entry names a configured market at most once per list; fee overrides
 * follow the market fee rules (0 ≤ taker < RATE_ONE, −taker ≤ maker ≤ taker) and a maker rebate may
 * not exceed the market's own taker fee either (a client taker pays that one, so a larger rebate
 * would pay the AFMM more than the fee pool takes in); quote obligations are integers with
 * 1 ≤ maxSpreadBps ≤ 10,000, minSizeLots ≥ 1 and 0 ≤ minTimeOnBookPct ≤ 100.
 */
export function validateAfmmTerms(raw: unknown, markets: readonly MarketSpec[], err: Err): AfmmTerms | undefined {
  if (!isRecord(raw)) {
    err("afmm", "INVALID_TYPE", "afmm must be an object { feeOverrides, quoteObligations }");
    return undefined;
  }
  const r = raw as Partial<Record<keyof AfmmTerms, unknown>>;
  const bySymbol = new Map(markets.map((m) => [m.symbol, m]));
  const before = { n: 0 };
  const e: Err = (path, code, message) => {
    before.n++;
    err(path, code, message);
  };
  const market = (path: string, x: unknown, seen: Set<string>): MarketSpec | null => {
    if (typeof x !== "string" || !bySymbol.has(x)) {
      e(`${path}.market`, "UNKNOWN_MARKET", `market ${String(x)} is not a configured market`);
      return null;
    }
    if (seen.has(x)) e(`${path}.market`, "DUPLICATE_ID", `${x} is listed twice`);
    seen.add(x);
    return bySymbol.get(x)!;
  };
  const isInt = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x);
  if (!Array.isArray(r.feeOverrides)) e("afmm.feeOverrides", "INVALID_TYPE", "feeOverrides must be an array (empty = the same fees as every participant)");
  else {
    const seen = new Set<string>();
    r.feeOverrides.forEach((o: unknown, i) => {
      const path = `afmm.feeOverrides[${i}]`;
      if (!isRecord(o)) return e(path, "INVALID_TYPE", "a fee override must be an object { market, makerFeeRate, takerFeeRate }");
      const f = o;
      const spec = market(path, f.market, seen);
      if (typeof f.takerFeeRate !== "bigint" || f.takerFeeRate < 0n || f.takerFeeRate >= RATE_ONE) {
        return e(`${path}.takerFeeRate`, "FEE_INVALID", "takerFeeRate must be a bigint in [0, RATE_ONE) ppb");
      }
      if (typeof f.makerFeeRate !== "bigint" || f.makerFeeRate > f.takerFeeRate || f.makerFeeRate < -f.takerFeeRate) {
        return e(`${path}.makerFeeRate`, "FEE_INVALID", "makerFeeRate must be a bigint with −taker ≤ maker ≤ taker");
      }
      if (spec !== null && f.makerFeeRate < -spec.fees.takerFeeRate) {
        e(
          `${path}.makerFeeRate`,
          "FEE_INVALID",
          `a maker rebate may not exceed the ${spec.symbol} taker fee (${spec.fees.takerFeeRate} ppb) that client takers pay`,
        );
      }
    });
  }
  if (!Array.isArray(r.quoteObligations)) e("afmm.quoteObligations", "INVALID_TYPE", "quoteObligations must be an array");
  else {
    const seen = new Set<string>();
    r.quoteObligations.forEach((o: unknown, i) => {
      const path = `afmm.quoteObligations[${i}]`;
      if (!isRecord(o)) return e(path, "INVALID_TYPE", "a quote obligation must be an object { market, maxSpreadBps, minSizeLots, minTimeOnBookPct }");
      const q = o;
      market(path, q.market, seen);
      if (!isInt(q.maxSpreadBps) || q.maxSpreadBps < 1 || q.maxSpreadBps > 10_000)
        e(`${path}.maxSpreadBps`, "OUT_OF_RANGE", "maxSpreadBps must be an integer in 1 … 10,000");
      if (!isInt(q.minSizeLots) || q.minSizeLots < 1) e(`${path}.minSizeLots`, "OUT_OF_RANGE", "minSizeLots must be an integer ≥ 1");
      if (!isInt(q.minTimeOnBookPct) || q.minTimeOnBookPct < 0 || q.minTimeOnBookPct > 100)
        e(`${path}.minTimeOnBookPct`, "OUT_OF_RANGE", "minTimeOnBookPct must be an integer percentage in 0 … 100");
    });
  }
  if (before.n > 0) return undefined;
  const overrides = r.feeOverrides as AfmmTerms["feeOverrides"];
  const obligations = r.quoteObligations as AfmmTerms["quoteObligations"];
  return {
    feeOverrides: overrides.map((o) => ({ market: o.market, makerFeeRate: o.makerFeeRate, takerFeeRate: o.takerFeeRate })),
    quoteObligations: obligations.map((o) => ({
      market: o.market,
      maxSpreadBps: o.maxSpreadBps,
      minSizeLots: o.minSizeLots,
      minTimeOnBookPct: o.minTimeOnBookPct,
    })),
  };
}
