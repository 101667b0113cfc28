/**
 * Tiered margin (MRG-1), Binance-style: the whole position notional N falls in one tier n
 * (floor_n ≤ N < floor_{n+1}) and
 *
 *   MM = N · MMR_n − MA_n        (rounded up; MA_n makes MM continuous: it equals the bracketed sum
 *                                 Σ over brackets of slice × MMR_bracket, exactly)
 *   IM = N · IMR_n               (rounded up; FLAT by tier, so IM steps up at each floor: crossing
 *                                 a floor raises the rate on the whole notional, which is what
 *                                 makes large positions de-lever)
 *
 * Notional is a magnitude: callers pass |N|. Requirements on the client round up.
 */

import type { MarginTier, MarketSpec } from "./config-types";
import { RATE_ONE, divCeil, mulDivCeil } from "./fixed-point";

export type { MarginTier, MarginTierResolved } from "./config-types";

/** The subset of MarketSpec margin functions need, so callers can pass a bare tier table. */
export type MarginSpec = Pick<MarketSpec, "marginTiers" | "maxPositionNotional">;

/**
 * Tier of a notional (micro-USD, ≥ 0): the last tier whose floor ≤ notional. Notionals above the
 * position limit stay in the last tier; rejecting them is the caller's job (see exceedsPositionLimit).
 * Binary search: tier tables are short, but this runs per mark tick per position.
 */
export function tierFor(spec: MarginSpec, notional: bigint): MarginTier {
  if (notional < 0n) throw new RangeError(`tierFor: notional must be a magnitude (≥ 0), got ${notional}`);
  const tiers = spec.marginTiers;
  let lo = 0;
  let hi = tiers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tiers[mid].floorNotional <= notional) lo = mid;
    else hi = mid - 1;
  }
  return tiers[lo];
}

/** Maintenance margin, micro-USD: ⌈N · MMR_n / RATE_ONE⌉ − MA_n (MA_n is exact, so this is ⌈N·MMR_n − MA_n⌉). */
export function maintenanceMargin(spec: MarginSpec, notional: bigint): bigint {
  const t = tierFor(spec, notional);
  return mulDivCeil(notional, t.maintenanceMarginRate, RATE_ONE) - t.maintenanceAmount;
}

/**
 * Initial margin, micro-USD: ⌈N / maxLeverage_n⌉ with n the tier N falls in (flat by tier). Computed
 * from the leverage rather than the rounded IMR so 3x is exactly N/3, rounded up once.
 */
export function initialMargin(spec: MarginSpec, notional: bigint): bigint {
  const t = tierFor(spec, notional);
  return divCeil(notional, BigInt(t.maxLeverage));
}

/** Maximum leverage available for a position of this notional (its tier's maxLeverage). */
export function maxLeverageFor(spec: MarginSpec, notional: bigint): number {
  return tierFor(spec, notional).maxLeverage;
}

/** True when a position of this notional exceeds the market's position limit (last tier's cap). */
export function exceedsPositionLimit(spec: MarginSpec, notional: bigint): boolean {
  return notional > spec.maxPositionNotional;
}

/**
 * Maintenance margin summed bracket by bracket (Σ slice_k × MMR_k), rounded up once. Equal to
 * maintenanceMargin by construction of MA; exported for the public calculator and for tests that
 * check the two formulations agree (LIQ-3).
 */
export function maintenanceMarginBracketed(spec: MarginSpec, notional: bigint): bigint {
  if (notional < 0n) throw new RangeError("maintenanceMarginBracketed: notional must be ≥ 0");
  const tiers = spec.marginTiers;
  let scaled = 0n;
  for (let i = 0; i < tiers.length; i++) {
    const lo = tiers[i].floorNotional;
    if (notional <= lo) break;
    const hi = i + 1 < tiers.length ? tiers[i + 1].floorNotional : null;
    const top = hi !== null && notional > hi ? hi : notional;
    scaled += (top - lo) * tiers[i].maintenanceMarginRate;
  }
  return divCeil(scaled, RATE_ONE);
}
