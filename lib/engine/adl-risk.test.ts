/**
 * DISC-5: the market's ADL risk level (low / elevated / high) from stress coverage and distance to
 * ADL, with thresholds that are engine configuration (spec.adlRisk).
 *
 * Units: BTC-PERP tick 0.1 USD, lot 0.001 BTC, so one tick × one lot = 100 micro-USD.
 */
import { describe, expect, it } from "vitest";
import { adlRiskLevel } from "./adl";
import type { AdlRiskParams } from "./config-types";
import { validateMarketSpec } from "./config-validation";
import { BTC_PERP_INPUT } from "./default-config";
import { adlRisk, type EngineState } from "./index";
import { USD } from "./fixed-point";
import { T1 as t, configWith, fundedAccount, must, newEngine, quotes } from "./test-helpers";

const PCT = 10_000_000n;

const params: AdlRiskParams = {
  stressMove: 20n * PCT,
  elevatedBelowCoverage: 200n * PCT,
  highBelowCoverage: 100n * PCT,
  elevatedBelowDistance: 20n * PCT,
  highBelowDistance: 10n * PCT,
};

describe("DISC-5: ADL risk level rule", () => {
  it("DISC-5: the worse of coverage and distance decides; null figures cross nothing", () => {
    expect(adlRiskLevel(params, null, null)).toEqual({ level: "low", triggers: [] });
    expect(adlRiskLevel(params, 200n * PCT, 20n * PCT)).toEqual({ level: "low", triggers: [] });
    expect(adlRiskLevel(params, 199n * PCT, null)).toEqual({ level: "elevated", triggers: ["coverage_below_elevated"] });
    expect(adlRiskLevel(params, null, 19n * PCT)).toEqual({ level: "elevated", triggers: ["distance_below_elevated"] });
    expect(adlRiskLevel(params, 99n * PCT, 19n * PCT)).toEqual({ level: "high", triggers: ["coverage_below_high", "distance_below_elevated"] });
    expect(adlRiskLevel(params, 150n * PCT, 5n * PCT)).toEqual({ level: "high", triggers: ["coverage_below_elevated", "distance_below_high"] });
  });

  it("DISC-5: thresholds are validated configuration (ordered, positive, within the curve's range)", () => {
    const spec = (patch: Partial<AdlRiskParams> | null) =>
      validateMarketSpec({ ...BTC_PERP_INPUT, adlRisk: patch === null ? undefined : { ...params, ...patch } });
    expect(spec({}).ok).toBe(true);
    const codes = (patch: Partial<AdlRiskParams> | null) => {
      const res = spec(patch);
      return res.ok ? [] : res.errors.map((e) => `${e.path}:${e.code}`);
    };
    expect(codes(null)).toEqual(["adlRisk:INVALID_TYPE"]);
    expect(codes({ highBelowCoverage: 300n * PCT })).toEqual(["adlRisk.highBelowCoverage:THRESHOLDS_NOT_ORDERED"]);
    expect(codes({ highBelowDistance: 20n * PCT })).toEqual(["adlRisk.highBelowDistance:THRESHOLDS_NOT_ORDERED"]);
    expect(codes({ stressMove: 51n * PCT })).toEqual(["adlRisk.stressMove:OUT_OF_RANGE"]);
    expect(codes({ elevatedBelowDistance: 60n * PCT })).toEqual(["adlRisk.elevatedBelowDistance:OUT_OF_RANGE"]);
    expect(codes({ highBelowCoverage: 0n })).toEqual(["adlRisk.highBelowCoverage:OUT_OF_RANGE"]);
  });
});

/**
 * One 1,000 USD short of 100 lots at 60,000 against a deep long, a backstop LP with ample capacity
 * (so only the fund limits ADL) and 500 USD of fund above its 100 USD floor.
 */
function market(): EngineState {
  const s = newEngine(
    configWith((c) => {
      for (const m of c.markets) {
        m.funding.interestRatePerInterval = 0n;
        m.liquidation.insuranceFundFloor = 100n * USD;
      }
    }),
  );
  quotes(s, "BTC-PERP", 600_000, t);
  fundedAccount(s, 1, 100_000_000n, t);
  fundedAccount(s, 2, 100_000n, t);
  must(s, { type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop: { priority: 0, capacity: 1_000_000_000n * USD } });
  must(s, { type: "FundInsurance", nowMs: t, fundingId: "seed", market: "BTC-PERP", amount: 600n * USD });
  must(s, { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 });
  must(s, { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 });
  return s;
}

describe("DISC-5: ADL risk indicator per market", () => {
  it("DISC-5: low while the fund covers twice the stressed shortfall; elevated when coverage falls below 200 %; high below 100 %", () => {
    const s = market();
    // Short's equity: 1,000 USD − 1.20 USD maker fee = 998.80 USD. After +20 % (720,000 ticks) it has
    // lost 120,000 × 100 × 100 µUSD = 1,200 USD: shortfall 201.20 USD; fund available 500 USD → 248 %.
    let risk = adlRisk(s, "BTC-PERP")!;
    expect(risk.fundAvailable).toBe(500n * USD);
    expect(risk.indicator).toMatchObject({
      level: "low",
      triggers: [],
      stressShortfall: 201_200_000n,
      coveragePpb: (500n * USD * 1_000_000_000n) / 201_200_000n,
    });
    // ADL needs shortfall > 500 USD: a loss of more than 1,498.80 USD, above 749,880 ticks (+24.98 %).
    expect(risk.up?.price).toBe(749_881);
    expect(risk.indicator!.distancePpb).toBe(((749_881n - 600_000n) * 1_000_000_000n) / 600_000n);

    // Mark +2 %: the stressed price is 734,400 ticks, shortfall 345.20 USD → coverage 144.8 %: elevated.
    quotes(s, "BTC-PERP", 612_000, t + 1);
    risk = adlRisk(s, "BTC-PERP")!;
    expect(risk.indicator).toMatchObject({ level: "elevated", triggers: ["coverage_below_elevated"], stressShortfall: 345_200_000n });
    expect(risk.indicator!.coveragePpb).toBe((500n * USD * 1_000_000_000n) / 345_200_000n);

    // Mark +5 %: shortfall after +20 % exceeds the fund (coverage < 100 %) and ADL is < 20 % away: high.
    quotes(s, "BTC-PERP", 630_000, t + 2);
    risk = adlRisk(s, "BTC-PERP")!;
    expect(risk.indicator!.level).toBe("high");
    expect(risk.indicator!.triggers).toEqual(["coverage_below_high", "distance_below_elevated"]);
    expect(risk.indicator!.coveragePpb! < 1_000_000_000n).toBe(true);
  });

  it("DISC-5: the thresholds are the market's configuration: changing them at runtime changes the level", () => {
    const s = market();
    quotes(s, "BTC-PERP", 612_000, t + 1);
    expect(adlRisk(s, "BTC-PERP")!.indicator!.level).toBe("elevated");
    must(s, {
      type: "UpdateMarketParameters",
      nowMs: t + 2,
      market: "BTC-PERP",
      changes: [{ path: "adlRisk.elevatedBelowCoverage", value: 140n * PCT }],
      reason: "Recalibrated after the quarterly ADL backtest",
    });
    const risk = adlRisk(s, "BTC-PERP")!;
    expect(risk.indicator).toMatchObject({ level: "low", thresholds: { elevatedBelowCoverage: 140n * PCT } });
  });

  it("DISC-5: no indicator before the market has a mark price", () => {
    const s = newEngine(configWith());
    expect(adlRisk(s, "BTC-PERP")!.indicator).toBeNull();
  });
});
