import { describe, expect, it } from "vitest";
import { ChangeMarketParameterInput, parseParameterValue } from "./schemas";

describe("parameter change input", () => {
  it("DISC-1: the text is read in the current value's type", () => {
    expect(parseParameterValue("600000", 500_000n)).toEqual({ ok: true, value: 600_000n });
    expect(parseParameterValue("25", 20)).toEqual({ ok: true, value: 25 });
    expect(parseParameterValue("linear", "equal")).toEqual({ ok: true, value: "linear" });
    expect(parseParameterValue("0.06", 500_000n)).toMatchObject({ ok: false, message: expect.stringContaining("whole number") });
    expect(parseParameterValue("1e3", 20)).toMatchObject({ ok: false });
    expect(parseParameterValue("x", { kind: "FIXED" })).toMatchObject({ ok: false, message: expect.stringContaining("one by one") });
  });
  it("bad input gets a specific message", () => {
    const res = ChangeMarketParameterInput.safeParse({ market: "BTC-PERP", path: "fees..x", value: "", reason: "short" });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((issue) => issue.message)).toEqual([
      "Write the parameter path as the registry shows it, e.g. fees.takerFeeRate.",
      "Enter the new value.",
      "Say why the parameter changes (at least 10 characters); the reason is published in the change log.",
    ]);
  });
});
