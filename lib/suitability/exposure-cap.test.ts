import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exposureCap } from "./exposure-cap";
import type { FxRate } from "./money";

const usdRate: FxRate = { currency: "USD", hkdPerUnitPpb: 7_800_000_000n, asOf: "2026-11-19", source: "HKMA closing rate" };

function cap(netWorthHkdCents: bigint, liquidAssetsHkdCents: bigint) {
  const r = exposureCap({ netWorthHkdCents, liquidAssetsHkdCents }, { usdRate });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.cap;
}

describe("SUIT-5 exposure cap", () => {
  test("SUIT-5: cap = min(10% of net worth, 50% of liquid assets) in micro-USD, rounded down", () => {
    // HK$78m net worth = US$10m → 10% = US$1m; HK$7.8m liquid = US$1m → 50% = US$0.5m
    const c = cap(7_800_000_000n, 780_000_000n);
    expect(c.netWorthMicroUsd).toBe(10_000_000_000_000n);
    expect(c.maxInitialMarginMicroUsd).toBe(500_000_000_000n);
    expect(c.boundBy).toBe("liquid_assets");
    const byNw = cap(780_000_000n, 7_800_000_000n); // US$1m net worth → US$100k
    expect(byNw.maxInitialMarginMicroUsd).toBe(100_000_000_000n);
    expect(byNw.boundBy).toBe("net_worth");
    // HK$0.01 = US$0.00128205... → 1282 micro-USD, rounded down
    expect(cap(1n, 0n).netWorthMicroUsd).toBe(1282n);
  });

  test("SUIT-5: negative net worth gives a zero cap; negative liquid assets and a non-USD rate are refused", () => {
    expect(cap(-100_000_000n, 100_000_000n).maxInitialMarginMicroUsd).toBe(0n);
    const r = exposureCap({ netWorthHkdCents: 1n, liquidAssetsHkdCents: -1n }, { usdRate: { ...usdRate, currency: "EUR" } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(["liquidAssetsHkdCents", "usdRate.currency"]);
  });

  test("SUIT-5: property: the cap is monotonic (non-decreasing) in net worth", () => {
    const money = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });
    fc.assert(
      fc.property(money, money, fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.bigInt({ min: 1n, max: 100_000_000_000n }), (a, b, liquid, ratePpb) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const params = { usdRate: { ...usdRate, hkdPerUnitPpb: ratePpb } };
        const rLo = exposureCap({ netWorthHkdCents: lo, liquidAssetsHkdCents: liquid }, params);
        const rHi = exposureCap({ netWorthHkdCents: hi, liquidAssetsHkdCents: liquid }, params);
        if (!rLo.ok || !rHi.ok) return false;
        return rLo.cap.maxInitialMarginMicroUsd <= rHi.cap.maxInitialMarginMicroUsd && rLo.cap.maxInitialMarginMicroUsd >= 0n;
      }),
      { numRuns: 2000 },
    );
  });
});
