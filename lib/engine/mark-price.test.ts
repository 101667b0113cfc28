import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BTC_PERP } from "./default-config";
import { pct } from "./fixed-point";
import { basisAverageOf, computeMark, createBasisAverager, explainMark, markSteps, sampleBasis, type MarkInputs, type MarkTick } from "./mark-price";

const H = 3_600_000;
const T0 = 1_800_000_000_000;
const base: MarkInputs = {
  index: 650_000, // 65,000.0 USD at tick 0.1
  fundingRate: pct("0.01"), // 100,000 ppb
  msToFunding: 4 * H,
  intervalMs: 8 * H,
  basisAverage: { sumHalfTicks: 60, count: 2 }, // avg (mid − index) = 60 / (2·2) = 15 ticks
  last: 650_100,
};

describe("mark price = median(P1, P2, Last)", () => {
  it("P1 = 650,000 × (1 + 0.01 % × 4 h / 8 h) = 650,032.5 → half-even 650,032; P2 = 650,000 + 15; Last 650,100 → P1 wins", () => {
    const m = computeMark(BTC_PERP, base);
    expect(m.inputs).toMatchObject({ index: 650_000, p1: 650_032, p2: 650_015, last: 650_100 });
    expect(m).toMatchObject({ price: 650_032, chosen: "p1", fallback: false });
  });

  it("Last wins when it sits between P1 and P2: Last 650,020", () => {
    expect(computeMark(BTC_PERP, { ...base, last: 650_020 })).toMatchObject({ price: 650_020, chosen: "last" });
  });

  it("P2 wins when it is the middle: P2 = 650,000 + 100 = 650,100, Last 650,500", () => {
    const m = computeMark(BTC_PERP, { ...base, basisAverage: { sumHalfTicks: 200, count: 1 }, last: 650_500 });
    expect(m).toMatchObject({ price: 650_100, chosen: "p2" });
  });

  it("negative funding lowers P1: 650,000 × (1 − 0.375 % × 8 h / 8 h) = 647,562.5 → 647,562", () => {
    const m = computeMark(BTC_PERP, { ...base, fundingRate: -pct("0.375"), msToFunding: 8 * H });
    expect(m.inputs.p1).toBe(647_562);
  });

  it("msToFunding is clamped to [0, interval]: at the funding instant P1 = index", () => {
    expect(computeMark(BTC_PERP, { ...base, msToFunding: 0 }).inputs.p1).toBe(650_000);
    expect(computeMark(BTC_PERP, { ...base, msToFunding: -5 }).inputs.p1).toBe(650_000);
    expect(computeMark(BTC_PERP, { ...base, msToFunding: 20 * H }).inputs.p1).toBe(650_065); // 650,000 × 1.0001
  });

  it("negative basis: mean (mid − index) = −7.25 ticks → P2 = 650,000 − 7 (half-even of −7.25)", () => {
    const m = computeMark(BTC_PERP, { ...base, basisAverage: { sumHalfTicks: -29, count: 2 } });
    expect(m.inputs.p2).toBe(649_993);
  });

  it("fallback: no trade yet (last null or 0) → mark = P1, fallback=true", () => {
    expect(computeMark(BTC_PERP, { ...base, last: null })).toMatchObject({ price: 650_032, chosen: "p1", fallback: true });
    expect(computeMark(BTC_PERP, { ...base, last: 0 })).toMatchObject({ chosen: "p1", fallback: true });
  });

  it("fallback: no basis samples in the window → mark = P1", () => {
    expect(computeMark(BTC_PERP, { ...base, basisAverage: null })).toMatchObject({ price: 650_032, chosen: "p1", fallback: true, inputs: { p2: null } });
  });

  it("tie rule: all three equal → the middle of (p1, p2, last) order, i.e. p2", () => {
    const m = computeMark(BTC_PERP, { ...base, fundingRate: 0n, basisAverage: { sumHalfTicks: 0, count: 3 }, last: 650_000 });
    expect(m).toMatchObject({ price: 650_000, chosen: "p2" });
  });

  it("rejects a non-positive index (the core must hold the mark while the index is invalid)", () => {
    expect(() => computeMark(BTC_PERP, { ...base, index: 0 })).toThrow(RangeError);
  });

  it("property: the mark is one of the inputs and lies within [min, max] of them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.bigInt({ min: -pct("3"), max: pct("3") }),
        fc.integer({ min: 0, max: 8 * H }),
        fc.option(fc.record({ sumHalfTicks: fc.integer({ min: -1_000_000, max: 1_000_000 }), count: fc.integer({ min: 1, max: 300 }) })),
        fc.option(fc.integer({ min: 1, max: 100_000_000 })),
        (index, fundingRate, msToFunding, basisAverage, last) => {
          const m = computeMark(BTC_PERP, { index, fundingRate, msToFunding, intervalMs: 8 * H, basisAverage, last });
          const vals = [m.inputs.p1, m.inputs.p2, m.inputs.last].filter((v): v is number => v !== null);
          expect(vals).toContain(m.price);
          expect(m.price).toBe(m.chosen === "p1" ? m.inputs.p1 : m.chosen === "p2" ? m.inputs.p2 : m.inputs.last);
          expect(Number.isSafeInteger(m.price) && m.price >= 1).toBe(true);
        },
      ),
    );
  });
});

