/**
 * Fat-finger protection (DISC-1 conduct control): the price band a client order's limit must sit in
 * and the protective limit a market order without one gets. Pure arithmetic on the mark in force;
 * the engine's order path (exchange.ts placeOrder), the pre-trade preview (views.ts previewOrder) and
 * the portal's ticket all read the band from here, so the published edges are the enforced ones.
 */

import type { MarketSpec, OrderProtectionParams } from "./config-types";
import { RATE_ONE, divCeil, formatPercent, formatTicks } from "./fixed-point";

/** Largest configurable band or slippage: beyond half the mark the control no longer protects anyone. */
export const MAX_ORDER_PROTECTION_RATE = RATE_ONE / 2n;

export interface PriceBand {
  /** Lowest and highest accepted limit price, ticks, inclusive. */
  low: number;
  high: number;
  /** The mark the band was taken around, ticks. */
  mark: number;
  /** Half-width, ppb of mark. */
  rate: bigint;
}

/**
 * The band [mark·(1 − rate), mark·(1 + rate)] in whole ticks, rounded inward (low up, high down) so
 * rounding never widens it, and kept within 1 … maxPriceTicks. Null when the market has no
 * protection configured or no mark yet.
 */
export function priceBandOf(spec: MarketSpec, mark: number): PriceBand | null {
  const p = spec.orderProtection;
  if (p === undefined || mark <= 0) return null;
  return { low: bandLow(spec, mark), high: bandHigh(spec, mark), mark, rate: p.limitPriceBandRate };
}

/** Lowest accepted limit price, ticks: ⌈mark·(1 − band)⌉, at least 1. Requires orderProtection and a mark. */
export function bandLow(spec: MarketSpec, mark: number): number {
  const low = divCeil(BigInt(mark) * (RATE_ONE - spec.orderProtection!.limitPriceBandRate), RATE_ONE);
  return low < 1n ? 1 : Number(low);
}

/** Highest accepted limit price, ticks: ⌊mark·(1 + band)⌋, at most maxPriceTicks. Requires orderProtection and a mark. */
export function bandHigh(spec: MarketSpec, mark: number): number {
  const high = (BigInt(mark) * (RATE_ONE + spec.orderProtection!.limitPriceBandRate)) / RATE_ONE;
  return high > BigInt(spec.maxPriceTicks) ? spec.maxPriceTicks : Number(high);
}

/**
 * Protective limit of a market order sent without one: buy mark·(1 + slippage) rounded down, sell
 * mark·(1 − slippage) rounded up (never further from mark than configured), within the price range.
 * 0 (none) when the market has no protection configured or no mark yet.
 */
export function protectiveLimitOf(spec: MarketSpec, mark: number, buy: boolean): number {
  const p: OrderProtectionParams | undefined = spec.orderProtection;
  if (p === undefined || mark <= 0) return 0;
  const m = BigInt(mark);
  if (buy) {
    const up = (m * (RATE_ONE + p.marketOrderSlippageRate)) / RATE_ONE;
    return up > BigInt(spec.maxPriceTicks) ? spec.maxPriceTicks : Number(up);
  }
  const down = divCeil(m * (RATE_ONE - p.marketOrderSlippageRate), RATE_ONE);
  return down < 1n ? 1 : Number(down);
}

/** The band rule in words with its edges in USD, e.g. "within 5% of mark 65012.3 USD: 61761.7 – 68262.9 USD". */
export function describeBand(spec: MarketSpec, band: PriceBand): string {
  return `within ${formatPercent(band.rate)} of mark ${formatTicks(band.mark, spec.tickSize)} USD: ${formatTicks(band.low, spec.tickSize)} – ${formatTicks(band.high, spec.tickSize)} USD`;
}

/** The figures of a PRICE_OUTSIDE_BAND message (as the engine wrote it with describeBand), so a reader can put them in its own words; null for any other text. */
export function parseBandRejection(
  message: string,
): { kind: "limit" | "protective"; price: string; rate: string; mark: string; low: string; high: string } | null {
  const m =
    /^(limit|protective) price (\d+(?:\.\d+)?) USD is outside the price band: prices must be within (\d+(?:\.\d+)?)% of mark (\d+(?:\.\d+)?) USD: (\d+(?:\.\d+)?) – (\d+(?:\.\d+)?) USD$/.exec(
      message,
    );
  if (m === null) return null;
  return { kind: m[1] as "limit" | "protective", price: m[2], rate: `${m[3]}%`, mark: m[4], low: m[5], high: m[6] };
}
