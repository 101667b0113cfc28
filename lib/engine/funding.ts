/**
 * Funding (ANCHORS §3 "Funding"):
 *
 *   IB, IA = average fill price of the impact notional on the bid / ask side
 *   P      = [max(0, IB − Idx) − max(0, Idx − IA)] / Idx                     (ppb, per sample)
 *   P̄      = Σ w_k·P_k / Σ w_k over the interval's samples                   (w_k = k or 1)
 *   F      = clamp(P̄ + clamp(I − P̄, −band, +band), −cap, +cap)             (per interval)
 *   payment = notional × F; positive F: longs pay shorts
 *
 * Depth fallback: when one side cannot fill the impact notional its impact price is null and that
 * side's term counts as the index (contributes 0): thin books never manufacture a premium.
 *
 * Sample weights come from the sample's time slot within the interval (slot k = ⌊(t − start) /
 * sampleEvery⌋ + 1), not from how many samples arrived, so a missed sample does not shift the
 * weights of later ones (Binance: Σk·P_k / Σk over 5,760 five-second samples). One sample per slot:
 * the first one wins.
 */

import type { FundingParams, FundingSampleWeighting } from "./config-types";
import { RATE_ONE, abs, clampBig, divCeil, divFloor, divHalfEven, maxBig, mulDivCeil } from "./fixed-point";

export type { FundingParams } from "./config-types";

/** Bid side of a book (matches order-book.ts BUY). */
export const BID_SIDE = 0;
/** Ask side of a book (matches order-book.ts SELL). */
export const ASK_SIDE = 1;

/** Structural view of the order book: walk price levels from the touch outward; return false to stop. */
export interface DepthWalker {
  walk(side: 0 | 1, fn: (price: number, size: number) => boolean | void): void;
}

/**
 * Average fill price (ticks) to fill `impactNotional` (micro-USD) against one side, or null when the
 * side's depth is insufficient. The last level is filled fractionally (quantity may be a fraction of
 * a lot), so avg = N·p_last / (fullLots·p_last·tickLotValue + remainder), exactly; rounded DOWN for
 * the bid and UP for the ask, which can only shrink the premium's magnitude.
 */
export function impactPrice(book: DepthWalker, side: 0 | 1, impactNotional: bigint, tickLotValue: bigint): number | null {
  if (impactNotional <= 0n) throw new RangeError("impactNotional must be > 0");
  if (tickLotValue <= 0n) throw new RangeError("tickLotValue must be > 0");
  let cum = 0n;
  let lots = 0n;
  let result: number | null = null;
  book.walk(side, (price, size) => {
    if (!(price > 0 && size > 0)) return true;
    const p = BigInt(price);
    const levelNotional = p * BigInt(size) * tickLotValue;
    if (cum + levelNotional >= impactNotional) {
      const num = impactNotional * p;
      const den = lots * p * tickLotValue + (impactNotional - cum);
      result = Number(side === BID_SIDE ? divFloor(num, den) : divCeil(num, den));
      return false;
    }
    cum += levelNotional;
    lots += BigInt(size);
    return true;
  });
  return result;
}

/** Impact bid and ask (ticks), each null when that side cannot fill `impactNotional`. */
export function impactPrices(book: DepthWalker, impactNotional: bigint, tickLotValue: bigint): { impactBid: number | null; impactAsk: number | null } {
  return {
    impactBid: impactPrice(book, BID_SIDE, impactNotional, tickLotValue),
    impactAsk: impactPrice(book, ASK_SIDE, impactNotional, tickLotValue),
  };
}

/**
 * Premium index, ppb, rounded half-to-even: [max(0, IB − Idx) − max(0, Idx − IA)] / Idx.
 * A null impact price counts as Idx (see the depth fallback above).
 */
export function premiumIndex(impactBid: number | null, impactAsk: number | null, index: number): bigint {
  if (!(Number.isSafeInteger(index) && index > 0)) throw new RangeError(`premiumIndex: index must be > 0 ticks, got ${index}`);
  const idx = BigInt(index);
  const up = impactBid === null ? 0n : maxBig(0n, BigInt(impactBid) - idx);
  const down = impactAsk === null ? 0n : maxBig(0n, idx - BigInt(impactAsk));
  return divHalfEven((up - down) * RATE_ONE, idx);
}

