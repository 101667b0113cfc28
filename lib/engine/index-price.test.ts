import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { IndexParams, IndexSource } from "./config-types";
import { BTC_PERP } from "./default-config";
import { pct } from "./fixed-point";
import { computeIndex, weightedMean, weightedMedian, type SourceQuote } from "./index-price";

const NOW = 1_800_000_000_000;
const SOURCES: IndexSource[] = [
  { id: "a", name: "A", weight: 1 },
  { id: "b", name: "B", weight: 1 },
  { id: "c", name: "C", weight: 1 },
  { id: "d", name: "D", weight: 1 },
  { id: "e", name: "E", weight: 1 },
];
const CLAMP: IndexParams = { aggregation: "weighted_median", outlierMode: "clamp", bandRate: pct("1"), staleAfterMs: 60_000, minValidSources: 3 };
const q = (sourceId: string, price: number, ageMs = 0): SourceQuote => ({ sourceId, price, timestampMs: NOW - ageMs });

describe("weightedMedian tie rules", () => {
  it.each([
    [
      [
        [100, 1],
        [200, 1],
        [300, 1],
      ],
      200,
      "odd count, equal weights: middle",
    ],
    [
      [
        [100, 1],
        [200, 1],
        [300, 1],
        [400, 1],
      ],
      250,
      "even count, equal weights: midpoint (200+300)/2",
    ],
    [
      [
        [100, 1],
        [201, 1],
      ],
      150,
      "midpoint 150.5 rounds half-even to 150",
    ],
    [
      [
        [100, 1],
        [203, 1],
      ],
      152,
      "midpoint 151.5 rounds half-even to 152",
    ],
    [
      [
        [100, 3],
        [200, 1],
        [300, 1],
      ],
      100,
      "weight 3 of 5 at 100: cumulative 3 > 5/2",
    ],
    [
      [
        [100, 2],
        [200, 1],
        [300, 1],
      ],
      150,
      "weight 2 of 4 at 100 is exactly half: midpoint with next (200)",
    ],
    [
      [
        [300, 1],
        [100, 1],
        [200, 1],
      ],
      200,
      "input order does not matter",
    ],
    [
      [
        [100, 1],
        [100, 1],
        [300, 2],
      ],
      200,
      "equal prices: cumulative 2 of 4 = half → (100+300)/2",
    ],
  ])("%j → %i (%s)", (items, want) => {
    expect(weightedMedian(items.map(([price, weight]) => ({ price, weight })))).toBe(want);
  });
  it("rejects empty input and non-positive weights", () => {
    expect(() => weightedMedian([])).toThrow();
    expect(() => weightedMedian([{ price: 1, weight: 0 }])).toThrow();
  });
  it("weightedMean: (100×2 + 201×1) / 3 = 133.67 → 134", () => {
    expect(
      weightedMean([
        { price: 100, weight: 2 },
        { price: 201, weight: 1 },
      ]),
    ).toBe(134);
  });
});