describe("basis averager: plain serializable state, pure updates", () => {
  it("samples 2·(mid − index) in half-ticks; average over the window", () => {
    let s = createBasisAverager(BTC_PERP.mark); // 5 min window, 1 s samples
    s = sampleBasis(s, T0, 650_010, 650_030, 650_000); // mid 650,020 → +20 ticks = 40 half-ticks
    s = sampleBasis(s, T0 + 1_000, 650_000, 650_001, 650_000); // mid 650,000.5 → 1 half-tick
    expect(s.samples.map((x) => x.basisHalfTicks)).toEqual([40, 1]);
    expect(basisAverageOf(s, T0 + 1_000)).toEqual({ sumHalfTicks: 41, count: 2 }); // 41/4 = 10.25 ticks
    expect(computeMark(BTC_PERP, { ...base, basisAverage: basisAverageOf(s, T0 + 1_000) }).inputs.p2).toBe(650_010);
  });

  it("is pure: the old state is untouched and a no-op returns the same object", () => {
    const s0 = createBasisAverager(BTC_PERP.mark);
    const s1 = sampleBasis(s0, T0, 100, 102, 100);
    expect(s0.samples).toEqual([]);
    expect(sampleBasis(s1, T0 + 999, 100, 102, 100)).toBe(s1); // < 1 s since the last sample
    expect(sampleBasis(s1, T0 + 1_000, 0, 102, 100)).toBe(s1); // one-sided book
    expect(sampleBasis(s1, T0 + 1_000, 103, 102, 100)).toBe(s1); // crossed
    expect(sampleBasis(s1, T0 + 1_000, 101, 102, 100)).not.toBe(s1);
  });

  it("drops samples older than the window (ring bounded by window / period)", () => {
    let s = createBasisAverager({ basisWindowMs: 5_000, basisSampleEveryMs: 1_000 });
    for (let i = 0; i < 20; i++) s = sampleBasis(s, T0 + i * 1_000, 100, 102, 100);
    expect(s.samples.length).toBe(5);
    expect(s.samples[0].atMs).toBe(T0 + 15_000);
    // later, with no fresh samples, the window is empty
    expect(basisAverageOf(s, T0 + 60_000)).toBeNull();
  });

  it("state is JSON-serializable and round-trips", () => {
    let s = createBasisAverager(BTC_PERP.mark);
    s = sampleBasis(s, T0, 100, 104, 101);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("LIQ-3: the mark tick records every input and explainMark redoes it", () => {
  it("the tick carries funding rate, msToFunding, interval and the basis average exactly as given", () => {
    const m = computeMark(BTC_PERP, { ...base, bestBid: 650_010, bestAsk: 650_020 });
    expect(m.inputs).toEqual({
      index: 650_000,
      p1: 650_032,
      p2: 650_015,
      last: 650_100,
      bestBid: 650_010,
      bestAsk: 650_020,
      fundingRate: pct("0.01"),
      msToFunding: 4 * H,
      intervalMs: 8 * H,
      basisAverage: { sumHalfTicks: 60, count: 2 },
    });
    expect(computeMark(BTC_PERP, { ...base, basisAverage: { sumHalfTicks: 0, count: 0 } }).inputs.basisAverage).toBeNull();
  });

  it("steps: P1 = 650,000 × (1e9·T + 100,000·Δt) / (1e9·T) = 650,032.5 → half-even 650,032; median order p2 < p1 < last", () => {
    const st = markSteps(BTC_PERP, base);
    expect(st.p1Denominator).toBe(1_000_000_000n * BigInt(8 * H));
    expect(st.p1Numerator).toBe(650_000n * (1_000_000_000n * BigInt(8 * H) + 100_000n * BigInt(4 * H)));
    expect(st.p1Unclamped).toBe(650_032n);
    expect(st.basisAverageTicks).toBe(15n);
    expect(st.ordered.map((o) => o.name)).toEqual(["p2", "p1", "last"]);
    expect(st).toMatchObject({ dtMs: 4 * H, dtClamped: false, fallback: null, chosen: "p1", price: 650_032 });
  });

  it("steps: Δt clamp and the fallback reason are reported", () => {
    expect(markSteps(BTC_PERP, { ...base, msToFunding: 20 * H })).toMatchObject({ dtMs: 8 * H, dtClamped: true });
    expect(markSteps(BTC_PERP, { ...base, last: null }).fallback).toBe("no_last_trade");
    expect(markSteps(BTC_PERP, { ...base, basisAverage: null }).fallback).toBe("no_basis_samples");
    expect(markSteps(BTC_PERP, { ...base, basisAverage: null, last: null })).toMatchObject({ fallback: "no_last_trade_and_no_basis_samples", ordered: [] });
  });

  it("steps: P1 beyond the market's maximum price is clamped to maxPriceTicks", () => {
    const st = markSteps({ maxPriceTicks: 650_010 }, { ...base, last: null });
    expect(st.p1Unclamped).toBe(650_032n);
    expect(st).toMatchObject({ p1: 650_010, price: 650_010 });
  });

  it("property: explainMark(computeMark(x)) reproduces the tick and reports no mismatch", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.bigInt({ min: -pct("3"), max: pct("3") }),
        fc.integer({ min: -H, max: 9 * H }),
        fc.option(fc.record({ sumHalfTicks: fc.integer({ min: -1_000_000, max: 1_000_000 }), count: fc.integer({ min: 1, max: 300 }) })),
        fc.option(fc.integer({ min: 1, max: 100_000_000 })),
        (index, fundingRate, msToFunding, basisAverage, last) => {
          const tick = computeMark(BTC_PERP, { index, fundingRate, msToFunding, intervalMs: 8 * H, basisAverage, last });
          const e = explainMark(BTC_PERP, tick);
          expect(e.mismatches).toEqual([]);
          expect(e.steps.price).toBe(tick.price);
          expect(e.steps.chosen).toBe(tick.chosen);
        },
      ),
    );
  });

  it("a tampered record is detected: changed funding rate, basis count, price or chosen input", () => {
    const tick = computeMark(BTC_PERP, base);
    const tamper = (change: (t: MarkTick) => void) => {
      const t: MarkTick = structuredClone(tick);
      change(t);
      return explainMark(BTC_PERP, t).mismatches;
    };
    expect(tamper(() => {})).toEqual([]);
    expect(tamper((t) => (t.inputs.fundingRate = pct("0.02")))).toEqual(["price", "p1"]);
    expect(tamper((t) => (t.inputs.basisAverage = { sumHalfTicks: 60, count: 1 }))).toEqual(["p2"]);
    expect(tamper((t) => (t.price = 650_033))).toEqual(["price"]);
    expect(tamper((t) => (t.chosen = "last"))).toEqual(["chosen"]);
    expect(tamper((t) => (t.inputs.basisAverage = null))).toEqual(["fallback", "p2"]);
  });
});
