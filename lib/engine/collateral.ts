/**
 * Eligible-collateral registry and valuation (COL-1, COL-3, COL-4, DISC-10).
 *
 * Perps margin may only be fiat, stablecoins of HKMA-licensed issuers (Stablecoins Ordinance,
 * Cap. 656) or tokenized deposits of HKMA-authorised institutions. Eligibility is registry-driven
 * and effective-dated because the HKMA register starts out very short and changes over time.
 * Everything not in the registry is ineligible; BTC/ETH/USDT/USDC get a specific explanation
 * because they are the assets clients most often try to post.
 *
 * Valuation: micro-USD, haircut-adjusted, rounded DOWN (a credit to the client). HKD is valued at
 * a USD-per-HKD rate passed in by the caller (ppb), never looked up here.
 */

import type { ConfigError } from "./config-types";
import type { ParamDoc } from "./parameter-docs";
import { RATE_ONE, USD, decimalParts, divFloor, pct, pow10 } from "./fixed-point";

export type CollateralKind = "FIAT" | "HKMA_LICENSED_STABLECOIN" | "AI_TOKENIZED_DEPOSIT";
export type CollateralCurrency = "USD" | "HKD";

/** One registry entry. Plain data: the public collateral schedule renders these same objects. */
export interface CollateralAsset {
  /** Stable id used by deposits and balances, e.g. "USD", "HKD", "HKDX-DEMO". */
  assetId: string;
  name: string;
  kind: CollateralKind;
  /** Currency the asset is denominated in (redeemable at par in). */
  currency: CollateralCurrency;
  issuer: string;
  /** HKMA stablecoin licence or authorised-institution number; required for non-fiat kinds. */
  licenceNo: string | null;
  /** Eligible from this instant (epoch ms, inclusive). */
  effectiveFromMs: number;
  /** Eligible until this instant (epoch ms, exclusive); null = open-ended. */
  effectiveToMs: number | null;
  /** Valuation haircut, ppb (2 % = 20_000_000n); value = gross × (1 − haircut), rounded down. */
  haircutRate: bigint;
  /** Decimal places of the asset's minor unit (cents = 2; most stablecoins = 6). */
  decimals: number;
  /** Largest single deposit accepted, minor units (> 0). */
  maxDepositMinor: bigint;
  /**
   * Most of the asset one account may have deposited, minor units (≥ maxDepositMinor): its holding
   * (for USD, its settled deposits less withdrawals) plus its pending deposits of the asset.
   */
  maxAccountMinor: bigint;
  /** Legal basis for eligibility, shown on the public list (DISC-10). */
  regulatoryBasis: string;
  /** How the asset is priced and how often (COL-3). */
  valuationMethod: string;
  /** True for demo entries that stand in for real licensees; never list these in production. */
  illustrative: boolean;
}

/** Depeg or licence-revocation circuit breaker (COL-4), supplied by the operator at runtime. */
export interface CollateralCircuitBreaker {
  assetId: string;
  /** HAIRCUT_100: still accepted but valued at zero; INELIGIBLE: rejected outright. */
  mode: "HAIRCUT_100" | "INELIGIBLE";
  cause: "DEPEG" | "LICENCE_REVOKED" | "ISSUER_EVENT" | "OTHER";
  /** In force from this instant (epoch ms, inclusive). */
  sinceMs: number;
  note?: string;
}

/** FX inputs for valuation. */
export interface FxRates {
  /** USD per 1 HKD, ppb (7.8 HKD per USD → 128_205_128n). */
  usdPerHkd: bigint;
}

export type CollateralRejectionCode =
  | "COLLATERAL_NOT_ELIGIBLE"
  | "COLLATERAL_NOT_YET_EFFECTIVE"
  | "COLLATERAL_EXPIRED"
  | "COLLATERAL_SUSPENDED"
  | "COLLATERAL_INVALID_AMOUNT"
  | "FX_RATE_UNAVAILABLE";