describe("computeIndex", () => {
  it("all fresh and within band: weighted median of five; full input record", () => {
    const t = computeIndex(CLAMP, SOURCES, [q("a", 10_000), q("b", 10_010, 5_000), q("c", 10_020), q("d", 9_990), q("e", 10_005)], NOW);
    expect(t).toMatchObject({ price: 10_005, valid: true, held: false, median: 10_005, includedCount: 5, atMs: NOW, flags: [] });
    expect(t.band).toEqual({ lo: 9_905, hi: 10_105 }); // 10,005 × (1 ∓ 1 %) = 9,904.95 → ⌈⌉ 9,905; 10,105.05 → ⌊⌋ 10,105
    expect(t.inputs[1]).toEqual({ sourceId: "b", price: 10_010, usedPrice: 10_010, ageMs: 5_000, weight: 1, status: "included" });
    expect(t.inputs.map((i) => i.sourceId)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("clamp mode (Binance/OKX): an outlier at 12,000 is clamped to the band edge 10,100; mean uses it", () => {
    // median of {10000, 10000, 10000, 10000, 12000} = 10,000; band [9,900, 10,100]
    const params: IndexParams = { ...CLAMP, aggregation: "banded_weighted_mean" };
    const quotes = [q("a", 10_000), q("b", 10_000), q("c", 10_000), q("d", 10_000), q("e", 12_000)];
    const t = computeIndex(params, SOURCES, quotes, NOW);
    expect(t.inputs[4]).toMatchObject({ status: "clamped", reason: "outlier", price: 12_000, usedPrice: 10_100 });
    expect(t.price).toBe(10_020); // (4 × 10,000 + 10,100) / 5 = 10,020
    expect(t.flags).toEqual(["outliers_clamped"]);
    expect(t.valid).toBe(true);
  });

  it("exclude mode (BitMEX): the same outlier is excluded with reason 'outlier'", () => {
    const params: IndexParams = { ...CLAMP, aggregation: "banded_weighted_mean", outlierMode: "exclude" };
    const quotes = [q("a", 10_000), q("b", 10_000), q("c", 10_000), q("d", 10_000), q("e", 12_000)];
    const t = computeIndex(params, SOURCES, quotes, NOW);
    expect(t.inputs[4]).toMatchObject({ status: "excluded", reason: "outlier", usedPrice: null });
    expect(t.price).toBe(10_000);
    expect(t.includedCount).toBe(4);
    expect(t.flags).toEqual(["outliers_excluded"]);
  });

  it("stale (age > 60 s), missing and invalid sources are excluded with reasons", () => {
    const quotes = [q("a", 10_000), q("b", 10_000, 60_001), q("c", 10_000, 60_000), q("d", 0), { sourceId: "x", price: 1, timestampMs: NOW }];
    const t = computeIndex(CLAMP, SOURCES, quotes, NOW, null);
    expect(t.inputs.map((i) => [i.status, i.reason])).toEqual([
      ["included", undefined],
      ["excluded", "stale"],
      ["included", undefined], // exactly at the timeout is still fresh
      ["excluded", "invalid"],
      ["excluded", "missing"],
    ]);
    expect(t.flags).toEqual(["insufficient_sources", "no_previous_value", "stale_sources", "missing_sources"]);
  });

  it("a quote timestamped in the future is invalid (clock skew), a newer quote replaces an older one", () => {
    const quotes = [q("a", 10_000, -1), q("b", 9_000, 10_000), q("b", 10_000, 1_000), q("c", 10_000), q("d", 10_000)];
    const t = computeIndex(CLAMP, SOURCES.slice(0, 4), quotes, NOW);
    expect(t.inputs[0]).toMatchObject({ status: "excluded", reason: "invalid", ageMs: -1 });
    expect(t.inputs[1]).toMatchObject({ status: "included", price: 10_000, ageMs: 1_000 });
    expect(t.price).toBe(10_000);
  });

  it("below minValidSources the index HOLDS its previous value: valid=false, held=true, flag insufficient_sources", () => {
    const prev = computeIndex(CLAMP, SOURCES, [q("a", 10_000, 1_000), q("b", 10_000, 1_000), q("c", 10_000, 1_000)], NOW - 1_000);
    expect(prev.valid).toBe(true);
    const t = computeIndex(CLAMP, SOURCES, [q("a", 11_000), q("b", 11_000)], NOW, prev);
    expect(t).toMatchObject({ price: 10_000, valid: false, held: true, includedCount: 2 });
    expect(t.flags).toContain("insufficient_sources");
    // holds the same value across consecutive insufficient ticks
    const t2 = computeIndex(CLAMP, SOURCES, [], NOW + 1_000, t);
    expect(t2).toMatchObject({ price: 10_000, held: true, valid: false, median: 0, band: null });
  });

  it("with nothing to hold: price 0, held=false, flags insufficient_sources + no_previous_value", () => {
    const t = computeIndex(CLAMP, SOURCES, [], NOW);
    expect(t).toMatchObject({ price: 0, valid: false, held: false });
    expect(t.flags.slice(0, 2)).toEqual(["insufficient_sources", "no_previous_value"]);
  });

  it("exclusions can push the count below the minimum: 3 sources, 1 outlier excluded → held", () => {
    const params: IndexParams = { ...CLAMP, outlierMode: "exclude" };
    const prev = computeIndex(params, SOURCES, [q("a", 10_000, 1), q("b", 10_000, 1), q("c", 10_000, 1)], NOW - 1);
    const t = computeIndex(params, SOURCES, [q("a", 10_000), q("b", 10_000), q("c", 20_000)], NOW, prev);
    expect(t).toMatchObject({ valid: false, held: true, price: 10_000 });
  });

  it("weights: BTC-PERP default sources 2,2,2,1,1; weighted median follows the heavy venues", () => {
    const srcs = BTC_PERP.index.sources;
    // Each venue reports a healthy volume, above the default configuration's floor.
    const quotes = [q("hashkey", 650_000), q("osl", 650_010), q("coinbase", 650_020), q("kraken", 650_100), q("bitstamp", 650_100)].map((x) => ({
      ...x,
      recentVolumeUsd: 50_000_000,
    }));
    // sorted: 650000(2) 650010(2) 650020(2) 650100(1) 650100(1); W = 8, cumulative 2, 4 = W/2 → (650010+650020)/2
    const t = computeIndex({ ...BTC_PERP.index, aggregation: "weighted_median" }, srcs, quotes, NOW);
    expect(t.median).toBe(650_015);
    expect(t.price).toBe(650_015);
    // default aggregation (banded weighted mean): (2·650000 + 2·650010 + 2·650020 + 650100 + 650100) / 8 = 650,032.5 → half-even 650,032
    expect(computeIndex(BTC_PERP.index, srcs, quotes, NOW).price).toBe(650_032);
  });

  it("property: a valid index lies within [min, max] of the included (used) source prices", () => {
    const quoteArb = fc.array(
      fc.record({
        price: fc.integer({ min: 1, max: 2_000_000 }),
        age: fc.integer({ min: -10, max: 120_000 }),
        weight: fc.integer({ min: 1, max: 5 }),
        present: fc.boolean(),
      }),
      { minLength: 3, maxLength: 9 },
    );
    const paramsArb = fc.record({
      aggregation: fc.constantFrom("weighted_median" as const, "banded_weighted_mean" as const),
      outlierMode: fc.constantFrom("clamp" as const, "exclude" as const),
      bandRate: fc.bigInt({ min: 1n, max: pct("50") }),
      staleAfterMs: fc.constant(60_000),
      minValidSources: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(quoteArb, paramsArb, (rows, params) => {
        const sources = rows.map((r, i) => ({ id: `s${i}`, name: `S${i}`, weight: r.weight }));
        const quotes = rows.flatMap((r, i) => (r.present ? [q(`s${i}`, r.price, r.age)] : []));
        const t = computeIndex(params, sources, quotes, NOW);
        const used = t.inputs.filter((x) => x.status !== "excluded").map((x) => x.usedPrice!);
        expect(used.length).toBe(t.includedCount);
        if (!t.valid) {
          expect(used.length < params.minValidSources || used.length === 0).toBe(true);
          return;
        }
        expect(t.price).toBeGreaterThanOrEqual(Math.min(...used));
        expect(t.price).toBeLessThanOrEqual(Math.max(...used));
        if (t.band) for (const p of used) expect(p >= t.band.lo && p <= t.band.hi).toBe(true);
        // statuses are consistent with the raw data
        for (const x of t.inputs) {
          if (x.status === "included") expect(x.usedPrice).toBe(x.price);
          if (x.reason === "stale") expect(x.ageMs!).toBeGreaterThan(60_000);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("property: deterministic (same inputs → same tick) and independent of quote order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 9_000, max: 11_000 }), { minLength: 5, maxLength: 5 }), (prices) => {
        const quotes = prices.map((p, i) => q(SOURCES[i].id, p, i * 1_000));
        const a = computeIndex(CLAMP, SOURCES, quotes, NOW);
        const b = computeIndex(CLAMP, SOURCES, [...quotes].reverse(), NOW);
        expect(b).toEqual(a);
      }),
    );
  });
});
