import { describe, expect, it } from "vitest";
import { formatParameterValue } from "./parameter-format";

const btc = { tickSize: "0.1", lotSize: "0.001", baseAsset: "BTC" };

describe("published parameter values read exactly by unit (DISC-1)", () => {
  it("DISC-1: rates, money, durations, instants, leverage, lots and ticks", () => {
    expect(formatParameterValue("5000000", "ppb", "marginTiers[0].maintenanceMarginRate")).toBe("0.5%");
    expect(formatParameterValue("100", "micro-USD", "tickLotValue")).toBe("0.0001 USD");
    expect(formatParameterValue("250000000", "micro-USD", "marginTiers[1].maintenanceAmount")).toBe("250.00 USD");
    expect(formatParameterValue(28_800_000, "ms", "funding.intervalMs")).toBe("8 h");
    expect(formatParameterValue(1_767_225_600_000, "ms", "effectiveFromMs")).toBe("2026-01-01 00:00:00 UTC");
    expect(formatParameterValue(null, "ms", "effectiveToMs")).toBe("open-ended");
    expect(formatParameterValue(50, "x (leverage)", "marginTiers[0].maxLeverage")).toBe("50x");
    expect(formatParameterValue(1_000_000, "lots", "maxOrderLots", btc)).toBe("1,000,000 lots (1000.000 BTC)");
    expect(formatParameterValue(1_000_000_000, "ticks", "maxPriceTicks", btc)).toBe("1,000,000,000 ticks (100,000,000.0 USD)");
    expect(formatParameterValue(true, "enum", "illustrative")).toBe("yes");
    expect(formatParameterValue("MMR_MULTIPLE", "enum", "funding.cap.kind")).toBe("a multiple of the tier-1 maintenance margin rate");
  });
});
