import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { MarginTierInput, MarketSpec } from "./config-types";
import { resolveMarketSpec, validateMarketSpec } from "./config-validation";
import { BTC_PERP, BTC_PERP_INPUT, ETH_PERP } from "./default-config";
import { RATE_ONE, divCeil, mulDivCeil, pct, usd } from "./fixed-point";
import { exceedsPositionLimit, initialMargin, maintenanceMargin, maintenanceMarginBracketed, maxLeverageFor, tierFor } from "./margin";

/** Binance BTCUSDT leverage brackets, ANCHORS §4 (USDT read as USD). */
const BINANCE_BTCUSDT_TIERS: MarginTierInput[] = [
  { floorNotional: usd(0), maxLeverage: 125, maintenanceMarginRate: pct("0.40") },
  { floorNotional: usd(50_000), maxLeverage: 100, maintenanceMarginRate: pct("0.50") },
  { floorNotional: usd(250_000), maxLeverage: 50, maintenanceMarginRate: pct("1.00") },
  { floorNotional: usd(3_000_000), maxLeverage: 20, maintenanceMarginRate: pct("2.50") },
  { floorNotional: usd(20_000_000), maxLeverage: 10, maintenanceMarginRate: pct("5.00") },
  { floorNotional: usd(40_000_000), maxLeverage: 5, maintenanceMarginRate: pct("10.00") },
  { floorNotional: usd(100_000_000), maxLeverage: 4, maintenanceMarginRate: pct("12.50") },
  { floorNotional: usd(120_000_000), maxLeverage: 3, maintenanceMarginRate: pct("15.00") },
  { floorNotional: usd(200_000_000), maxLeverage: 2, maintenanceMarginRate: pct("25.00") },
  { floorNotional: usd(300_000_000), maxLeverage: 1, maintenanceMarginRate: pct("50.00") },
];
const BINANCE = resolveMarketSpec({
  ...BTC_PERP_INPUT,
  marginTiers: BINANCE_BTCUSDT_TIERS,
  maxPositionNotional: usd(500_000_000),
});

describe("MRG-1: Binance BTCUSDT tier table (ANCHORS §4)", () => {
  it("derives the published maintenance amounts (cum) from floors and MMRs, never typed", () => {
    // 50 = 50,000 × 0.1 %; 1,300 = 50 + 250,000 × 0.5 %; 46,300 = 1,300 + 3,000,000 × 1.5 %; …
    expect(BINANCE.marginTiers.map((t) => t.maintenanceAmount)).toEqual(
      [0, 50, 1_300, 46_300, 546_300, 2_546_300, 5_046_300, 8_046_300, 28_046_300, 103_046_300].map((n) => usd(n)),
    );
  });

  it("a 1,000,000 USD position needs exactly 8,700 USD maintenance: 1,000,000 × 1 % − 1,300", () => {
    expect(maintenanceMargin(BINANCE, usd(1_000_000))).toBe(usd(8_700));
    // bracket by bracket: 50k × 0.4 % + 200k × 0.5 % + 750k × 1 % = 200 + 1,000 + 7,500
    expect(maintenanceMarginBracketed(BINANCE, usd(1_000_000))).toBe(usd(8_700));
  });

  it.each([
    [0, 0, 1],
    [49_999, 199.996, 1], // 49,999 × 0.4 %
    [50_000, 200, 2], // 50,000 × 0.5 % − 50 (tier 2 starts at its floor)
    [250_000, 1_200, 3], // 250,000 × 1 % − 1,300
    [3_000_000, 28_700, 4], // 3,000,000 × 2.5 % − 46,300
    [500_000_000, 146_953_700, 10], // 500,000,000 × 50 % − 103,046,300
  ])("notional %s USD → MM %s USD in tier %s", (n, mm, tier) => {
    expect(tierFor(BINANCE, usd(n)).tier).toBe(tier);
    expect(maintenanceMargin(BINANCE, usd(n))).toBe(usd(String(mm)));
  });

  it("IMR = 1/max leverage: 0.8 % at 125x; IM is flat by tier (N × IMR of the tier N falls in)", () => {
    expect(BINANCE.marginTiers[0].initialMarginRate).toBe(pct("0.8"));
    // 1,000,000 in tier 3 (50x): IM = 1,000,000 / 50 = 20,000
    expect(initialMargin(BINANCE, usd(1_000_000))).toBe(usd(20_000));
    // Just below / at the 50,000 floor: 49,999 / 125 = 399.992; 50,000 / 100 = 500 (IM steps up)
    expect(initialMargin(BINANCE, usd(49_999))).toBe(usd("399.992"));
    expect(initialMargin(BINANCE, usd(50_000))).toBe(usd(500));
    expect(maxLeverageFor(BINANCE, usd(1_000_000))).toBe(50);
    expect(BINANCE.maxLeverage).toBe(125);
  });

  it("rounds requirements up: 1 micro-USD at 0.4 % MMR needs 1 micro-USD, not 0", () => {
    expect(maintenanceMargin(BINANCE, 1n)).toBe(1n); // 0.004 → ceil 1
    expect(initialMargin(BINANCE, 1n)).toBe(1n); // 1/125 → ceil 1
  });

  it("position limit is the last tier's cap", () => {
    expect(exceedsPositionLimit(BINANCE, usd(500_000_000))).toBe(false);
    expect(exceedsPositionLimit(BINANCE, usd(500_000_000) + 1n)).toBe(true);
    expect(tierFor(BINANCE, usd(900_000_000)).tier).toBe(10);
  });

  it("rejects negative notionals (callers pass |N|)", () => {
    expect(() => tierFor(BINANCE, -1n)).toThrow(RangeError);
  });
});

