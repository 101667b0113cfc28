/**
 * Index price from ≥ 3 independent spot sources (ANCHORS §3 "Index").
 *
 * Per tick:
 *  1. Each configured source's latest quote is classified: missing, invalid (price not a positive
 *     safe integer in ticks, or timestamped in the future), stale (age > staleAfterMs), low volume
 *     (a volume floor `minSourceVolumeUsd` is configured and the quote's `recentVolumeUsd` is below
 *     it or absent), or fresh.
 *  2. m = weighted median of the fresh prices (tie rules at `weightedMedian`).
 *  3. Band [⌈m·(1−δ)⌉, ⌊m·(1+δ)⌋] (rounded inward, so a clamped price never leaves the band):
 *     a fresh price outside it is clamped to the edge ("clamp", Binance/OKX) or excluded
 *     ("exclude", BitMEX; BitMEX's timed readmission is not modelled: readmission is immediate
 *     once the price is back inside the band).
 *  4. Fewer included sources than minValidSources → the index HOLDS the previous tick's price,
 *     valid=false, held=true, flag "insufficient_sources" (with no previous tick: price 0,
 *     held=false, flag "no_previous_value" too). The core must not liquidate on an invalid index.
 *  5. Otherwise price = weighted median of the included prices, or Σw·P/Σw rounded half-even
 *     ("banded_weighted_mean"). Either way it lies within [min, max] of the included prices.
 *
 * Quotes are already in the market's ticks (the feed adapter converts). Every tick returns the full
 * input record so the public page and the audit trail can show why each source counted or not.
 */

import type { IndexParams, IndexSource } from "./config-types";
import { RATE_ONE, divCeil, divFloor, divHalfEven, isSafeTicks } from "./fixed-point";

export type { IndexParams, IndexSource } from "./config-types";

/** A source's latest observation. */
export interface SourceQuote {
  sourceId: string;
  /** Price in the market's ticks. */
  price: number;
  /** When the source last updated this price (epoch ms). */
  timestampMs: number;
  /** Whole USD traded on the venue over its recent window, as the feed reports it (absent: not reported). */
  recentVolumeUsd?: number;
}

export type IndexInputStatus = "included" | "clamped" | "excluded";
export type IndexExclusionReason = "stale" | "outlier" | "missing" | "invalid" | "low_volume";
export type IndexFlag =
  | "insufficient_sources"
  | "no_previous_value"
  | "outliers_clamped"
  | "outliers_excluded"
  | "stale_sources"
  | "missing_sources"
  | "low_volume_sources";

/** What one source contributed to one index tick. */
export interface IndexInput {
  sourceId: string;
  /** Raw quoted price, ticks (null when missing). */
  price: number | null;
  /** Price actually aggregated (the band edge when clamped); null when excluded. */
  usedPrice: number | null;
  /** nowMs − quote timestamp (null when missing). */
  ageMs: number | null;
  weight: number;
  /** The quote's reported recent volume, whole USD; only present when the quote carried one. */
  recentVolumeUsd?: number;
  status: IndexInputStatus;
  /** Why the source was excluded ("outlier" also explains a clamp). */
  reason?: IndexExclusionReason;
}

export interface IndexTick {
  /** Index price, ticks (the held previous value when !valid; 0 when nothing to hold). */
  price: number;
  /** True when computed from enough sources on this tick. */
  valid: boolean;
  /** True when `price` is the previous tick's value carried forward. */
  held: boolean;
  flags: IndexFlag[];
  /** Weighted median of the fresh prices, ticks (0 when there were none). */
  median: number;
  /** Band used around the median, ticks; null when there was no median. */
  band: { lo: number; hi: number } | null;
  /** Number of sources aggregated (included + clamped). */
  includedCount: number;
  atMs: number;
  /** One record per configured source, in configuration order. */
  inputs: IndexInput[];
}

/** An item for weightedMedian. */
export interface WeightedPrice {
  price: number;
  weight: number;
}

/**
 * Weighted median of positive-weight prices (ticks). Deterministic rules:
 * - items are ordered by price ascending (equal prices are interchangeable, so their order is moot);
 * - with W = Σw, the median is the first price p_k whose cumulative weight C_k satisfies 2·C_k ≥ W;
 * - if 2·C_k = W exactly (the weight splits evenly between p_k and the next price p_{k+1}), the
 *   median is the midpoint (p_k + p_{k+1}) / 2 rounded half-to-even to a tick, which matches
 *   the ordinary median for equal weights and an even count.
 * Throws on an empty list or a non-positive weight.
 */
export function weightedMedian(items: readonly WeightedPrice[]): number {
  if (items.length === 0) throw new RangeError("weightedMedian of nothing");
  const sorted = [...items].sort((a, b) => a.price - b.price);
  let total = 0;
  for (const it of sorted) {
    if (!Number.isSafeInteger(it.weight) || it.weight <= 0) throw new RangeError("weights must be positive integers");
    total += it.weight;
  }
  let cum = 0;
  for (let k = 0; k < sorted.length; k++) {
    cum += sorted[k].weight;
    if (2 * cum > total) return sorted[k].price;
    if (2 * cum === total) {
      if (k + 1 === sorted.length) return sorted[k].price;
      return Number(divHalfEven(BigInt(sorted[k].price) + BigInt(sorted[k + 1].price), 2n));
    }
  }
  return sorted[sorted.length - 1].price; // unreachable: cum reaches total
}

