import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  FixedPointError,
  MAX_LOTS,
  MAX_PRICE_TICKS,
  RATE_ONE,
  USD,
  applyRate,
  divCeil,
  divFloor,
  divHalfEven,
  formatDecimal,
  formatLots,
  formatMoney,
  formatPercent,
  formatRate,
  formatTicks,
  isSafeLots,
  isSafeTicks,
  mulDivCeil,
  mulDivFloor,
  mulDivHalfEven,
  notional,
  parseDecimal,
  parseMoney,
  parsePercent,
  parseRate,
  pct,
  priceToTicks,
  sizeToLots,
  tickLotValueOf,
  ticksFromBig,
  usd,
} from "./fixed-point";

describe("units", () => {
  it("USD is 1e6 micro-USD and RATE_ONE is 1e9 ppb", () => {
    expect(USD).toBe(1_000_000n);
    expect(RATE_ONE).toBe(1_000_000_000n);
  });
  it("price and size bounds fit int32", () => {
    expect(MAX_PRICE_TICKS).toBe(2 ** 31 - 1);
    expect(MAX_LOTS).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});

describe("parseDecimal: exact decimal strings → scaled integers", () => {
  it.each([
    ["0.1", 6, 100_000n],
    ["0.0004", 9, 400_000n],
    ["65012.3", 1, 650_123n],
    ["-1.5", 2, -150n],
    ["1.500", 1, 15n], // trailing zeros beyond the scale are not excess precision
    ["0", 6, 0n],
    ["123", 0, 123n],
    ["12345678901234567890.123456", 6, 12345678901234567890123456n], // beyond float precision
  ])("parseDecimal(%s, %i) = %s", (s, scale, want) => {
    expect(parseDecimal(s, scale)).toBe(want);
  });

  it("rejects excess precision instead of rounding: 0.1234567 at 6 dp", () => {
    expect(() => parseDecimal("0.1234567", 6)).toThrow(FixedPointError);
    expect(() => parseMoney("0.0000001")).toThrow(/more than 6 decimal places/);
  });

  it.each(["", " 1", "1e3", "1,000", "+1", ".5", "1.", "01", "NaN", "0x10", "--1", "1.2.3"])("rejects non-plain decimal %j", (s) => {
    expect(() => parseDecimal(s, 6)).toThrow(FixedPointError);
  });

  it("parseRate/parsePercent/pct/usd write configuration legibly", () => {
    expect(parseRate("0.0004")).toBe(400_000n); // 0.04 %
    expect(parsePercent("0.01")).toBe(100_000n); // 0.01 % = 1e-4
    expect(pct("0.40")).toBe(4_000_000n); // 0.4 % = 4e-3
    expect(usd(50_000)).toBe(50_000_000_000n);
    expect(usd("0.000001")).toBe(1n);
    expect(() => usd(0.5)).toThrow(FixedPointError);
  });

  it("property: parseDecimal(formatDecimal(x, s), s) = x", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (x, s) => {
        expect(parseDecimal(formatDecimal(x, s), s)).toBe(x);
      }),
    );
  });
});

describe("formatting", () => {
  it.each([
    [8_700_000_000n, "8700.00"],
    [1n, "0.000001"],
    [-1_500_000n, "-1.50"],
    [0n, "0.00"],
    [123_456_789n, "123.456789"],
  ])("formatMoney(%s) = %s", (v, s) => expect(formatMoney(v)).toBe(s));

  it("formatRate/formatPercent: 400_000 ppb = 0.0004 = 0.04%", () => {
    expect(formatRate(400_000n)).toBe("0.0004");
    expect(formatPercent(400_000n)).toBe("0.04%");
    expect(formatPercent(-500_000n)).toBe("-0.05%");
    expect(formatRate(RATE_ONE)).toBe("1");
  });

  it("formatTicks/formatLots render on the tick and lot grid", () => {
    expect(formatTicks(650_123, "0.1")).toBe("65012.3");
    expect(formatTicks(650_120, "0.1")).toBe("65012.0");
    expect(formatTicks(1, "0.01")).toBe("0.01");
    expect(formatTicks(3, "5")).toBe("15");
    expect(formatLots(1_500, "0.001")).toBe("1.500");
  });

  it("priceToTicks/sizeToLots are exact and reject off-grid values", () => {
    expect(priceToTicks("65012.3", "0.1")).toBe(650_123);
    expect(priceToTicks("65012.30", "0.1")).toBe(650_123);
    expect(sizeToLots("1.5", "0.001")).toBe(1_500);
    expect(priceToTicks("15", "5")).toBe(3);
    expect(() => priceToTicks("65012.35", "0.1")).toThrow(/not a multiple/);
    expect(() => priceToTicks("16", "5")).toThrow(/not a multiple/);
  });
});