export type CollateralEvaluation =
  | {
      eligible: true;
      assetId: string;
      /** Haircut-adjusted value, micro-USD, rounded down. */
      valueUsd: bigint;
      /** Value before haircut, micro-USD, rounded down. */
      grossValueUsd: bigint;
      /** Haircut applied, ppb (RATE_ONE when a HAIRCUT_100 breaker is in force). */
      haircut: bigint;
      /** The breaker that forced a 100 % haircut, if any. */
      suspendedBy?: CollateralCircuitBreaker;
    }
  | { eligible: false; assetId: string; code: CollateralRejectionCode; reason: string };

/**
 * Assets clients commonly try to post that are NOT eligible perps collateral, with the reason shown
 * to them. Anything else unknown gets a generic reason.
 */
export const KNOWN_INELIGIBLE_ASSETS: Readonly<Record<string, string>> = {
  USDT: "USDT is neither fiat nor a stablecoin issued by an HKMA-licensed issuer (Cap. 656), so it is not eligible perps collateral (COL-1).",
  USDC: "USDC is neither fiat nor a stablecoin issued by an HKMA-licensed issuer (Cap. 656), so it is not eligible perps collateral (COL-1).",
  BTC: "BTC is a virtual asset, not fiat nor an HKMA-regulated stablecoin or tokenized deposit; BTC/ETH collateral is a feature of VA margin financing (26EC5), not of perps (COL-1).",
  ETH: "ETH is a virtual asset, not fiat nor an HKMA-regulated stablecoin or tokenized deposit; BTC/ETH collateral is a feature of VA margin financing (26EC5), not of perps (COL-1).",
};

/**
 * USD per 1 HKD in ppb from an "HKD per USD" decimal string, rounded down (values collateral
 * conservatively): usdPerHkdFromHkdPerUsd("7.8") = ⌊1e9 / 7.8⌋ = 128_205_128n.
 */
export function usdPerHkdFromHkdPerUsd(hkdPerUsd: string): bigint {
  const p = decimalParts(hkdPerUsd);
  if (p.units <= 0n) throw new RangeError(`HKD per USD must be positive, got "${hkdPerUsd}"`);
  return divFloor(RATE_ONE * pow10(p.scale), p.units);
}

/** Whether the entry is effective at nowMs, and if not, why. */
export function effectiveStatus(asset: CollateralAsset, nowMs: number): "EFFECTIVE" | "NOT_YET_EFFECTIVE" | "EXPIRED" {
  if (nowMs < asset.effectiveFromMs) return "NOT_YET_EFFECTIVE";
  if (asset.effectiveToMs !== null && nowMs >= asset.effectiveToMs) return "EXPIRED";
  return "EFFECTIVE";
}

/** Ceiling on any configured deposit limit, minor units: keeps every amount the engine holds a bounded number of digits. */
export const MAX_COLLATERAL_LIMIT_MINOR = 10n ** 24n;

/**
 * Why a deposit of `amountMinor` breaks the asset's limits, given what the account already has of it
 * (`heldMinor`: holding or, for USD, net settled deposits, plus pending deposits), or null when it
 * does not. The one rule for deposit size: the engine applies it to every Deposit command, and the
 * deposit form checks the per-deposit part with `heldMinor` 0 before anything is recorded.
 */
export function depositLimitProblem(asset: CollateralAsset, amountMinor: bigint, heldMinor: bigint): string | null {
  if (amountMinor > asset.maxDepositMinor)
    return `${asset.assetId} deposits are limited to ${asset.maxDepositMinor} minor units (10^-${asset.decimals}) each; this one is ${digitsOf(amountMinor)}`;
  if (heldMinor + amountMinor > asset.maxAccountMinor) {
    return `an account may hold at most ${asset.maxAccountMinor} minor units (10^-${asset.decimals}) of ${asset.assetId}, pending deposits included; it has ${heldMinor}, so at most ${asset.maxAccountMinor - heldMinor > 0n ? asset.maxAccountMinor - heldMinor : 0n} more can be deposited`;
  }
  return null;
}

/** An amount for a message: in full when short, else its size (an absurd amount must not flood a log line). */
function digitsOf(amount: bigint): string {
  const text = amount.toString();
  return text.length <= 40 ? text : `a ${text.length}-digit number`;
}

