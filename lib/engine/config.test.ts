import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ConfigError, MarketSpecInput } from "./config-types";
import { MAX_FUNDING_INTERVAL_MS, validateEngineConfig, validateMarketSpec } from "./config-validation";
import { BTC_PERP, BTC_PERP_INPUT, DEFAULT_ENGINE_CONFIG, DEFAULT_ENGINE_CONFIG_INPUT, DEFAULT_MARKETS, ETH_PERP } from "./default-config";
import { MARKET_PARAMETER_DOCS } from "./parameter-docs";
import { RATE_ONE, pct, usd } from "./fixed-point";

const HOUR = 3_600_000;

function errorsOf(raw: unknown): ConfigError[] {
  const res = validateMarketSpec(raw);
  return res.ok ? [] : res.errors;
}
function withFunding(f: Partial<MarketSpecInput["funding"]>): MarketSpecInput {
  return { ...BTC_PERP_INPUT, funding: { ...BTC_PERP_INPUT.funding, ...f } };
}
function withIndex(x: Partial<MarketSpecInput["index"]>): MarketSpecInput {
  return { ...BTC_PERP_INPUT, index: { ...BTC_PERP_INPUT.index, ...x } };
}

describe("default market specs", () => {
  it("BTC-PERP and ETH-PERP validate", () => {
    expect(validateMarketSpec(BTC_PERP_INPUT).ok).toBe(true);
    expect(DEFAULT_MARKETS.map((m) => m.symbol)).toEqual(["BTC-PERP", "ETH-PERP"]);
  });

  it("derives tickLotValue: BTC 0.1 × 0.001 = ETH 0.01 × 0.01 = 0.0001 USD = 100 micro-USD", () => {
    expect(BTC_PERP.tickLotValue).toBe(100n);
    expect(ETH_PERP.tickLotValue).toBe(100n);
  });

  it("derives max leverage (tier 1) and IMR = 1/max leverage (50x → 2 %, 40x → 2.5 %)", () => {
    expect(BTC_PERP.maxLeverage).toBe(50);
    expect(BTC_PERP.marginTiers[0].initialMarginRate).toBe(pct("2"));
    expect(ETH_PERP.maxLeverage).toBe(40);
    expect(ETH_PERP.marginTiers[0].initialMarginRate).toBe(pct("2.5"));
    // 3x: ⌈1e9 / 3⌉ = 333,333,334 ppb (rounded up: IM is a requirement on the client)
    expect(BTC_PERP.marginTiers[5].initialMarginRate).toBe(333_333_334n);
  });

  it("derives tier caps from the next floor, the last from the position limit", () => {
    expect(BTC_PERP.marginTiers.map((t) => t.capNotional)).toEqual(
      [50_000, 250_000, 1_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000].map((n) => usd(n)),
    );
  });

  it("derives funding cap = 0.75 × tier-1 MMR (BTC 0.75 × 0.5 % = 0.375 %) and impact notional = 200 USD × 50 = 10,000 USD", () => {
    expect(BTC_PERP.funding.capRate).toBe(pct("0.375"));
    expect(BTC_PERP.funding.impactNotional).toBe(usd(10_000));
    expect(ETH_PERP.funding.capRate).toBe(pct("0.4875")); // 0.75 × 0.65 %
    expect(ETH_PERP.funding.impactNotional).toBe(usd(8_000)); // 200 × 40
  });

  it("defaults: 8 h funding, 5 s samples (5,760 per interval), I = 0.01 %, clamp ±0.05 %", () => {
    expect(BTC_PERP.funding.intervalMs).toBe(8 * HOUR);
    expect(BTC_PERP.funding.intervalMs / BTC_PERP.funding.sampleEveryMs).toBe(5_760);
    expect(BTC_PERP.funding.interestRatePerInterval).toBe(100_000n);
    expect(BTC_PERP.funding.premiumClampBand).toBe(500_000n);
  });

  it("DISC-1: config is plain data (no functions or class instances) and survives structuredClone", () => {
    const check = (v: unknown, path: string): void => {
      if (v === null || ["string", "number", "bigint", "boolean"].includes(typeof v)) return;
      if (typeof v === "function" || typeof v === "symbol" || v === undefined) throw new Error(`non-data at ${path}`);
      const proto = Object.getPrototypeOf(v);
      expect(proto === Object.prototype || proto === Array.prototype, `plain object at ${path}`).toBe(true);
      for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`);
    };
    check(DEFAULT_ENGINE_CONFIG, "config");
    expect(structuredClone(DEFAULT_ENGINE_CONFIG)).toEqual(DEFAULT_ENGINE_CONFIG);
  });

  it("validation returns a fresh spec: mutating the input afterwards does not change it", () => {
    const input = structuredClone(BTC_PERP_INPUT);
    const res = validateMarketSpec(input);
    if (!res.ok) throw new Error("expected ok");
    input.index.sources[0].weight = 99;
    input.marginTiers[0].maxLeverage = 1;
    expect(res.spec.index.sources[0].weight).toBe(2);
    expect(res.spec.marginTiers[0].maxLeverage).toBe(50);
  });

  it("DISC-1: every documented parameter path exists in the resolved spec", () => {
    const get = (obj: unknown, path: string): unknown =>
      path.split(".").reduce<unknown>((o, k) => {
        if (o === undefined || o === null) return undefined;
        if (k.endsWith("[]")) return (o as Record<string, unknown[]>)[k.slice(0, -2)]?.[0];
        return (o as Record<string, unknown>)[k];
      }, obj);
    for (const path of Object.keys(MARKET_PARAMETER_DOCS)) {
      expect(get(BTC_PERP, path), path).not.toBeUndefined();
    }
  });

  it("DISC-1: every parameter of the resolved spec is documented (on itself or its parent object)", () => {
    const leaves: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x) => walk(x, `${path}[]`));
      else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      else leaves.push(path);
    };
    for (const m of [BTC_PERP, ETH_PERP]) walk(m, "");
    const documented = (p: string): boolean => p in MARKET_PARAMETER_DOCS || (p.includes(".") && documented(p.slice(0, p.lastIndexOf("."))));
    expect([...new Set(leaves)].filter((p) => !documented(p))).toEqual([]);
  });
});

describe("MRG-3: funding must trigger at least daily", () => {
  it("MRG-3: a 36 h funding interval is rejected", () => {
    expect(errorsOf(withFunding({ intervalMs: 36 * HOUR }))).toContainEqual(
      expect.objectContaining({ path: "funding.intervalMs", code: "FUNDING_INTERVAL_TOO_LONG" }),
    );
  });
  it("MRG-3: exactly 24 h is accepted; 24 h + 1 ms is rejected", () => {
    expect(validateMarketSpec(withFunding({ intervalMs: MAX_FUNDING_INTERVAL_MS })).ok).toBe(true);
    expect(errorsOf(withFunding({ intervalMs: MAX_FUNDING_INTERVAL_MS + 1 }))[0]?.code).toBe("FUNDING_INTERVAL_TOO_LONG");
  });
  it("MRG-3: zero, negative and fractional intervals are rejected", () => {
    expect(errorsOf(withFunding({ intervalMs: 0 }))[0]?.code).toBe("FUNDING_INTERVAL_NOT_POSITIVE");
    expect(errorsOf(withFunding({ intervalMs: -HOUR }))[0]?.code).toBe("FUNDING_INTERVAL_NOT_POSITIVE");
    expect(errorsOf(withFunding({ intervalMs: 1.5 }))[0]?.code).toBe("INVALID_TYPE");
  });
  it("MRG-3 (property): any interval in (0, 24 h] that the sample period divides is accepted; above 24 h never", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 * 60 }), (minutes) => {
        const ok = validateMarketSpec(withFunding({ intervalMs: minutes * 60_000, sampleEveryMs: 60_000 })).ok;
        expect(ok).toBe(minutes <= 24 * 60);
      }),
    );
  });
  it("sample period must divide the interval", () => {
    expect(errorsOf(withFunding({ sampleEveryMs: 7_000 }))[0]?.code).toBe("SAMPLE_PERIOD_INVALID");
  });
  it("funding cap must be ≥ |interest|: a 0.005 % fixed cap with 0.01 % interest is rejected", () => {
    expect(errorsOf(withFunding({ cap: { kind: "FIXED", rate: pct("0.005") } }))[0]?.code).toBe("FUNDING_CAP_INVALID");
  });
});

describe("MRG-1: tier table validation", () => {
  const tiers = BTC_PERP_INPUT.marginTiers;
  it("MRG-1: IM must exceed MM: 50x (IMR 2 %) with MMR 2 % is rejected", () => {
    const bad = [{ ...tiers[0], maintenanceMarginRate: pct("2") }, ...tiers.slice(1)];
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: bad })).toContainEqual(
      expect.objectContaining({ path: "marginTiers[0].maintenanceMarginRate", code: "IM_NOT_ABOVE_MM" }),
    );
  });
  it("MRG-1: MM must be > 0", () => {
    const bad = [{ ...tiers[0], maintenanceMarginRate: 0n }, ...tiers.slice(1)];
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: bad }).map((e) => e.code)).toContain("MM_NOT_POSITIVE");
  });
  it("MRG-1: IM rates must not decrease as tiers rise (max leverage may not increase)", () => {
    const bad = tiers.map((t, i) => (i === 2 ? { ...t, maxLeverage: 30 } : t));
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: bad })).toContainEqual(
      expect.objectContaining({ path: "marginTiers[2].maxLeverage", code: "IM_RATE_DECREASING" }),
    );
  });
  it("MMR may not decrease (it would make the maintenance amount negative)", () => {
    const bad = tiers.map((t, i) => (i === 3 ? { ...t, maintenanceMarginRate: pct("1") } : t));
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: bad }).map((e) => e.code)).toContain("MM_RATE_DECREASING");
  });
  it("floors must start at 0 and strictly increase", () => {
    const first = [{ ...tiers[0], floorNotional: usd(1) }, ...tiers.slice(1)];
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: first }).map((e) => e.code)).toContain("FIRST_FLOOR_NOT_ZERO");
    const dup = tiers.map((t, i) => (i === 2 ? { ...t, floorNotional: tiers[1].floorNotional } : t));
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: dup }).map((e) => e.code)).toContain("FLOOR_NOT_INCREASING");
  });
  it("an empty tier table is rejected", () => {
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: [] })[0]?.code).toBe("NO_TIERS");
  });
  it("maintenance amount must be exact: floor 0.000001 USD × ΔMMR 0.5 % is not a whole micro-USD", () => {
    const bad = [tiers[0], { ...tiers[1], floorNotional: 1n }, ...tiers.slice(2)];
    expect(errorsOf({ ...BTC_PERP_INPUT, marginTiers: bad }).map((e) => e.code)).toContain("MAINTENANCE_AMOUNT_NOT_EXACT");
  });
  it("position limit must exceed the last floor", () => {
    expect(errorsOf({ ...BTC_PERP_INPUT, maxPositionNotional: usd(20_000_000) })[0]?.code).toBe("POSITION_LIMIT_BELOW_LAST_FLOOR");
  });
});

describe("sizes, index, fees", () => {
  it("tickLotValue must be integral: tick 0.001 × lot 0.0001 = 1e-7 USD is rejected", () => {
    expect(errorsOf({ ...BTC_PERP_INPUT, tickSize: "0.001", lotSize: "0.0001" })[0]?.code).toBe("TICK_LOT_VALUE_NOT_INTEGRAL");
  });
  it("sizes must be positive decimals and limits positive integers within int32", () => {
    expect(errorsOf({ ...BTC_PERP_INPUT, tickSize: "0" })[0]?.code).toBe("NOT_POSITIVE");
    expect(errorsOf({ ...BTC_PERP_INPUT, lotSize: "1e-3" })[0]?.code).toBe("INVALID_DECIMAL");
    expect(errorsOf({ ...BTC_PERP_INPUT, minSizeLots: 0 })[0]?.code).toBe("NOT_POSITIVE");
    expect(errorsOf({ ...BTC_PERP_INPUT, maxPriceTicks: 2 ** 31 })[0]?.code).toBe("OUT_OF_RANGE");
    expect(errorsOf({ ...BTC_PERP_INPUT, maxOrderLots: 0.5 })[0]?.code).toBe("INVALID_TYPE");
  });
  it("at least 3 index sources are required", () => {
    expect(errorsOf(withIndex({ sources: BTC_PERP_INPUT.index.sources.slice(0, 2), minValidSources: 2 }))).toContainEqual(
      expect.objectContaining({ path: "index.sources", code: "TOO_FEW_INDEX_SOURCES" }),
    );
  });
  it("index source weights must be positive integers and ids unique", () => {
    const s = BTC_PERP_INPUT.index.sources;
    expect(errorsOf(withIndex({ sources: [{ ...s[0], weight: 0 }, ...s.slice(1)] }))).toContainEqual(
      expect.objectContaining({ path: "index.sources[0].weight", code: "WEIGHT_NOT_POSITIVE" }),
    );
    expect(errorsOf(withIndex({ sources: [...s, { ...s[0] }] })).map((e) => e.code)).toContain("DUPLICATE_ID");
  });
  it("index mode, band and minimum sources are checked", () => {
    expect(errorsOf(withIndex({ outlierMode: "drop" as never }))[0]?.code).toBe("UNKNOWN_ENUM");
    expect(errorsOf(withIndex({ bandRate: 0n }))[0]?.code).toBe("OUT_OF_RANGE");
    expect(errorsOf(withIndex({ minValidSources: 6 }))[0]?.path).toBe("index.minValidSources");
  });
  it("maker fee may be a rebate only up to the taker fee", () => {
    expect(validateMarketSpec({ ...BTC_PERP_INPUT, fees: { makerFeeRate: -pct("0.05"), takerFeeRate: pct("0.05") } }).ok).toBe(true);
    expect(errorsOf({ ...BTC_PERP_INPUT, fees: { makerFeeRate: -pct("0.06"), takerFeeRate: pct("0.05") } })[0]?.code).toBe("FEE_INVALID");
    expect(errorsOf({ ...BTC_PERP_INPUT, fees: { makerFeeRate: 0n, takerFeeRate: -1n } })[0]?.code).toBe("FEE_INVALID");
  });
  it("backstop trigger must be a fraction in (0, 1]", () => {
    const liq = { ...BTC_PERP_INPUT.liquidation, backstopEquityBelowMaintenance: { numerator: 3, denominator: 2 } };
    expect(errorsOf({ ...BTC_PERP_INPUT, liquidation: liq })[0]?.path).toBe("liquidation.backstopEquityBelowMaintenance");
  });
  it("garbage input never throws; it returns errors", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const res = validateMarketSpec(x);
        expect(res.ok).toBe(false);
      }),
    );
    expect(errorsOf(null)[0]?.code).toBe("INVALID_TYPE");
  });
  it("collects every error rather than stopping at the first", () => {
    const errs = errorsOf({ ...withFunding({ intervalMs: 36 * HOUR }), tickSize: "0.001", lotSize: "0.0001" });
    expect(errs.map((e) => e.code)).toEqual(expect.arrayContaining(["FUNDING_INTERVAL_TOO_LONG", "TICK_LOT_VALUE_NOT_INTEGRAL"]));
  });
});

describe("validateEngineConfig: markets + collateral registry + platform", () => {
  it("the default engine config validates", () => {
    const res = validateEngineConfig(DEFAULT_ENGINE_CONFIG_INPUT);
    expect(res.ok).toBe(true);
    expect(DEFAULT_ENGINE_CONFIG.markets.map((m) => m.symbol)).toEqual(["BTC-PERP", "ETH-PERP"]);
    expect(DEFAULT_ENGINE_CONFIG.platform.formulaVersion).toMatch(/\S/);
  });
  it("prefixes market error paths and rejects duplicate symbols", () => {
    const res = validateEngineConfig({
      ...DEFAULT_ENGINE_CONFIG_INPUT,
      markets: [BTC_PERP_INPUT, withFunding({ intervalMs: 36 * HOUR }), BTC_PERP_INPUT],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toContainEqual(expect.objectContaining({ path: "markets[1].funding.intervalMs", code: "FUNDING_INTERVAL_TOO_LONG" }));
    expect(res.errors).toContainEqual(expect.objectContaining({ path: "markets[2].symbol", code: "DUPLICATE_ID" }));
  });
  it("COL-1: a registry listing USDT is rejected at config load", () => {
    const usdt = { ...DEFAULT_ENGINE_CONFIG_INPUT.collateral[0], assetId: "USDT", name: "Tether" };
    const res = validateEngineConfig({ ...DEFAULT_ENGINE_CONFIG_INPUT, collateral: [...DEFAULT_ENGINE_CONFIG_INPUT.collateral, usdt] });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors).toContainEqual(expect.objectContaining({ code: "COLLATERAL_INELIGIBLE_ASSET" }));
  });
  it("platform params are checked", () => {
    const res = validateEngineConfig({ ...DEFAULT_ENGINE_CONFIG_INPUT, platform: { ...DEFAULT_ENGINE_CONFIG_INPUT.platform, formulaVersion: "" } });
    expect(res.ok).toBe(false);
  });
  it("rates in the defaults are all below 100 %", () => {
    for (const m of DEFAULT_ENGINE_CONFIG.markets) {
      for (const t of m.marginTiers) expect(t.initialMarginRate <= RATE_ONE).toBe(true);
    }
  });
});
