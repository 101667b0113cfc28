/**
 * Mark price (issue 3 pt 8; ANCHORS §3 "Mark price", Binance/Bybit):
 *
 *   P1 = Idx · (1 + F · Δt / T)                  F = last funding rate, Δt = ms to next funding, T = interval
 *   P2 = Idx + MA_window((Bid1 + Ask1)/2 − Idx)    basis moving average over `basisWindowMs`
 *   Mark = median(P1, P2, Last)
 *
 * Fallback when an input is missing (no trade yet → no Last; no basis samples in the window → no
 * P2): Mark = P1. P1 needs only the index and the funding rate, both of which exist whenever the
 * index does, and it cannot be moved by trading on our own thin book, which is the point of a mark.
 *
 * Median tie rule: inputs are ordered by (value, then p1 < p2 < last) and the middle one wins, so
 * `chosen` is deterministic when two inputs are equal.
 *
 * All prices are ticks. Mid is carried in half-ticks (bid + ask) so nothing is rounded until P2.
 */

import type { MarkParams } from "./config";
import { RATE_ONE, divHalfEven, ticksFromBig, MAX_PRICE_TICKS } from "./fixed-point";

export type { MarkParams } from "./config";

/** One basis observation: (bid + ask − 2·index) in half-ticks, i.e. 2 × (mid − index). */
export interface BasisSample {
  atMs: number;
  basisHalfTicks: number;
}

/** Serializable state of the basis moving average: a time-bounded ring of samples. */
export interface BasisAveragerState {
  windowMs: number;
  sampleEveryMs: number;
  /** Oldest first; only samples with atMs > lastSampleMs − windowMs are kept. */
  samples: BasisSample[];
  /** Time of the last accepted sample (null before the first). */
  lastSampleMs: number | null;
}

/** Sum and count of the basis samples in the window; the average is sumHalfTicks / (2·count) ticks. */
export interface BasisAverage {
  sumHalfTicks: number;
  count: number;
}

export function createBasisAverager(params: MarkParams): BasisAveragerState {
  return { windowMs: params.basisWindowMs, sampleEveryMs: params.basisSampleEveryMs, samples: [], lastSampleMs: null };
}

/**
 * Offer a basis sample. Pure: returns a new state, or the SAME state object when nothing changes
 * (less than sampleEveryMs since the last sample, a one-sided or crossed book, no index).
 * Samples older than the window are dropped, so the ring holds at most window/sampleEvery entries.
 * Note: takes best bid and ask (ticks) rather than a mid, so the half-tick mid stays exact.
 */
export function sampleBasis(
  state: BasisAveragerState,
  nowMs: number,
  bestBid: number,
  bestAsk: number,
  index: number,
): BasisAveragerState {
  if (state.lastSampleMs !== null && nowMs < state.lastSampleMs + state.sampleEveryMs) return state;
  if (!(bestBid > 0 && bestAsk > 0 && bestBid < bestAsk && index > 0)) return state;
  const cutoff = nowMs - state.windowMs;
  const samples = state.samples.filter((s) => s.atMs > cutoff);
  samples.push({ atMs: nowMs, basisHalfTicks: bestBid + bestAsk - 2 * index });
  return { ...state, samples, lastSampleMs: nowMs };
}

/** The basis average over (nowMs − window, nowMs], or null when there are no samples in it. */
export function basisAverageOf(state: BasisAveragerState, nowMs: number): BasisAverage | null {
  const cutoff = nowMs - state.windowMs;
  let sum = 0;
  let count = 0;
  for (const s of state.samples) {
    if (s.atMs > cutoff && s.atMs <= nowMs) {
      sum += s.basisHalfTicks;
      count++;
    }
  }
  return count === 0 ? null : { sumHalfTicks: sum, count };
}

export interface MarkInputs {
  /** Index price, ticks (> 0). */
  index: number;
  /** Last (or current predicted) funding rate, ppb. */
  fundingRate: bigint;
  /** Time to the next funding, ms (clamped to [0, intervalMs]). */
  msToFunding: number;
  intervalMs: number;
  basisAverage: BasisAverage | null;
  /** Last trade price, ticks; null or 0 when there has been no trade. */
  last: number | null;
  /** Current touch; informational here (P2 uses the averaged basis), recorded for the audit trail. */
  bestBid?: number;
  bestAsk?: number;
}

export type MarkInputName = "p1" | "p2" | "last";

export interface MarkTick {
  /** Mark price, ticks. */
  price: number;
  inputs: { index: number; p1: number; p2: number | null; last: number | null; bestBid: number | null; bestAsk: number | null };
  chosen: MarkInputName;
  /** True when fewer than three inputs existed and P1 was used. */
  fallback: boolean;
}

/**
 * Mark price from its inputs. P1 and P2 are rounded half-to-even to a tick (the mark is a
 * reference, not a charge, so it should not lean either way). Result clamped to 1 … maxPriceTicks.
 */
export function computeMark(params: { maxPriceTicks?: number }, x: MarkInputs): MarkTick {
  if (!(Number.isSafeInteger(x.index) && x.index > 0)) throw new RangeError(`computeMark: index must be > 0 ticks, got ${x.index}`);
  if (!(Number.isSafeInteger(x.intervalMs) && x.intervalMs > 0)) throw new RangeError("computeMark: intervalMs must be > 0");
  const max = params.maxPriceTicks ?? MAX_PRICE_TICKS;
  const dt = BigInt(Math.min(Math.max(x.msToFunding, 0), x.intervalMs));
  const t = BigInt(x.intervalMs);
  const p1 = ticksFromBig(divHalfEven(BigInt(x.index) * (RATE_ONE * t + x.fundingRate * dt), RATE_ONE * t), max);
  const p2 =
    x.basisAverage && x.basisAverage.count > 0
      ? ticksFromBig(BigInt(x.index) + divHalfEven(BigInt(x.basisAverage.sumHalfTicks), 2n * BigInt(x.basisAverage.count)), max)
      : null;
  const last = x.last != null && x.last > 0 ? x.last : null;
  const inputs = { index: x.index, p1, p2, last, bestBid: x.bestBid ?? null, bestAsk: x.bestAsk ?? null };
  if (p2 === null || last === null) return { price: p1, inputs, chosen: "p1", fallback: true };
  const order: Array<[number, MarkInputName]> = [
    [p1, "p1"],
    [p2, "p2"],
    [last, "last"],
  ];
  // Array.prototype.sort is stable, so equal values keep p1 < p2 < last order.
  order.sort((a, b) => a[0] - b[0]);
  const [price, chosen] = order[1];
  return { price, inputs, chosen, fallback: false };
}