/**
 * Evaluate `amountMinor` (in the asset's minor units) of `assetId` as perps collateral at nowMs.
 * Eligible: value = ⌊amount × 10^(6−decimals) × fx × (1 − haircut)⌋ micro-USD, computed in one
 * exact division so the two factors don't each round. Otherwise a stable code and a reason.
 * Check order: unknown → not yet effective → expired → breaker → amount → FX.
 */
export function evaluateCollateral(
  registry: readonly CollateralAsset[],
  assetId: string,
  amountMinor: bigint,
  nowMs: number,
  fx: FxRates | null,
  breakers: readonly CollateralCircuitBreaker[] = [],
): CollateralEvaluation {
  const asset = registry.find((a) => a.assetId === assetId);
  if (!asset) {
    return {
      eligible: false,
      assetId,
      code: "COLLATERAL_NOT_ELIGIBLE",
      reason:
        KNOWN_INELIGIBLE_ASSETS[assetId.toUpperCase()] ??
        `${assetId} is not in the eligible-collateral registry: only fiat, HKMA-licensed stablecoins and tokenized deposits of HKMA-authorised institutions are accepted (COL-1).`,
    };
  }
  const status = effectiveStatus(asset, nowMs);
  if (status === "NOT_YET_EFFECTIVE") {
    return {
      eligible: false,
      assetId,
      code: "COLLATERAL_NOT_YET_EFFECTIVE",
      reason: `${asset.name} becomes eligible at ${asset.effectiveFromMs} (epoch ms).`,
    };
  }
  if (status === "EXPIRED") {
    return {
      eligible: false,
      assetId,
      code: "COLLATERAL_EXPIRED",
      reason: `${asset.name} stopped being eligible at ${asset.effectiveToMs} (epoch ms).`,
    };
  }
  const breaker = activeBreaker(breakers, assetId, nowMs);
  if (breaker && breaker.mode === "INELIGIBLE") {
    return {
      eligible: false,
      assetId,
      code: "COLLATERAL_SUSPENDED",
      reason: `${asset.name} is suspended (${breaker.cause}) since ${breaker.sinceMs}${breaker.note ? `: ${breaker.note}` : ""} (COL-4).`,
    };
  }
  if (amountMinor < 0n) {
    return { eligible: false, assetId, code: "COLLATERAL_INVALID_AMOUNT", reason: "collateral amount must be ≥ 0" };
  }
  const usdPerUnit = usdPerUnitOf(asset, fx);
  if (usdPerUnit === null) {
    return { eligible: false, assetId, code: "FX_RATE_UNAVAILABLE", reason: "no valid USD/HKD rate supplied" };
  }
  const haircut = breaker ? RATE_ONE : asset.haircutRate;
  const unitScale = pow10(asset.decimals);
  const grossValueUsd = divFloor(amountMinor * USD * usdPerUnit, unitScale * RATE_ONE);
  const valueUsd = collateralValue(valuationTerms(asset, usdPerUnit, haircut), amountMinor);
  return breaker
    ? { eligible: true, assetId, valueUsd, grossValueUsd, haircut, suspendedBy: breaker }
    : { eligible: true, assetId, valueUsd, grossValueUsd, haircut };
}

/** USD per one whole unit of the asset's currency, ppb; null when an HKD asset has no FX input. */
function usdPerUnitOf(asset: CollateralAsset, fx: FxRates | null): bigint | null {
  if (asset.currency === "USD") return RATE_ONE;
  return fx !== null && fx.usdPerHkd > 0n ? fx.usdPerHkd : null;
}

/**
 * The settlement asset: USD fiat is the margin ledger's own currency. Deposits of it credit the
 * account's USD cash (at par: its registry haircut must be 0) instead of being held as collateral,
 * and realized PnL, fees and funding settle in it. Every other asset is held in its own minor units
 * and valued by {@link collateralValue} at the valuation in force.
 */
export const SETTLEMENT_ASSET = "USD";

