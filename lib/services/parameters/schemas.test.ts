import { describe, expect, it } from "vitest";
import { parseParameterValue } from "./schemas";

describe("parameter change input", () => {
  it("DISC-1: the text is read in the current value's type", () => {
    expect(parseParameterValue("600000", 500_000n)).toEqual({ ok: true, value: 600_000n });
    expect(parseParameterValue("25", 20)).toEqual({ ok: true, value: 25 });
    expect(parseParameterValue("linear", "equal")).toEqual({ ok: true, value: "linear" });
    expect(parseParameterValue("0.06", 500_000n)).toMatchObject({ ok: false, message: expect.stringContaining("whole number") });
    expect(parseParameterValue("1e3", 20)).toMatchObject({ ok: false });
    expect(parseParameterValue("x", { kind: "FIXED" })).toMatchObject({ ok: false, message: expect.stringContaining("one by one") });
  });
});