/** Serializable premium accumulator for one funding interval. */
export interface FundingAccumulator {
  intervalStartMs: number;
  intervalMs: number;
  sampleEveryMs: number;
  weighting: FundingSampleWeighting;
  /** Σ w_k·P_k, ppb × weight. */
  weightedSum: bigint;
  /** Σ w_k. */
  weightSum: bigint;
  sampleCount: number;
  /** Slot index (0-based) of the last accepted sample; −1 before the first. */
  lastSlot: number;
}

export function createFundingAccumulator(
  intervalStartMs: number,
  params: Pick<FundingParams, "intervalMs" | "sampleEveryMs" | "sampleWeighting">,
): FundingAccumulator {
  return {
    intervalStartMs,
    intervalMs: params.intervalMs,
    sampleEveryMs: params.sampleEveryMs,
    weighting: params.sampleWeighting,
    weightedSum: 0n,
    weightSum: 0n,
    sampleCount: 0,
    lastSlot: -1,
  };
}

/**
 * Add a premium sample (ppb) taken at nowMs. Pure: returns a new accumulator, or the same object
 * when the sample is ignored (outside [start, start + interval), or its slot already has a sample).
 */
export function addPremiumSample(acc: FundingAccumulator, nowMs: number, premium: bigint): FundingAccumulator {
  const offset = nowMs - acc.intervalStartMs;
  if (offset < 0 || offset >= acc.intervalMs) return acc;
  const slot = (offset - (offset % acc.sampleEveryMs)) / acc.sampleEveryMs;
  if (slot <= acc.lastSlot) return acc;
  const w = acc.weighting === "linear" ? BigInt(slot + 1) : 1n;
  return {
    ...acc,
    weightedSum: acc.weightedSum + w * premium,
    weightSum: acc.weightSum + w,
    sampleCount: acc.sampleCount + 1,
    lastSlot: slot,
  };
}

/** P̄ in ppb, rounded half-to-even; null before the first sample. */
export function averagePremium(acc: FundingAccumulator): bigint | null {
  return acc.weightSum === 0n ? null : divHalfEven(acc.weightedSum, acc.weightSum);
}

/** The funding rate and how it was reached, for the funding record and the public page. */
export interface FundingRateBreakdown {
  /** P̄, ppb (0 when there were no samples: F is then the interest rate, capped). */
  averagePremium: bigint;
  sampleCount: number;
  interestRate: bigint;
  /** clamp(I − P̄, −band, +band), ppb. */
  clampedInterestTerm: bigint;
  /** P̄ + clampedInterestTerm, ppb. */
  uncappedRate: bigint;
  /** Final rate per interval, ppb, |rate| ≤ capRate. */
  rate: bigint;
  capped: boolean;
}

/**
 * F = clamp(P̄ + clamp(I − P̄, −band, +band), −cap, +cap) for the samples so far. At the end of the
 * interval this is the rate that settles; before it, the same call is the predicted rate.
 */
export function fundingRateOf(
  params: Pick<FundingParams, "interestRatePerInterval" | "premiumClampBand" | "capRate">,
  acc: FundingAccumulator,
): FundingRateBreakdown {
  const p = averagePremium(acc) ?? 0n;
  const i = params.interestRatePerInterval;
  const band = params.premiumClampBand;
  const clampedInterestTerm = clampBig(i - p, -band, band);
  const uncappedRate = p + clampedInterestTerm;
  const rate = clampBig(uncappedRate, -params.capRate, params.capRate);
  return {
    averagePremium: p,
    sampleCount: acc.sampleCount,
    interestRate: i,
    clampedInterestTerm,
    uncappedRate,
    rate,
    capped: rate !== uncappedRate,
  };
}

/** Predicted funding rate from the samples so far (identical formula; a separate name for readers). */
export function predictedRate(
  params: Pick<FundingParams, "interestRatePerInterval" | "premiumClampBand" | "capRate">,
  acc: FundingAccumulator,
): FundingRateBreakdown {
  return fundingRateOf(params, acc);
}

/** Start of the funding interval containing nowMs (intervals are epoch-aligned; nowMs ≥ 0). */
export function fundingIntervalStart(nowMs: number, intervalMs: number): number {
  return nowMs - (nowMs % intervalMs);
}

/** Next funding time strictly after nowMs (epoch-aligned). */
export function nextFundingTime(nowMs: number, intervalMs: number): number {
  return fundingIntervalStart(nowMs, intervalMs) + intervalMs;
}