/**
 * Valuation of one asset in force (F9, COL-3/COL-4): value(amount) = ⌊amount·num / den⌋ micro-USD
 * with num = USD·usdPerUnit·(1e9 − haircut) and den = 10^decimals·1e9·1e9 — the same single
 * division as deposit valuation, so held collateral and a new deposit of the same amount are valued
 * identically. num = 0 when the asset does not count (breaker, outside its effective dates, no FX).
 */
export interface AssetValuation {
  assetId: string;
  num: bigint;
  den: bigint;
  /** Haircut applied, ppb (RATE_ONE when the asset does not count). */
  haircut: bigint;
  /** USD per whole unit of the asset's currency, ppb (0 when unknown). */
  usdPerUnit: bigint;
  /** Why it counts or not (public schedule status, or FX_RATE_UNAVAILABLE). */
  status: CollateralScheduleRow["status"] | "FX_RATE_UNAVAILABLE";
}

function valuationTerms(asset: CollateralAsset, usdPerUnit: bigint, haircut: bigint): { num: bigint; den: bigint } {
  return { num: USD * usdPerUnit * (RATE_ONE - haircut), den: pow10(asset.decimals) * RATE_ONE * RATE_ONE };
}

/** Haircut-adjusted value of `amountMinor` (≥ 0) under a valuation, micro-USD, rounded down. */
export function collateralValue(v: { num: bigint; den: bigint }, amountMinor: bigint): bigint {
  return v.num === 0n || amountMinor === 0n ? 0n : (amountMinor * v.num) / v.den;
}

/**
 * Smallest amount (minor units) whose value is ≥ `usd` micro-USD under a counting valuation
 * (num > 0): ⌈usd·den / num⌉, so ⌊amount·num/den⌋ ≥ usd. Used to convert only as much collateral
 * as a USD deficit needs.
 */
export function amountToCover(v: AssetValuation, usd: bigint): bigint {
  if (v.num <= 0n) throw new RangeError(`${v.assetId} has no value; nothing covers a deficit`);
  return usd <= 0n ? 0n : (usd * v.den + v.num - 1n) / v.num;
}

/**
 * The valuation of an asset at nowMs with the given FX input and breakers: the haircut from the
 * registry, 100 % under a breaker (HAIRCUT_100 and INELIGIBLE both stop it counting; INELIGIBLE
 * also refuses new deposits), nothing outside its effective dates or without an FX rate. An asset
 * missing from the registry counts for nothing.
 */
export function assetValuation(
  registry: readonly CollateralAsset[],
  assetId: string,
  nowMs: number,
  fx: FxRates | null,
  breakers: readonly CollateralCircuitBreaker[],
): AssetValuation {
  const asset = registry.find((a) => a.assetId === assetId);
  if (asset === undefined) return { assetId, num: 0n, den: 1n, haircut: RATE_ONE, usdPerUnit: 0n, status: "EXPIRED" };
  const eff = effectiveStatus(asset, nowMs);
  const br = eff === "EFFECTIVE" ? activeBreaker(breakers, assetId, nowMs) : undefined;
  const usdPerUnit = usdPerUnitOf(asset, fx);
  const status: AssetValuation["status"] = br
    ? br.mode === "INELIGIBLE"
      ? "SUSPENDED"
      : "HAIRCUT_100"
    : eff !== "EFFECTIVE"
      ? eff
      : usdPerUnit === null
        ? "FX_RATE_UNAVAILABLE"
        : "EFFECTIVE";
  const haircut = status === "EFFECTIVE" ? asset.haircutRate : RATE_ONE;
  const t = valuationTerms(asset, usdPerUnit ?? 0n, haircut);
  return { assetId, num: t.num, den: t.den, haircut, usdPerUnit: usdPerUnit ?? 0n, status };
}

