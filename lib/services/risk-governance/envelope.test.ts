import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG, marketSpecInputOf } from "@/lib/engine/index";
import { envelopeAround, envelopeBreaches, envelopeOf, parseEnvelope } from "./envelope";

const btc = marketSpecInputOf(DEFAULT_ENGINE_CONFIG.markets[0]);
const MMR0 = "marginTiers[0].maintenanceMarginRate";

describe("MRG-5: the approved envelope", () => {
  it("MRG-5: a value outside a bound is named with the value and the bound in the parameter's unit", () => {
    const envelope = { [MMR0]: { min: "6000000", max: "9000000" } };
    expect(envelopeBreaches(btc, envelope)).toEqual([{ path: MMR0, bound: "min", shown: "0.5%", limitShown: "0.6%" }]);
    expect(envelopeBreaches(btc, { [MMR0]: { max: "4000000" } })).toEqual([{ path: MMR0, bound: "max", shown: "0.5%", limitShown: "0.4%" }]);
    expect(envelopeBreaches(btc, { [MMR0]: { min: "5000000", max: "5000000" } })).toEqual([]);
  });

  it("MRG-5: an envelope names only changeable numeric parameters, with whole-number bounds, min ≤ max", () => {
    expect(parseEnvelope(btc, [{ path: "tickSize", min: "1" }])).toMatchObject({ ok: false, problems: [{ kind: "unknownPath", path: "tickSize" }] });
    expect(parseEnvelope(btc, [{ path: "symbol", min: "1" }])).toMatchObject({ ok: false });
    expect(parseEnvelope(btc, [{ path: MMR0, min: "0.5%" }])).toMatchObject({ ok: false, problems: [{ kind: "notWhole" }] });
    expect(parseEnvelope(btc, [{ path: MMR0, min: "9", max: "1" }])).toMatchObject({ ok: false, problems: [{ kind: "minAboveMax" }] });
    expect(parseEnvelope(btc, [{ path: MMR0 }])).toMatchObject({ ok: false, problems: [{ kind: "empty" }] });
    expect(
      parseEnvelope(btc, [
        { path: MMR0, min: "1" },
        { path: MMR0, max: "2" },
      ]),
    ).toMatchObject({ ok: false });
    expect(parseEnvelope(btc, [{ path: MMR0, min: "1", max: "" }])).toEqual({ ok: true, envelope: { [MMR0]: { min: "1" } } });
  });

  it("MRG-5: the demo envelope contains the launched configuration, and a stored envelope is read defensively", () => {
    const around = envelopeAround(btc, [MMR0, "fees.makerFeeRate", "marginTiers[0].maxLeverage"], 50n, 100n);
    expect(around[MMR0]).toEqual({ min: "2500000", max: "10000000" });
    expect(envelopeBreaches(btc, around)).toEqual([]);
    expect(envelopeOf({ a: { min: "1", max: "x" }, b: "junk", c: { min: 3 } })).toEqual({ a: { min: "1" } });
    expect(envelopeOf(null)).toEqual({});
  });
});
