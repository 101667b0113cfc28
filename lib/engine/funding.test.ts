import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BTC_PERP } from "./default-config";
import { RATE_ONE, pct, usd } from "./fixed-point";
import {
  ASK_SIDE,
  BID_SIDE,
  addPremiumSample,
  averagePremium,
  createFundingAccumulator,
  fundingIntervalStart,
  fundingPayment,
  fundingRateOf,
  impactPrice,
  impactPrices,
  nextFundingTime,
  predictedRate,
  premiumIndex,
  settleFundingZeroNet,
  splitFundingZeroNet,
  type DepthWalker,
} from "./funding";

/** A minimal book: levels per side, best first, as order-book.ts walk() yields them. */
function book(bids: Array<[number, number]>, asks: Array<[number, number]>): DepthWalker {
  return {
    walk(side, fn) {
      for (const [p, s] of side === BID_SIDE ? bids : asks) if (fn(p, s) === false) return;
    },
  };
}

const H = 3_600_000;
const START = 1_799_971_200_000; // a multiple of 8 h
const F = BTC_PERP.funding;

describe("impact prices", () => {
  it("bid: 1,000 notional over (100 × 5) + (90 × 10): avg = 1000·90 / (5·90 + 500) = 94.74 → floor 94", () => {
    const b = book(
      [
        [100, 5],
        [90, 10],
      ],
      [
        [110, 5],
        [120, 10],
      ],
    );
    expect(impactPrice(b, BID_SIDE, 1_000n, 1n)).toBe(94);
  });
  it("ask: 1,000 notional over (110 × 5) + (120 × 10): avg = 1000·120 / (5·120 + 450) = 114.29 → ceil 115", () => {
    const b = book(
      [
        [100, 5],
        [90, 10],
      ],
      [
        [110, 5],
        [120, 10],
      ],
    );
    expect(impactPrice(b, ASK_SIDE, 1_000n, 1n)).toBe(115);
  });
  it("one level that exactly fills the impact notional: avg = that price", () => {
    expect(impactPrices(book([[100, 10]], [[101, 10]]), 1_000n, 1n)).toEqual({ impactBid: 100, impactAsk: 101 });
  });
  it("insufficient depth → null (the premium then treats that side as the index)", () => {
    const r = impactPrices(book([[100, 1]], []), 1_000n, 1n);
    expect(r).toEqual({ impactBid: null, impactAsk: null });
  });
  it("stops walking once filled (does not read the whole book)", () => {
    let visited = 0;
    const walker: DepthWalker = {
      walk(_side, fn) {
        for (let p = 1_000; p > 0; p--) {
          visited++;
          if (fn(p, 1) === false) return;
        }
      },
    };
    impactPrice(walker, BID_SIDE, 2_500n, 1n);
    expect(visited).toBe(3); // 1000 + 999 + (501 of 998)
  });
  it("BTC-PERP: 10,000 USD impact notional against 65,000.0 × 0.2 BTC and 64,990.0 × 1 BTC", () => {
    // level 1: 650,000 ticks × 200 lots × 100 = 13,000 USD ≥ 10,000 → avg = best bid exactly
    expect(impactPrice(book([[650_000, 200]], []), BID_SIDE, F.impactNotional, BTC_PERP.tickLotValue)).toBe(650_000);
    // level 1 is 6,500 USD; 3,500 USD more at 64,999.0: avg = 1e10·649,990 / (100·649,990·100 + 3.5e9) = 649,996.09 → 649,996
    const b = book(
      [
        [650_000, 100],
        [649_990, 1_000],
      ],
      [],
    );
    expect(impactPrice(b, BID_SIDE, F.impactNotional, BTC_PERP.tickLotValue)).toBe(649_996);
  });
  it("property: the impact bid lies between the deepest level used and the touch", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 20 }),
        fc.bigInt({ min: 1n, max: 200_000n }),
        (levels, n) => {
          const bids = [...levels].sort((a, b) => b[0] - a[0]);
          const ib = impactPrice(book(bids, []), BID_SIDE, n, 1n);
          const total = bids.reduce((s, [p, q]) => s + BigInt(p * q), 0n);
          if (total < n) {
            expect(ib).toBeNull();
            return;
          }
          expect(ib).not.toBeNull();
          expect(ib!).toBeLessThanOrEqual(bids[0][0]);
          expect(ib!).toBeGreaterThanOrEqual(bids[bids.length - 1][0]);
        },
      ),
    );
  });
});

