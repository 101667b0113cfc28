import { describe, expect, it } from "vitest";
import {
  formatDurationMs,
  formatInteger,
  formatLots,
  formatMinorUnits,
  formatPpbDecimal,
  formatPpbPercent,
  formatPpbPercentExact,
  formatRatio,
  formatTicks,
  formatUsdMicros,
  formatUsdMicrosExact,
  formatUtc,
  formatUtcDayMinute,
  formatUtcInputValue,
  formatUtcTime,
} from "./format";

describe("display formatting is exact string arithmetic (no floats)", () => {
  it.each([
    [650001, "0.1", "65,000.1"],
    [123456789, "0.01", "1,234,567.89"],
    [5, "0.5", "2.5"],
    [7, "1", "7"],
  ])("formatTicks(%i, %s) = %s", (ticks, step, expected) => expect(formatTicks(ticks, step)).toBe(expected));

  it("formatLots keeps every lot digit", () => expect(formatLots(15, "0.001")).toBe("0.015"));

  it("money truncates toward zero at cents and groups thousands", () => {
    expect(formatUsdMicros("1234567891")).toBe("1,234.56");
    expect(formatUsdMicros(-5_000_000n)).toBe("−5.00");
  });

  it("funding rates in ppb render as percentages", () => {
    expect(formatPpbPercent("100000")).toBe("0.0100%");
    expect(formatPpbPercent(-3_750_000n)).toBe("−0.3750%");
  });
});

describe("exact formats for published parameters (DISC-1)", () => {
  it("rates keep every significant digit and trim trailing zeros", () => {
    expect(formatPpbPercentExact(5_000_000n)).toBe("0.5%");
    expect(formatPpbPercentExact("125000")).toBe("0.0125%");
    expect(formatPpbPercentExact(2_000_000_000n)).toBe("200%");
    expect(formatPpbPercentExact(1n)).toBe("0.0000001%");
    expect(formatPpbPercentExact(-500_000n)).toBe("−0.05%");
    expect(formatPpbPercentExact(0n)).toBe("0%");
  });
  it("money keeps micro-dollars when present, cents otherwise", () => {
    expect(formatUsdMicrosExact(100n)).toBe("0.0001");
    expect(formatUsdMicrosExact("250000000")).toBe("250.00");
    expect(formatUsdMicrosExact(1_234_567_891n)).toBe("1,234.567891");
    expect(formatUsdMicrosExact(-1_500_000n)).toBe("−1.50");
  });
});

describe("ppb quantities as decimals", () => {
  it("COL-3: an FX rate in ppb reads as an exact decimal", () => {
    expect(formatPpbDecimal(128_205_128n)).toBe("0.128205128");
    expect(formatPpbDecimal("1000000000")).toBe("1");
    expect(formatPpbDecimal(7_800_000_000n)).toBe("7.8");
  });
});

describe("durations, exact ratios, UTC times and integers for the market pages", () => {
  it("formatDurationMs lists the non-zero parts", () => {
    expect(formatDurationMs(28_800_000)).toBe("8 h");
    expect(formatDurationMs(11_525_000)).toBe("3 h 12 min 5 s");
    expect(formatDurationMs(300_000)).toBe("5 min");
    expect(formatDurationMs(250)).toBe("250 ms");
    expect(formatDurationMs(0)).toBe("0 s");
    expect(formatDurationMs(-61_000)).toBe("−1 min 1 s");
    expect(formatDurationMs(90_061_001)).toBe("1 d 1 h 1 min 1 s 1 ms");
  });

  it("formatRatio is exact, truncates toward zero and marks cut-off digits", () => {
    expect(formatRatio(13n, 4n)).toBe("3.25");
    expect(formatRatio(2n, 3n, 3)).toBe("0.666…");
    expect(formatRatio(-29n, 4n)).toBe("−7.25");
    expect(formatRatio(1_300_065n, 2n)).toBe("650,032.5");
    expect(formatRatio(10n, 5n)).toBe("2");
    expect(formatRatio(0n, -5n)).toBe("0");
    expect(() => formatRatio(1n, 0n)).toThrow(RangeError);
  });

  it("formatUtc and formatInteger", () => {
    expect(formatUtc(1_767_225_600_250)).toBe("2026-01-01 00:00:00 UTC");
    expect(formatUtc(1_767_225_600_250, true)).toBe("2026-01-01 00:00:00.250 UTC");
    expect(formatInteger(28_800_000)).toBe("28,800,000");
    expect(formatInteger(-1_000n)).toBe("−1,000");
    expect(formatInteger("123456789012345678901")).toBe("123,456,789,012,345,678,901");
  });

  it("times are UTC whatever the reader's zone, in every short form the pages use", () => {
    const ms = Date.UTC(2026, 0, 31, 8, 5, 9, 7);
    expect(formatUtc(ms)).toBe("2026-01-31 08:05:09 UTC");
    expect(formatUtc(ms, true)).toBe("2026-01-31 08:05:09.007 UTC");
    expect(formatUtcTime(ms)).toBe("08:05:09 UTC");
    expect(formatUtcTime(ms, false)).toBe("08:05:09");
    expect(formatUtcDayMinute(ms)).toBe("01-31 08:05");
    expect(formatUtcInputValue(ms)).toBe("2026-01-31T08:05:09");
    expect(formatUtc(0)).toBe("1970-01-01 00:00:00 UTC");
  });

  it("a value that is not a time gives a dash (an empty input value), never an exception mid-render", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(formatUtc(bad)).toBe("—");
      expect(formatUtcTime(bad)).toBe("—");
      expect(formatUtcDayMinute(bad)).toBe("—");
      expect(formatUtcInputValue(bad)).toBe("");
    }
  });
});