/** The latest breaker in force for the asset at nowMs (later sinceMs wins; INELIGIBLE wins a tie). */
export function activeBreaker(breakers: readonly CollateralCircuitBreaker[], assetId: string, nowMs: number): CollateralCircuitBreaker | undefined {
  let best: CollateralCircuitBreaker | undefined;
  for (const b of breakers) {
    if (b.assetId !== assetId || b.sinceMs > nowMs) continue;
    if (!best || b.sinceMs > best.sinceMs || (b.sinceMs === best.sinceMs && b.mode === "INELIGIBLE")) best = b;
  }
  return best;
}

/**
 * One row of the public eligible-collateral list (DISC-10) and valuation schedule (COL-3): every field
 * of the registry entry, with the haircut in force (100 % under a breaker), and its status.
 */
export interface CollateralScheduleRow extends CollateralAsset {
  status: "EFFECTIVE" | "NOT_YET_EFFECTIVE" | "EXPIRED" | "SUSPENDED" | "HAIRCUT_100";
}

/** The registry as the public list shows it at nowMs, in registry order; derived, never re-typed. */
export function collateralSchedule(
  registry: readonly CollateralAsset[],
  nowMs: number,
  breakers: readonly CollateralCircuitBreaker[] = [],
): CollateralScheduleRow[] {
  return registry.map((a) => {
    const eff = effectiveStatus(a, nowMs);
    const br = eff === "EFFECTIVE" ? activeBreaker(breakers, a.assetId, nowMs) : undefined;
    return {
      assetId: a.assetId,
      name: a.name,
      kind: a.kind,
      currency: a.currency,
      issuer: a.issuer,
      licenceNo: a.licenceNo,
      haircutRate: br ? RATE_ONE : a.haircutRate,
      decimals: a.decimals,
      maxDepositMinor: a.maxDepositMinor,
      maxAccountMinor: a.maxAccountMinor,
      effectiveFromMs: a.effectiveFromMs,
      effectiveToMs: a.effectiveToMs,
      status: br ? (br.mode === "INELIGIBLE" ? "SUSPENDED" : "HAIRCUT_100") : eff,
      regulatoryBasis: a.regulatoryBasis,
      valuationMethod: a.valuationMethod,
      illustrative: a.illustrative,
    };
  });
}

/**
 * Structural checks of a registry: unique ids, known kinds/currencies, haircut in [0, 100 %),
 * decimals 0…18, effectiveTo after effectiveFrom, a licence number for non-fiat kinds, and none of
 * the known-ineligible assets listed. Returns [] when valid.
 */