describe("premium index P = [max(0, IB − Idx) − max(0, Idx − IA)] / Idx", () => {
  it.each([
    [650_650, 650_700, 650_000, pct("0.1"), "IB 0.1 % above the index"],
    [649_300, 649_350, 650_000, -pct("0.1"), "IA 0.1 % below the index"],
    [649_990, 650_010, 650_000, 0n, "index inside [IB, IA]"],
    [null, 650_010, 650_000, 0n, "no bid depth: the bid term counts as the index"],
    [null, 649_350, 650_000, -pct("0.1"), "no bid depth, ask below index"],
    [650_001, null, 650_000, 1_538n, "1 tick / 650,000 = 1,538.46 ppb → 1,538"],
  ] as Array<[number | null, number | null, number, bigint, string]>)("IB %s, IA %s, Idx %s → %s ppb (%s)", (ib, ia, idx, want) => {
    expect(premiumIndex(ib, ia, idx)).toBe(want);
  });
  it("rejects a non-positive index", () => {
    expect(() => premiumIndex(1, 2, 0)).toThrow(RangeError);
  });
});

describe("premium accumulator and funding rate", () => {
  it("linear weights by time slot: P(slot 0) = 100, P(slot 1) = 400 → (1·100 + 2·400) / 3 = 300", () => {
    let acc = createFundingAccumulator(START, F);
    acc = addPremiumSample(acc, START, 100n);
    acc = addPremiumSample(acc, START + 5_000, 400n);
    expect(averagePremium(acc)).toBe(300n);
  });
  it("equal weights: (100 + 400) / 2 = 250", () => {
    let acc = createFundingAccumulator(START, { ...F, sampleWeighting: "equal" });
    acc = addPremiumSample(acc, START, 100n);
    acc = addPremiumSample(acc, START + 5_000, 400n);
    expect(averagePremium(acc)).toBe(250n);
  });
  it("a missed sample does not shift later weights: slots 0 and 2 weigh 1 and 3: (100 + 3·500) / 4 = 400", () => {
    let acc = createFundingAccumulator(START, F);
    acc = addPremiumSample(acc, START + 4_999, 100n); // slot 0
    acc = addPremiumSample(acc, START + 10_000, 500n); // slot 2
    expect(averagePremium(acc)).toBe(400n);
  });
  it("ignores a second sample in the same slot, samples before the start and at/after the end", () => {
    const a1 = addPremiumSample(createFundingAccumulator(START, F), START, 100n);
    expect(addPremiumSample(a1, START + 4_999, 999n)).toBe(a1);
    expect(addPremiumSample(a1, START - 1, 999n)).toBe(a1);
    expect(addPremiumSample(a1, START + 8 * H, 999n)).toBe(a1);
    expect(a1.sampleCount).toBe(1);
  });
  it("is pure and JSON-serializable apart from bigints", () => {
    const a0 = createFundingAccumulator(START, F);
    const a1 = addPremiumSample(a0, START, 7n);
    expect(a0.sampleCount).toBe(0);
    expect(a1.weightedSum).toBe(7n);
    expect(structuredClone(a1)).toEqual(a1);
  });

  it.each([
    [pct("0.02"), pct("0.01"), false, "P̄ 0.02 %: |I − P̄| = 0.01 % ≤ 0.05 % → F = I = 0.01 %"],
    [pct("0.1"), pct("0.05"), false, "P̄ 0.1 %: I − P̄ = −0.09 % → clamp −0.05 % → F = 0.05 %"],
    [-pct("0.1"), -pct("0.05"), false, "P̄ −0.1 %: I − P̄ = 0.11 % → clamp +0.05 % → F = −0.1 % + 0.05 % = −0.05 %"],
    [pct("1"), pct("0.375"), true, "P̄ 1 %: 1 % − 0.05 % = 0.95 % → capped at 0.75 × 0.5 % = 0.375 %"],
    [-pct("1"), -pct("0.375"), true, "P̄ −1 %: −1 % + 0.05 % = −0.95 % → capped at −0.375 %"],
  ])("P̄ %s ppb → F %s ppb (capped %s): %s", (p, want, capped) => {
    const acc = addPremiumSample(createFundingAccumulator(START, F), START, p);
    const r = fundingRateOf(F, acc);
    expect(r.rate).toBe(want);
    expect(r.capped).toBe(capped);
    expect(r.averagePremium).toBe(p);
  });

  it("no samples: F = I (interest only), capped", () => {
    const r = fundingRateOf(F, createFundingAccumulator(START, F));
    expect(r).toMatchObject({ averagePremium: 0n, sampleCount: 0, rate: pct("0.01"), capped: false });
  });

  it("predicted rate mid-interval uses the samples so far", () => {
    let acc = createFundingAccumulator(START, F);
    for (let i = 0; i < 100; i++) acc = addPremiumSample(acc, START + i * 5_000, pct("0.2"));
    expect(predictedRate(F, acc).rate).toBe(pct("0.15")); // 0.2 % + clamp(0.01 % − 0.2 %) = 0.2 − 0.05
  });

  it("property: the funding rate is always within ±cap", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 * H - 1 }), fc.bigInt({ min: -RATE_ONE, max: RATE_ONE })), { maxLength: 50 }),
        fc.bigInt({ min: 1n, max: pct("5") }),
        fc.bigInt({ min: -pct("0.1"), max: pct("0.1") }),
        fc.bigInt({ min: 0n, max: pct("1") }),
        fc.constantFrom("linear" as const, "equal" as const),
        (samples, capRate, interest, band, weighting) => {
          let acc = createFundingAccumulator(START, { ...F, sampleWeighting: weighting });
          for (const [t, p] of [...samples].sort((a, b) => a[0] - b[0])) acc = addPremiumSample(acc, START + t, p);
          const r = fundingRateOf({ interestRatePerInterval: interest, premiumClampBand: band, capRate }, acc);
          expect(r.rate <= capRate && r.rate >= -capRate).toBe(true);
          expect(r.clampedInterestTerm <= band && r.clampedInterestTerm >= -band).toBe(true);
          if (!r.capped) expect(r.rate).toBe(r.averagePremium + r.clampedInterestTerm);
        },
      ),
    );
  });
});

