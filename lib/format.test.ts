import { describe, expect, it } from "vitest";
import { formatLots, formatPpbPercent, formatTicks, formatUsdMicros } from "./format";

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