describe("asset amounts in minor units (COL-3)", () => {
  it("formats cents, 6-decimal stablecoin units and whole units exactly", () => {
    expect(formatMinorUnits("10000050", 2)).toBe("100,000.50");
    expect(formatMinorUnits(1_500_000n, 6)).toBe("1.500000");
    expect(formatMinorUnits("7", 2)).toBe("0.07");
    expect(formatMinorUnits("1234", 0)).toBe("1,234");
    expect(formatMinorUnits("-250", 2)).toBe("−2.50");
  });
});

describe("formatting is linear time, so an absurd stored figure cannot freeze the server", () => {
  // Before the fix the thousands separator was /\B(?=(\d{3})+(?!\d))/g: quadratic, 19 s for 100,000
  // digits and about half an hour for a million on this machine. Linear code does a million in
  // milliseconds; the bounds below are two orders of magnitude above that.
  const elapsed = (run: () => unknown) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };
  const million = "1" + "0".repeat(999_999);

  it("100,000 digits format in under 100 ms (the quadratic version took about 19 s)", () => {
    expect(elapsed(() => formatInteger("1" + "0".repeat(99_999)))).toBeLessThan(100);
  });

  it.each([
    ["formatInteger", () => formatInteger(million)],
    ["formatUsdMicros", () => formatUsdMicros(million)],
    ["formatUsdMicrosExact", () => formatUsdMicrosExact(million)],
    ["formatMinorUnits", () => formatMinorUnits(million, 2)],
    ["formatPpbDecimal", () => formatPpbDecimal(million)],
    ["formatPpbPercent", () => formatPpbPercent(million)],
    ["formatPpbPercentExact", () => formatPpbPercentExact(million)],
  ])("%s of a 1,000,000-digit figure takes under 1 s", (_name, run) => {
    expect(elapsed(run)).toBeLessThan(1_000);
  });

  it("the linear code gives the same text as before", () => {
    expect(formatInteger("1000000")).toBe("1,000,000");
    expect(formatInteger("-1234")).toBe("−1,234");
    expect(formatInteger(123)).toBe("123");
    expect(formatInteger(0n)).toBe("0");
    expect(formatUsdMicros(million).length).toBe(1_333_328);
    expect(formatUsdMicros(million).slice(0, 8)).toBe("1,000,00");
    expect(formatMinorUnits("10000050", 2)).toBe("100,000.50");
    expect(formatMinorUnits("5", 0)).toBe("5");
    expect(formatMinorUnits("-007", 3)).toBe("−0.007");
    expect(formatUsdMicros("-0")).toBe("0.00");
    expect(formatUsdMicros("")).toBe("0.00");
    expect(formatPpbPercent(-1n)).toBe("−0.0000%");
    expect(formatPpbPercent("100000", 0)).toBe("0%");
    expect(formatPpbDecimal("-128205128")).toBe("−0.128205128");
    expect(formatUsdMicrosExact(0n)).toBe("0.00");
    expect(formatUsdMicrosExact(1_000_000_000_000n)).toBe("1,000,000.00");
    expect(() => formatUsdMicros("12a")).toThrow(SyntaxError);
  });
});