describe("mulDiv rounding (floor toward −∞, ceil toward +∞, half-even)", () => {
  it.each([
    // n, d, floor, ceil, halfEven
    [7n, 2n, 3n, 4n, 4n], // 3.5 → even 4
    [5n, 2n, 2n, 3n, 2n], // 2.5 → even 2
    [-7n, 2n, -4n, -3n, -4n], // −3.5 → even −4
    [-5n, 2n, -3n, -2n, -2n], // −2.5 → even −2
    [-1n, 3n, -1n, 0n, 0n], // −0.33
    [-2n, 3n, -1n, 0n, -1n], // −0.67
    [7n, -2n, -4n, -3n, -4n], // negative divisor
    [6n, 3n, 2n, 2n, 2n], // exact
    [0n, 5n, 0n, 0n, 0n],
  ])("%s / %s: floor %s, ceil %s, halfEven %s", (n, d, f, c, h) => {
    expect(divFloor(n, d)).toBe(f);
    expect(divCeil(n, d)).toBe(c);
    expect(divHalfEven(n, d)).toBe(h);
  });

  it("mulDiv never rounds the product: 10^20 × 3 / 7", () => {
    const a = 10n ** 20n;
    expect(mulDivFloor(a, 3n, 7n)).toBe(42857142857142857142n);
    expect(mulDivCeil(a, 3n, 7n)).toBe(42857142857142857143n);
    expect(mulDivHalfEven(a, 3n, 7n)).toBe(42857142857142857143n);
  });

  it("division by zero throws", () => {
    expect(() => divFloor(1n, 0n)).toThrow(RangeError);
  });

  it("applyRate: taker fee 0.05% on 10,000.000001 USD rounds up to 5.000001 USD", () => {
    // 10_000_000_001 × 500_000 / 1e9 = 5_000_000.0005 → ceil 5_000_001, floor 5_000_000
    expect(applyRate(10_000_000_001n, 500_000n, "ceil")).toBe(5_000_001n);
    expect(applyRate(10_000_000_001n, 500_000n, "floor")).toBe(5_000_000n);
  });

  it("property: floor ≤ n/d ≤ ceil, ceil − floor ∈ {0, 1}, |halfEven − n/d| ≤ 1/2", () => {
    const big = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });
    const nonZero = big.filter((d) => d !== 0n);
    fc.assert(
      fc.property(big, big, nonZero, (a, b, d) => {
        const n = a * b;
        const f = mulDivFloor(a, b, d);
        const c = mulDivCeil(a, b, d);
        const h = mulDivHalfEven(a, b, d);
        // Compare via multiplication by d with sign care: f·d ≤ n (for d > 0), etc.
        const s = d > 0n ? 1n : -1n;
        expect((n - f * d) * s >= 0n).toBe(true);
        expect((c * d - n) * s >= 0n).toBe(true);
        expect(c - f === 0n || c - f === 1n).toBe(true);
        expect(c - f === 0n).toBe(n % d === 0n);
        const twiceErr = 2n * (h * d - n) * s; // 2·(h − n/d)·|d|
        expect(twiceErr <= d * s && twiceErr >= -(d * s)).toBe(true);
        expect(h === f || h === c).toBe(true);
      }),
    );
  });
});

describe("market-unit arithmetic", () => {
  it("tickLotValue: BTC 0.1 USD × 0.001 BTC = 0.0001 USD = 100 micro-USD; ETH 0.01 × 0.01 = 100", () => {
    expect(tickLotValueOf("0.1", "0.001")).toBe(100n);
    expect(tickLotValueOf("0.01", "0.01")).toBe(100n);
    expect(tickLotValueOf("1", "1")).toBe(1_000_000n);
  });
  it("tickLotValue is null when not a whole micro-USD: 0.001 × 0.0001 = 1e-7 USD", () => {
    expect(tickLotValueOf("0.001", "0.0001")).toBeNull();
  });
  it("notional: 65,000.0 USD × 1.5 BTC = 650,000 ticks × 1,500 lots × 100 = 97,500 USD", () => {
    expect(notional(650_000, 1_500, 100n)).toBe(usd(97_500));
    expect(notional(650_000, -1_500, 100n)).toBe(-usd(97_500));
  });
  it("notional is exact at the bounds (no float overflow)", () => {
    expect(notional(MAX_PRICE_TICKS, MAX_LOTS, 100n)).toBe(2_147_483_647n * 2_147_483_647n * 100n);
  });
  it("isSafeTicks/isSafeLots/ticksFromBig", () => {
    expect(isSafeTicks(1)).toBe(true);
    expect(isSafeTicks(0)).toBe(false);
    expect(isSafeTicks(1.5)).toBe(false);
    expect(isSafeTicks(MAX_PRICE_TICKS + 1)).toBe(false);
    expect(isSafeTicks(10, 9)).toBe(false);
    expect(isSafeLots(MAX_LOTS)).toBe(true);
    expect(isSafeLots("1")).toBe(false);
    expect(ticksFromBig(0n)).toBe(1);
    expect(ticksFromBig(10n ** 12n, 1000)).toBe(1000);
    expect(ticksFromBig(42n)).toBe(42);
  });
});
