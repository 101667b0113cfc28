/**
 * Mark price (ANCHORS §3 "Mark price", Binance/Bybit):
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

import type { MarkParams } from "./config-types";
import { RATE_ONE, divHalfEven, ticksFromBig, MAX_PRICE_TICKS } from "./fixed-point";

export type { MarkParams } from "./config-types";

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
export function sampleBasis(state: BasisAveragerState, nowMs: number, bestBid: number, bestAsk: number, index: number): BasisAveragerState {
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

/**
 * Everything one mark computation used, so it can be redone from the record alone (LIQ-3): the
 * candidates (p1, p2, last) and the raw inputs they came from. bestBid/bestAsk are informational.
 */
export interface MarkTickInputs {
  index: number;
  p1: number;
  p2: number | null;
  last: number | null;
  bestBid: number | null;
  bestAsk: number | null;
  /** Funding rate used in P1 (the current interval's predicted rate), ppb. */
  fundingRate: bigint;
  /** Time to the next funding as passed in, ms (unclamped; P1 clamps it to [0, intervalMs]). */
  msToFunding: number;
  intervalMs: number;
  /** The basis moving average P2 used; null when the window held no samples. */
  basisAverage: BasisAverage | null;
}

export interface MarkTick {
  /** Mark price, ticks. */
  price: number;
  inputs: MarkTickInputs;
  chosen: MarkInputName;
  /** True when fewer than three inputs existed and P1 was used. */
  fallback: boolean;
}

/** Why P1 was used alone, when it was. */
export type MarkFallbackReason = "no_last_trade" | "no_basis_samples" | "no_last_trade_and_no_basis_samples";

/**
 * Every intermediate value of one mark computation, exact (bigint where it is a fraction's part),
 * so a page can print the arithmetic. computeMark returns the tick built from these; explainMark
 * rebuilds them from a recorded tick. One code path, so the public recomputation cannot drift.
 */
export interface MarkSteps {
  inputs: MarkInputs;
  maxPriceTicks: number;
  /** Δt after clamping msToFunding to [0, intervalMs]. */
  dtMs: number;
  dtClamped: boolean;
  /** P1 = round_half_even(p1Numerator / p1Denominator) = Idx · (1e9·T + F·Δt) / (1e9·T), then clamped to 1 … max. */
  p1Numerator: bigint;
  p1Denominator: bigint;
  p1Unclamped: bigint;
  p1: number;
  /** P2 = Idx + round_half_even(Σ half-ticks / (2·count)); null parts when there is no basis average. */
  basisAverageTicks: bigint | null;
  p2Unclamped: bigint | null;
  p2: number | null;
  last: number | null;
  /** Candidates in median order (value, then p1 < p2 < last); empty on fallback. */
  ordered: Array<{ name: MarkInputName; value: number }>;
  fallback: MarkFallbackReason | null;
  chosen: MarkInputName;
  price: number;
}

/**
 * Mark price from its inputs. P1 and P2 are rounded half-to-even to a tick (the mark is a
 * reference, not a charge, so it should not lean either way). Result clamped to 1 … maxPriceTicks.
 */
export function computeMark(params: { maxPriceTicks?: number }, x: MarkInputs): MarkTick {
  const st = markSteps(params, x);
  const inputs: MarkTickInputs = {
    index: x.index,
    p1: st.p1,
    p2: st.p2,
    last: st.last,
    bestBid: x.bestBid ?? null,
    bestAsk: x.bestAsk ?? null,
    fundingRate: x.fundingRate,
    msToFunding: x.msToFunding,
    intervalMs: x.intervalMs,
    basisAverage: x.basisAverage && x.basisAverage.count > 0 ? { sumHalfTicks: x.basisAverage.sumHalfTicks, count: x.basisAverage.count } : null,
  };
  return { price: st.price, inputs, chosen: st.chosen, fallback: st.fallback !== null };
}