/**
 * Funding owed by one position, micro-USD; positive = the account pays, negative = it receives.
 * signedNotional > 0 for longs. Rounded toward +∞: a payer pays the ceiling, a receiver receives
 * the floor of its magnitude, so the exchange is never short. splitFundingZeroNet then hands the
 * rounding surplus back to receivers so the transfers net to exactly zero.
 */
export function fundingPayment(signedNotional: bigint, rate: bigint): bigint {
  return mulDivCeil(signedNotional, rate, RATE_ONE);
}

export interface FundingPayer<Id> {
  id: Id;
  /** Amount owed, micro-USD, ≥ 0 (already rounded up). */
  amount: bigint;
}

export interface FundingReceiver<Id> {
  id: Id;
  /** Share weight ≥ 0, normally |notional| in micro-USD. */
  weight: bigint;
}

export interface FundingTransfer<Id> {
  id: Id;
  /** Signed credit to the account, micro-USD: payers negative, receivers positive. */
  amount: bigint;
}

/**
 * Zero-net funding split. Payers pay exactly their `amount`; the collected total C is shared among
 * receivers pro rata to weight by largest remainder: each gets ⌊C·w/W⌋, and the C − Σ⌊…⌋ leftover
 * micro-USD go one each to the largest remainders (ties: earlier in the input first). So the
 * transfers sum to exactly 0 and each receiver is within 1 micro-USD of its exact pro-rata share.
 * Output order: payers then receivers, each in input order.
 */
export function splitFundingZeroNet<Id>(payers: readonly FundingPayer<Id>[], receivers: readonly FundingReceiver<Id>[]): FundingTransfer<Id>[] {
  let collected = 0n;
  for (const p of payers) {
    if (p.amount < 0n) throw new RangeError("payer amounts must be ≥ 0");
    collected += p.amount;
  }
  let totalWeight = 0n;
  for (const r of receivers) {
    if (r.weight < 0n) throw new RangeError("receiver weights must be ≥ 0");
    totalWeight += r.weight;
  }
  if (collected > 0n && totalWeight === 0n) throw new RangeError("funding collected but there is no receiver weight");

  const out: FundingTransfer<Id>[] = payers.map((p) => ({ id: p.id, amount: -p.amount }));
  if (receivers.length === 0) return out;
  const base: bigint[] = [];
  const rem: bigint[] = [];
  let given = 0n;
  for (const r of receivers) {
    const num = collected * r.weight;
    const q = totalWeight === 0n ? 0n : num / totalWeight;
    base.push(q);
    rem.push(totalWeight === 0n ? 0n : num % totalWeight);
    given += q;
  }
  let leftover = collected - given; // < receivers.length
  const order = receivers.map((_, i) => i).sort((a, b) => (rem[a] > rem[b] ? -1 : rem[a] < rem[b] ? 1 : a - b));
  for (const i of order) {
    if (leftover === 0n) break;
    base[i] += 1n;
    leftover -= 1n;
  }
  receivers.forEach((r, i) => out.push({ id: r.id, amount: base[i] }));
  return out;
}

/**
 * Funding for a whole market in one call: each position's signed notional (longs > 0) at the
 * funding price; returns one signed credit per input position, in input order, summing to 0.
 * Positive rate: longs pay ⌈N·F⌉ and shorts share the total by |N|; negative: the reverse.
 */
export function settleFundingZeroNet<Id>(positions: readonly { id: Id; signedNotional: bigint }[], rate: bigint): FundingTransfer<Id>[] {
  if (rate === 0n) return positions.map((p) => ({ id: p.id, amount: 0n }));
  const payerSign = rate > 0n ? 1n : -1n;
  const payers: FundingPayer<number>[] = [];
  const receivers: FundingReceiver<number>[] = [];
  positions.forEach((p, i) => {
    if (p.signedNotional === 0n) return;
    if ((p.signedNotional > 0n ? 1n : -1n) === payerSign) payers.push({ id: i, amount: fundingPayment(p.signedNotional, rate) });
    else receivers.push({ id: i, weight: abs(p.signedNotional) });
  });
  const amounts: bigint[] = positions.map(() => 0n);
  // With no counterparty weight nothing can be distributed, so nothing is collected either.
  if (receivers.length === 0) return positions.map((p) => ({ id: p.id, amount: 0n }));
  for (const t of splitFundingZeroNet(payers, receivers)) amounts[t.id] = t.amount;
  return positions.map((p, i) => ({ id: p.id, amount: amounts[i] }));
}