/**
 * Compute one index tick. `params` may be the market's `spec.index` (it carries `sources` too);
 * `sources` is separate so an operator can evaluate a candidate constituent list.
 * If several quotes share a sourceId the newest (largest timestampMs ≤ nowMs) is used; quotes for
 * unknown sources are ignored.
 */
export function computeIndex(
  params: IndexParams,
  sources: readonly IndexSource[],
  quotes: readonly SourceQuote[],
  nowMs: number,
  previous?: IndexTick | null,
): IndexTick {
  const latest = new Map<string, SourceQuote>();
  const future = new Map<string, SourceQuote>();
  for (const q of quotes) {
    if (q.timestampMs > nowMs) {
      future.set(q.sourceId, q);
      continue;
    }
    const cur = latest.get(q.sourceId);
    if (!cur || q.timestampMs > cur.timestampMs) latest.set(q.sourceId, q);
  }

  const inputs: IndexInput[] = [];
  const fresh: Array<{ i: number; price: number; weight: number }> = [];
  const flags = new Set<IndexFlag>();
  for (const s of sources) {
    const q = latest.get(s.id) ?? future.get(s.id);
    const rec: IndexInput = { sourceId: s.id, price: null, usedPrice: null, ageMs: null, weight: s.weight, status: "excluded" };
    inputs.push(rec);
    if (!q) {
      rec.reason = "missing";
      flags.add("missing_sources");
      continue;
    }
    rec.price = q.price;
    rec.ageMs = nowMs - q.timestampMs;
    if (q.recentVolumeUsd !== undefined) rec.recentVolumeUsd = q.recentVolumeUsd;
    if (!isSafeTicks(q.price) || q.timestampMs > nowMs) {
      rec.reason = "invalid";
      continue;
    }
    if (rec.ageMs > params.staleAfterMs) {
      rec.reason = "stale";
      flags.add("stale_sources");
      continue;
    }
    // Genuine volume (MRG-5): a venue that barely trades can print any price, so with a floor
    // configured a fresh quote below it, or not reporting volume, does not count.
    if (params.minSourceVolumeUsd !== undefined && (q.recentVolumeUsd === undefined || q.recentVolumeUsd < params.minSourceVolumeUsd)) {
      rec.reason = "low_volume";
      flags.add("low_volume_sources");
      continue;
    }
    fresh.push({ i: inputs.length - 1, price: q.price, weight: s.weight });
  }

  let median = 0;
  let band: { lo: number; hi: number } | null = null;
  const used: WeightedPrice[] = [];
  if (fresh.length > 0) {
    median = weightedMedian(fresh);
    const m = BigInt(median);
    band = {
      lo: Number(divCeil(m * (RATE_ONE - params.bandRate), RATE_ONE)),
      hi: Number(divFloor(m * (RATE_ONE + params.bandRate), RATE_ONE)),
    };
    for (const f of fresh) {
      const rec = inputs[f.i];
      let p = f.price;
      if (p < band.lo || p > band.hi) {
        rec.reason = "outlier";
        if (params.outlierMode === "exclude") {
          flags.add("outliers_excluded");
          continue;
        }
        flags.add("outliers_clamped");
        p = p < band.lo ? band.lo : band.hi;
        rec.status = "clamped";
      } else {
        rec.status = "included";
      }
      rec.usedPrice = p;
      used.push({ price: p, weight: f.weight });
    }
  }

  if (used.length < params.minValidSources || used.length === 0) {
    flags.add("insufficient_sources");
    const held = previous != null && previous.price > 0;
    if (!held) flags.add("no_previous_value");
    return {
      price: held ? previous.price : 0,
      valid: false,
      held,
      flags: sortFlags(flags),
      median,
      band,
      includedCount: used.length,
      atMs: nowMs,
      inputs,
    };
  }

  const price = params.aggregation === "weighted_median" ? weightedMedian(used) : weightedMean(used);
  return { price, valid: true, held: false, flags: sortFlags(flags), median, band, includedCount: used.length, atMs: nowMs, inputs };
}

/** Σ wᵢ·Pᵢ / Σ wᵢ in ticks, rounded half-to-even. */
export function weightedMean(items: readonly WeightedPrice[]): number {
  if (items.length === 0) throw new RangeError("weightedMean of nothing");
  let num = 0n;
  let den = 0n;
  for (const it of items) {
    num += BigInt(it.price) * BigInt(it.weight);
    den += BigInt(it.weight);
  }
  return Number(divHalfEven(num, den));
}

const FLAG_ORDER: readonly IndexFlag[] = [
  "insufficient_sources",
  "no_previous_value",
  "outliers_clamped",
  "outliers_excluded",
  "stale_sources",
  "missing_sources",
  "low_volume_sources",
];

// A fixed order keeps the record byte-identical across replays (it feeds the snapshot hash).
function sortFlags(flags: Set<IndexFlag>): IndexFlag[] {
  return FLAG_ORDER.filter((f) => flags.has(f));
}