export function validateCollateralRegistry(raw: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  if (!Array.isArray(raw)) return [{ path: "", code: "INVALID_TYPE", message: "collateral registry must be an array" }];
  const seen = new Set<string>();
  raw.forEach((a: Partial<CollateralAsset>, i) => {
    const p = `[${i}]`;
    if (typeof a !== "object" || a === null || typeof a.assetId !== "string" || a.assetId === "") {
      errors.push({ path: p, code: "INVALID_TYPE", message: "an entry needs a non-empty assetId" });
      return;
    }
    if (seen.has(a.assetId)) errors.push({ path: `${p}.assetId`, code: "DUPLICATE_ID", message: `duplicate asset ${a.assetId}` });
    seen.add(a.assetId);
    if (a.assetId.toUpperCase() in KNOWN_INELIGIBLE_ASSETS) {
      errors.push({ path: `${p}.assetId`, code: "COLLATERAL_INELIGIBLE_ASSET", message: KNOWN_INELIGIBLE_ASSETS[a.assetId.toUpperCase()] });
    }
    for (const k of ["name", "issuer", "regulatoryBasis", "valuationMethod"] as const) {
      if (typeof a[k] !== "string" || a[k] === "") errors.push({ path: `${p}.${k}`, code: "INVALID_TYPE", message: `${k} must be a non-empty string` });
    }
    if (a.kind !== "FIAT" && a.kind !== "HKMA_LICENSED_STABLECOIN" && a.kind !== "AI_TOKENIZED_DEPOSIT") {
      errors.push({ path: `${p}.kind`, code: "UNKNOWN_ENUM", message: "kind must be FIAT, HKMA_LICENSED_STABLECOIN or AI_TOKENIZED_DEPOSIT" });
    } else if (a.kind !== "FIAT" && (typeof a.licenceNo !== "string" || a.licenceNo === "")) {
      errors.push({ path: `${p}.licenceNo`, code: "LICENCE_REQUIRED", message: `${a.kind} entries need the issuer's HKMA licence / AI number` });
    }
    if (a.assetId === SETTLEMENT_ASSET && (a.kind !== "FIAT" || a.currency !== "USD" || a.haircutRate !== 0n)) {
      errors.push({
        path: `${p}.haircutRate`,
        code: "OUT_OF_RANGE",
        message: "USD is the settlement currency (held as cash at par): it must be FIAT, currency USD, haircut 0",
      });
    }
    if (a.currency !== "USD" && a.currency !== "HKD") {
      errors.push({ path: `${p}.currency`, code: "UNKNOWN_ENUM", message: "currency must be USD or HKD" });
    }
    if (typeof a.haircutRate !== "bigint" || a.haircutRate < 0n || a.haircutRate >= RATE_ONE) {
      errors.push({ path: `${p}.haircutRate`, code: "OUT_OF_RANGE", message: "haircutRate must be a bigint in [0, RATE_ONE) ppb" });
    }
    if (typeof a.decimals !== "number" || !Number.isSafeInteger(a.decimals) || a.decimals < 0 || a.decimals > 18) {
      errors.push({ path: `${p}.decimals`, code: "OUT_OF_RANGE", message: "decimals must be an integer 0…18" });
    }
    if (typeof a.maxDepositMinor !== "bigint" || a.maxDepositMinor <= 0n || a.maxDepositMinor > MAX_COLLATERAL_LIMIT_MINOR) {
      errors.push({
        path: `${p}.maxDepositMinor`,
        code: "OUT_OF_RANGE",
        message: `maxDepositMinor must be a bigint in 1 … ${MAX_COLLATERAL_LIMIT_MINOR} (minor units)`,
      });
    } else if (typeof a.maxAccountMinor !== "bigint" || a.maxAccountMinor < a.maxDepositMinor || a.maxAccountMinor > MAX_COLLATERAL_LIMIT_MINOR) {
      errors.push({
        path: `${p}.maxAccountMinor`,
        code: "OUT_OF_RANGE",
        message: `maxAccountMinor must be a bigint in maxDepositMinor … ${MAX_COLLATERAL_LIMIT_MINOR} (minor units)`,
      });
    }
    if (typeof a.effectiveFromMs !== "number" || !Number.isSafeInteger(a.effectiveFromMs)) {
      errors.push({ path: `${p}.effectiveFromMs`, code: "INVALID_TYPE", message: "effectiveFromMs must be epoch ms" });
    } else if (
      a.effectiveToMs !== null &&
      (typeof a.effectiveToMs !== "number" || !Number.isSafeInteger(a.effectiveToMs) || a.effectiveToMs <= a.effectiveFromMs)
    ) {
      errors.push({ path: `${p}.effectiveToMs`, code: "EFFECTIVE_RANGE_INVALID", message: "effectiveToMs must be null or after effectiveFromMs" });
    }
    if (typeof a.illustrative !== "boolean") {
      errors.push({ path: `${p}.illustrative`, code: "INVALID_TYPE", message: "illustrative must be a boolean" });
    }
  });
  return errors;
}