describe("funding schedule", () => {
  it("8 h intervals are epoch-aligned (00:00, 08:00, 16:00 UTC)", () => {
    expect(fundingIntervalStart(START + 3 * H, 8 * H)).toBe(START);
    expect(nextFundingTime(START + 3 * H, 8 * H)).toBe(START + 8 * H);
    expect(nextFundingTime(START, 8 * H)).toBe(START + 8 * H);
    expect(new Date(START).toISOString()).toMatch(/T(00|08|16):00:00.000Z$/);
  });
});

describe("funding payments net to zero (design note rounding)", () => {
  it("payer rounds up, receiver rounds down: 10,000.000001 USD × 0.01 % = 1.0000000001 USD", () => {
    const n = usd("10000.000001");
    expect(fundingPayment(n, pct("0.01"))).toBe(1_000_001n); // long pays ⌈1,000,000.0001⌉
    expect(fundingPayment(-n, pct("0.01"))).toBe(-1_000_000n); // short receives ⌊1,000,000.0001⌋
    expect(fundingPayment(n, -pct("0.01"))).toBe(-1_000_000n); // negative rate: long receives
  });

  it("splitFundingZeroNet: 10 collected over weights 1:1:1 → 4, 3, 3 (largest remainder, ties to earlier)", () => {
    const t = splitFundingZeroNet(
      [{ id: "p", amount: 10n }],
      [
        { id: "a", weight: 1n },
        { id: "b", weight: 1n },
        { id: "c", weight: 1n },
      ],
    );
    expect(t).toEqual([
      { id: "p", amount: -10n },
      { id: "a", amount: 4n },
      { id: "b", amount: 3n },
      { id: "c", amount: 3n },
    ]);
  });

  it("splitFundingZeroNet: remainders decide: 7 over weights 1:2:4 → exact 1, 2, 4", () => {
    const t = splitFundingZeroNet(
      [{ id: 0, amount: 7n }],
      [
        { id: 1, weight: 1n },
        { id: 2, weight: 2n },
        { id: 3, weight: 4n },
      ],
    );
    expect(t.map((x) => x.amount)).toEqual([-7n, 1n, 2n, 4n]);
  });

  it("splitFundingZeroNet: 5 over weights 3:3:4 → exact 1.5, 1.5, 2 → 2, 1, 2", () => {
    const t = splitFundingZeroNet(
      [{ id: 0, amount: 5n }],
      [
        { id: 1, weight: 3n },
        { id: 2, weight: 3n },
        { id: 3, weight: 4n },
      ],
    );
    expect(t.map((x) => x.amount)).toEqual([-5n, 2n, 1n, 2n]);
  });

  it("rejects collected funding with no receiver weight", () => {
    expect(() => splitFundingZeroNet([{ id: 0, amount: 1n }], [{ id: 1, weight: 0n }])).toThrow(RangeError);
  });

  it("property: transfers sum to exactly 0 and each receiver is within 1 micro-USD of its exact pro-rata share", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 1, maxLength: 10 }),
        (pay, weights) => {
          const payers = pay.map((amount, i) => ({ id: `p${i}`, amount }));
          const receivers = weights.map((weight, i) => ({ id: `r${i}`, weight }));
          const t = splitFundingZeroNet(payers, receivers);
          expect(t.reduce((s, x) => s + x.amount, 0n)).toBe(0n);
          const c = pay.reduce((s, x) => s + x, 0n);
          const w = weights.reduce((s, x) => s + x, 0n);
          t.slice(payers.length).forEach((x, i) => {
            // |amount − C·w_i/W| < 1  ⇔  |amount·W − C·w_i| < W
            const diff = x.amount * w - c * weights[i];
            expect(diff < w && diff > -w).toBe(true);
            expect(x.amount >= 0n).toBe(true);
          });
        },
      ),
    );
  });

  it("settleFundingZeroNet: longs 3 × 1,000.000001 USD at 0.01 % pay ⌈0.1000000001⌉ each; shorts split it by size", () => {
    const long = usd("1000.000001");
    const t = settleFundingZeroNet(
      [
        { id: "L1", signedNotional: long },
        { id: "S1", signedNotional: -usd(2_000) },
        { id: "L2", signedNotional: long },
        { id: "flat", signedNotional: 0n },
        { id: "L3", signedNotional: long },
        { id: "S2", signedNotional: -usd("1000.000003") },
      ],
      pct("0.01"),
    );
    // each long pays 100,001; collected 300,003 split 2,000 : 1,000.000003 → 200,001.8 / 100,001.2 → 200,002 / 100,001
    expect(t.map((x) => [x.id, x.amount])).toEqual([
      ["L1", -100_001n],
      ["S1", 200_002n],
      ["L2", -100_001n],
      ["flat", 0n],
      ["L3", -100_001n],
      ["S2", 100_001n],
    ]);
  });

  it("property: settleFundingZeroNet nets to zero and payers pay exactly ⌈|N|·|F|⌉", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: -pct("3"), max: pct("3") }),
        (ns, rate) => {
          // balance open interest as a real market would: add the opposite of the net
          const net = ns.reduce((s, n) => s + n, 0n);
          const positions = [...ns, -net].map((signedNotional, i) => ({ id: i, signedNotional }));
          const t = settleFundingZeroNet(positions, rate);
          expect(t.reduce((s, x) => s + x.amount, 0n)).toBe(0n);
          positions.forEach((p, i) => {
            const owed = fundingPayment(p.signedNotional, rate);
            if (owed > 0n) expect(t[i].amount).toBe(-owed);
            else expect(t[i].amount >= 0n).toBe(true);
          });
        },
      ),
    );
  });
});