/** The arithmetic of computeMark, step by step (see MarkSteps). */
export function markSteps(params: { maxPriceTicks?: number }, x: MarkInputs): MarkSteps {
  if (!(Number.isSafeInteger(x.index) && x.index > 0)) throw new RangeError(`computeMark: index must be > 0 ticks, got ${x.index}`);
  if (!(Number.isSafeInteger(x.intervalMs) && x.intervalMs > 0)) throw new RangeError("computeMark: intervalMs must be > 0");
  const max = params.maxPriceTicks ?? MAX_PRICE_TICKS;
  const dtMs = Math.min(Math.max(x.msToFunding, 0), x.intervalMs);
  const t = BigInt(x.intervalMs);
  const p1Numerator = BigInt(x.index) * (RATE_ONE * t + x.fundingRate * BigInt(dtMs));
  const p1Denominator = RATE_ONE * t;
  const p1Unclamped = divHalfEven(p1Numerator, p1Denominator);
  const p1 = ticksFromBig(p1Unclamped, max);
  const hasBasis = x.basisAverage != null && x.basisAverage.count > 0;
  const basisAverageTicks = hasBasis ? divHalfEven(BigInt(x.basisAverage!.sumHalfTicks), 2n * BigInt(x.basisAverage!.count)) : null;
  const p2Unclamped = basisAverageTicks === null ? null : BigInt(x.index) + basisAverageTicks;
  const p2 = p2Unclamped === null ? null : ticksFromBig(p2Unclamped, max);
  const last = x.last != null && x.last > 0 ? x.last : null;
  const common = {
    inputs: x,
    maxPriceTicks: max,
    dtMs,
    dtClamped: dtMs !== x.msToFunding,
    p1Numerator,
    p1Denominator,
    p1Unclamped,
    p1,
    basisAverageTicks,
    p2Unclamped,
    p2,
    last,
  };
  if (p2 === null || last === null) {
    const fallback: MarkFallbackReason =
      p2 === null && last === null ? "no_last_trade_and_no_basis_samples" : last === null ? "no_last_trade" : "no_basis_samples";
    return { ...common, ordered: [], fallback, chosen: "p1", price: p1 };
  }
  const ordered: Array<{ name: MarkInputName; value: number }> = [
    { name: "p1", value: p1 },
    { name: "p2", value: p2 },
    { name: "last", value: last },
  ];
  // Array.prototype.sort is stable, so equal values keep p1 < p2 < last order.
  ordered.sort((a, b) => a.value - b.value);
  return { ...common, ordered, fallback: null, chosen: ordered[1].name, price: ordered[1].value };
}

/** The steps recomputed from a recorded tick, and every recorded figure that disagrees with them. */
export interface MarkExplanation {
  steps: MarkSteps;
  /** Names of the recorded fields that differ from the recomputation (empty = the record checks out). */
  mismatches: Array<"price" | "chosen" | "fallback" | "p1" | "p2" | "last">;
  matches: boolean;
}

/**
 * Redo a recorded mark from its own inputs (LIQ-3): the audit trail and the public recompute panel
 * call this, and it runs the same markSteps as computeMark, so any tampered or inconsistent
 * figure in the record shows up as a mismatch. Throws RangeError for inputs computeMark refuses.
 */
export function explainMark(params: { maxPriceTicks?: number }, tick: MarkTick): MarkExplanation {
  const r = tick.inputs;
  const steps = markSteps(params, {
    index: r.index,
    fundingRate: r.fundingRate,
    msToFunding: r.msToFunding,
    intervalMs: r.intervalMs,
    basisAverage: r.basisAverage,
    last: r.last,
    bestBid: r.bestBid ?? undefined,
    bestAsk: r.bestAsk ?? undefined,
  });
  const mismatches: MarkExplanation["mismatches"] = [];
  if (steps.price !== tick.price) mismatches.push("price");
  if (steps.chosen !== tick.chosen) mismatches.push("chosen");
  if ((steps.fallback !== null) !== tick.fallback) mismatches.push("fallback");
  if (steps.p1 !== r.p1) mismatches.push("p1");
  if (steps.p2 !== r.p2) mismatches.push("p2");
  if (steps.last !== r.last) mismatches.push("last");
  return { steps, mismatches, matches: mismatches.length === 0 };
}