/** Field metadata for the public collateral schedule (DISC-10, COL-3); keyed by CollateralAsset field. */
export const COLLATERAL_FIELD_DOCS: Readonly<Record<keyof CollateralAsset, ParamDoc>> = {
  assetId: { label: "Asset", unit: "text", description: "Identifier used for deposits and balances.", requirements: ["DISC-10"] },
  name: { label: "Name", unit: "text", description: "Asset name.", requirements: ["DISC-10"] },
  kind: {
    label: "Category",
    unit: "enum",
    description: "Fiat currency, a stablecoin licensed by the HKMA, or a tokenized deposit of an authorized institution.",
    requirements: ["COL-1", "DISC-10"],
  },
  currency: { label: "Currency", unit: "enum", description: "Currency the asset is denominated and redeemable in.", requirements: ["COL-3", "DISC-10"] },
  issuer: { label: "Issuer", unit: "text", description: "Issuer or holding institution.", requirements: ["COL-1", "DISC-10"] },
  licenceNo: {
    label: "Licence no.",
    unit: "text",
    description: "HKMA stablecoin licence or authorised-institution number.",
    requirements: ["COL-1", "DISC-10"],
  },
  effectiveFromMs: { label: "Eligible from", unit: "ms", description: "Start of eligibility (epoch ms, inclusive).", requirements: ["COL-1", "DISC-10"] },
  effectiveToMs: {
    label: "Eligible until",
    unit: "ms",
    description: "End of eligibility (epoch ms, exclusive); empty = open-ended.",
    requirements: ["COL-1", "DISC-10"],
  },
  haircutRate: {
    label: "Haircut",
    unit: "ppb",
    description: "Collateral value = market value × (1 − haircut), rounded down.",
    requirements: ["COL-3", "DISC-10"],
  },
  decimals: { label: "Decimals", unit: "count", description: "Decimal places of the asset's smallest unit.", requirements: ["COL-3"] },
  maxDepositMinor: {
    label: "Largest deposit",
    unit: "minor units",
    description: "Largest single deposit accepted, in the asset's smallest unit.",
    requirements: ["COL-1"],
  },
  maxAccountMinor: {
    label: "Most per account",
    unit: "minor units",
    description:
      "Most of the asset one account may have deposited (its holding, pending deposits included; for USD, deposits less withdrawals), in the asset's smallest unit.",
    requirements: ["COL-1"],
  },
  regulatoryBasis: { label: "Regulatory basis", unit: "text", description: "Why the asset is eligible.", requirements: ["COL-1", "DISC-10"] },
  valuationMethod: { label: "Valuation", unit: "text", description: "Price source and update frequency.", requirements: ["COL-3"] },
  illustrative: {
    label: "Illustrative",
    unit: "enum",
    description: "Demo entry standing in for a real licensee; not for production.",
    requirements: ["DISC-10"],
  },
};

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

/** 2026-01-01T00:00:00Z: start of eligibility for the launch registry. */
const LAUNCH_MS = 1_767_225_600_000;

/**
 * Registry entries written before deposit limits existed (version 2 snapshots) get the launch
 * registry's limits for the same asset, or for an asset it does not list, about 1 billion of its
 * currency unit per deposit and ten times that per account.
 */
export function withDepositLimits<
  A extends Omit<CollateralAsset, "maxDepositMinor" | "maxAccountMinor"> & Partial<Pick<CollateralAsset, "maxDepositMinor" | "maxAccountMinor">>,
>(assets: readonly A[]): CollateralAsset[] {
  return assets.map((asset) => {
    if (asset.maxDepositMinor !== undefined && asset.maxAccountMinor !== undefined) return { ...asset } as CollateralAsset;
    const launch = DEFAULT_COLLATERAL_REGISTRY.find((known) => known.assetId === asset.assetId);
    const perDeposit = launch?.maxDepositMinor ?? 1_000_000_000n * 10n ** BigInt(asset.decimals);
    return { ...asset, maxDepositMinor: perDeposit, maxAccountMinor: launch?.maxAccountMinor ?? 10n * perDeposit };
  });
}

/**
 * Launch registry. The stablecoin and tokenized-deposit entries are ILLUSTRATIVE placeholders:
 * replace them with issuers on the HKMA register before go-live (REQUIREMENTS §4.4). Deposit limits
 * are about 1 billion USD per deposit (8 billion for HKD assets) and ten times that per account:
 * far above any real client, low enough that no amount the engine holds grows without bound.
 */