describe("MRG-1: default BTC-PERP / ETH-PERP margin", () => {
  it("BTC-PERP: 1,000,000 USD is in tier 4 (10x): MM = 1,000,000 × 2.5 % − 11,500 = 13,500; IM = 100,000", () => {
    // MA_4 = 0 + 50,000 × 0.5 % + 250,000 × 0.5 % + 1,000,000 × 1 % = 250 + 1,250 + 10,000 = 11,500
    expect(tierFor(BTC_PERP, usd(1_000_000)).tier).toBe(4);
    expect(maintenanceMargin(BTC_PERP, usd(1_000_000))).toBe(usd(13_500));
    expect(initialMargin(BTC_PERP, usd(1_000_000))).toBe(usd(100_000));
  });
  it("ETH-PERP: 30,000 USD in tier 2 (25x): MM = 30,000 × 1 % − 87.5 = 212.5; IM = 1,200", () => {
    // MA_2 = 25,000 × (1 % − 0.65 %) = 87.5
    expect(maintenanceMargin(ETH_PERP, usd(30_000))).toBe(usd("212.5"));
    expect(initialMargin(ETH_PERP, usd(30_000))).toBe(usd(1_200));
  });
  it("3x tier: IM = ⌈N / 3⌉ exactly, not N × rounded IMR", () => {
    const n = usd(15_000_000) + 1n;
    expect(initialMargin(BTC_PERP, n)).toBe(divCeil(n, 3n));
  });
  it("IM > MM for every default tier at its floor and just below its cap", () => {
    for (const spec of [BTC_PERP, ETH_PERP]) {
      for (const t of spec.marginTiers) {
        // (at 1 micro-USD both round up to 1, so start tier 1 at 1 USD)
        for (const n of [t.floorNotional === 0n ? usd(1) : t.floorNotional, t.capNotional - 1n]) {
          expect(initialMargin(spec, n)).toBeGreaterThan(maintenanceMargin(spec, n));
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Random tier tables
// ---------------------------------------------------------------------------------------------

/**
 * Valid tier tables: floors strictly increasing whole USD from 0, leverage non-increasing,
 * MMR non-decreasing in steps of 0.0001 % (1,000 ppb, so MA is exact) and MMR < 1/leverage.
 */
const validTiers = fc
  .array(
    fc.record({
      gapUsd: fc.integer({ min: 1, max: 50_000_000 }),
      lev: fc.integer({ min: 1, max: 200 }),
      u: fc.integer({ min: 0, max: 1_000 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows) => {
    const levs = rows.map((r) => r.lev).sort((a, b) => b - a);
    let floor = 0n;
    let prev = 1_000n;
    return rows.map((r, i) => {
      if (i > 0) floor += BigInt(r.gapUsd) * 1_000_000n;
      const upper = divCeil(RATE_ONE, BigInt(levs[i])) - 1n; // largest MMR with MMR < 1/lev
      const room = (upper - prev) / 1_000n;
      const mmr = prev + ((room * BigInt(r.u)) / 1_000n) * 1_000n;
      prev = mmr;
      return { floorNotional: floor, maxLeverage: levs[i], maintenanceMarginRate: mmr } satisfies MarginTierInput;
    });
  });

// A fixed funding cap, so tiny random tier-1 MMRs don't trip the cap ≥ interest check.
const BASE = { ...BTC_PERP_INPUT, funding: { ...BTC_PERP_INPUT.funding, cap: { kind: "FIXED" as const, rate: pct("3") } } };

function specWith(tiers: MarginTierInput[]): MarketSpec {
  const last = tiers[tiers.length - 1].floorNotional;
  return resolveMarketSpec({ ...BASE, marginTiers: tiers, maxPositionNotional: last + usd(10_000_000) });
}

describe("MRG-1 properties over random tier tables (fast-check)", () => {
  it("MRG-1: random tier tables that violate IM > MM are rejected by validateMarketSpec", () => {
    fc.assert(
      fc.property(validTiers, fc.nat(), fc.integer({ min: 0, max: 100_000_000 }), (tiers, pick, excess) => {
        const i = pick % tiers.length;
        const bad = tiers.map((t) => ({ ...t }));
        // MMR ≥ 1/lev, i.e. MM ≥ IM: the smallest ppb value ≥ 1/lev (⌈1e9/lev⌉; for 3x, 333,333,333
        // is still below 1/3 and is rightly accepted) or above it.
        bad[i].maintenanceMarginRate = divCeil(RATE_ONE, BigInt(bad[i].maxLeverage)) + BigInt(excess);
        const res = validateMarketSpec({ ...BASE, marginTiers: bad, maxPositionNotional: usd(10_000_000_000) });
        expect(res.ok).toBe(false);
        if (!res.ok) {
          expect(res.errors).toContainEqual(expect.objectContaining({ path: `marginTiers[${i}].maintenanceMarginRate`, code: "IM_NOT_ABOVE_MM" }));
        }
      }),
    );
  });

  it("MRG-1: IM > MM is compared exactly: 3x with MMR 333,333,333 ppb (< 1/3) passes, 333,333,334 fails", () => {
    const t = (mmr: bigint) =>
      validateMarketSpec({ ...BASE, marginTiers: [{ floorNotional: 0n, maxLeverage: 3, maintenanceMarginRate: mmr }], maxPositionNotional: usd(1_000) });
    expect(t(333_333_333n).ok).toBe(true);
    expect(t(333_333_334n).ok).toBe(false);
  });

  it("MRG-1: any table the validator accepts has IMR > MMR > 0 and non-decreasing IMR in every tier", () => {
    const anyTier = fc.record({
      floorNotional: fc.bigInt({ min: -1n, max: usd(1_000_000) }),
      maxLeverage: fc.integer({ min: 0, max: 150 }),
      maintenanceMarginRate: fc.bigInt({ min: -1n, max: RATE_ONE }),
    });
    fc.assert(
      fc.property(fc.array(anyTier, { minLength: 0, maxLength: 5 }), (tiers) => {
        const res = validateMarketSpec({ ...BASE, marginTiers: tiers, maxPositionNotional: usd(2_000_000) });
        if (!res.ok) return;
        const ts = res.spec.marginTiers;
        expect(ts[0].floorNotional).toBe(0n);
        ts.forEach((t, k) => {
          expect(t.maintenanceMarginRate > 0n).toBe(true);
          expect(t.maintenanceMarginRate * BigInt(t.maxLeverage) < RATE_ONE).toBe(true);
          if (k > 0) {
            expect(t.floorNotional > ts[k - 1].floorNotional).toBe(true);
            expect(t.initialMarginRate >= ts[k - 1].initialMarginRate).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("MM is continuous at every tier boundary: tier n−1's formula and tier n's agree at floor_n", () => {
    fc.assert(
      fc.property(validTiers, (tiers) => {
        const spec = specWith(tiers);
        for (let n = 1; n < spec.marginTiers.length; n++) {
          const below = spec.marginTiers[n - 1];
          const f = spec.marginTiers[n].floorNotional;
          const fromBelow = mulDivCeil(f, below.maintenanceMarginRate, RATE_ONE) - below.maintenanceAmount;
          expect(maintenanceMargin(spec, f)).toBe(fromBelow);
          // and the step from f − 1 to f is at most one tier-n-1 increment (⌈MMR⌉ = 1 micro-USD)
          expect(maintenanceMargin(spec, f) - maintenanceMargin(spec, f - 1n) <= 1n).toBe(true);
        }
      }),
    );
  });

  it("MM is monotone non-decreasing in notional and equals the bracket-by-bracket sum", () => {
    fc.assert(
      fc.property(validTiers, fc.bigInt({ min: 0n, max: usd(500_000_000) }), fc.bigInt({ min: 0n, max: usd(500_000_000) }), (tiers, a, b) => {
        const spec = specWith(tiers);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(maintenanceMargin(spec, lo) <= maintenanceMargin(spec, hi)).toBe(true);
        expect(maintenanceMargin(spec, a)).toBe(maintenanceMarginBracketed(spec, a));
        expect(initialMargin(spec, a) >= maintenanceMargin(spec, a)).toBe(true);
      }),
    );
  });

  it("tierFor returns the last tier whose floor ≤ N", () => {
    fc.assert(
      fc.property(validTiers, fc.bigInt({ min: 0n, max: usd(500_000_000) }), (tiers, n) => {
        const spec = specWith(tiers);
        const t = tierFor(spec, n);
        const expected = [...spec.marginTiers].reverse().find((x) => x.floorNotional <= n)!;
        expect(t.tier).toBe(expected.tier);
      }),
    );
  });
});