export const DEFAULT_COLLATERAL_REGISTRY: CollateralAsset[] = [
  {
    assetId: "USD",
    name: "US dollar (fiat)",
    kind: "FIAT",
    currency: "USD",
    issuer: "Fiat cash in the segregated client bank account",
    licenceNo: null,
    effectiveFromMs: LAUNCH_MS,
    effectiveToMs: null,
    haircutRate: 0n,
    decimals: 2,
    maxDepositMinor: 1_000_000_000_00n,
    maxAccountMinor: 10_000_000_000_00n,
    regulatoryBasis: "Fiat currency: eligible perps collateral under the SFC perpetual contracts framework (COL-1).",
    valuationMethod: "At par: 1 USD = 1 USD.",
    illustrative: false,
  },
  {
    assetId: "HKD",
    name: "Hong Kong dollar (fiat)",
    kind: "FIAT",
    currency: "HKD",
    issuer: "Fiat cash in the segregated client bank account",
    licenceNo: null,
    effectiveFromMs: LAUNCH_MS,
    effectiveToMs: null,
    // Covers the linked-exchange-rate band (7.75–7.85 HKD per USD, about 1.3 % wide).
    haircutRate: pct("1"),
    decimals: 2,
    maxDepositMinor: 8_000_000_000_00n,
    maxAccountMinor: 80_000_000_000_00n,
    regulatoryBasis: "Fiat currency: eligible perps collateral under the SFC perpetual contracts framework (COL-1).",
    valuationMethod: "Converted at the USD/HKD reference rate input, updated at least every minute.",
    illustrative: false,
  },
  {
    assetId: "HKDX-DEMO",
    name: "Demo HKD stablecoin (illustrative)",
    kind: "HKMA_LICENSED_STABLECOIN",
    currency: "HKD",
    issuer: "Demo HKD stablecoin issuer (illustrative)",
    licenceNo: "ILLUSTRATIVE-SC-0001",
    effectiveFromMs: LAUNCH_MS,
    effectiveToMs: null,
    haircutRate: pct("2"),
    decimals: 6,
    maxDepositMinor: 8_000_000_000_000000n,
    maxAccountMinor: 80_000_000_000_000000n,
    regulatoryBasis:
      "Fiat-referenced stablecoin of an HKMA-licensed issuer under the Stablecoins Ordinance (Cap. 656). Illustrative entry: verify against the HKMA register of licensed issuers.",
    valuationMethod: "At par to HKD (redeemable at par under Cap. 656), converted at the USD/HKD reference rate.",
    illustrative: true,
  },
  {
    assetId: "USDX-DEMO",
    name: "Demo USD stablecoin (illustrative)",
    kind: "HKMA_LICENSED_STABLECOIN",
    currency: "USD",
    issuer: "Demo USD stablecoin issuer (illustrative)",
    licenceNo: "ILLUSTRATIVE-SC-0002",
    effectiveFromMs: LAUNCH_MS,
    effectiveToMs: null,
    haircutRate: pct("2"),
    decimals: 6,
    maxDepositMinor: 1_000_000_000_000000n,
    maxAccountMinor: 10_000_000_000_000000n,
    regulatoryBasis:
      "Fiat-referenced stablecoin of an HKMA-licensed issuer under the Stablecoins Ordinance (Cap. 656). Illustrative entry: verify against the HKMA register of licensed issuers.",
    valuationMethod: "At par to USD (redeemable at par under Cap. 656).",
    illustrative: true,
  },
  {
    assetId: "TD-HKD-DEMOBANK",
    name: "Demo Bank tokenized HKD deposit (illustrative)",
    kind: "AI_TOKENIZED_DEPOSIT",
    currency: "HKD",
    issuer: "Demo Bank, an HKMA authorised institution (illustrative)",
    licenceNo: "ILLUSTRATIVE-AI-0001",
    effectiveFromMs: LAUNCH_MS,
    effectiveToMs: null,
    haircutRate: pct("0.5"),
    decimals: 2,
    maxDepositMinor: 8_000_000_000_00n,
    maxAccountMinor: 80_000_000_000_00n,
    regulatoryBasis:
      "Tokenized deposit of an HKMA authorised institution (Project Ensemble pattern). Illustrative entry: verify the institution on the HKMA register.",
    valuationMethod: "At par to the HKD deposit, converted at the USD/HKD reference rate.",
    illustrative: true,
  },
];
