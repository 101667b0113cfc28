import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applyMarketParameterChanges,
  canonicalJson,
  DEFAULT_ENGINE_CONFIG_INPUT,
  marketSpecInputOf,
  validateEngineConfig,
  type EngineConfigInput,
  type MarketSpec,
} from "@/lib/engine/index";
import { sha256Hex } from "./sha256";
import { marketParameterHash, runStressSuite, StressSuiteError, STRESS_SCENARIO_IDS, type StressSuiteResult } from "./stress-suite";

const BTC = "BTC-PERP";
const SEED = 42;

function specOf(symbol: string): MarketSpec {
  const v = validateEngineConfig(DEFAULT_ENGINE_CONFIG_INPUT);
  if (!v.ok) throw new Error("default config invalid");
  return v.config.markets.find((m) => m.symbol === symbol)!;
}

/** BTC-PERP with every tier's maintenance margin rate cut to a fifth: liquidation comes later, nearer bankruptcy. */
function weakenedConfig(): EngineConfigInput {
  const mm = [1_000_000n, 2_000_000n, 3_000_000n, 5_000_000n, 10_000_000n, 20_000_000n, 30_000_000n];
  const r = applyMarketParameterChanges(
    specOf(BTC),
    mm.map((value, i) => ({ path: `marginTiers[${i}].maintenanceMarginRate`, value })),
  );
  if (!r.ok) throw new Error(r.message);
  return { ...DEFAULT_ENGINE_CONFIG_INPUT, markets: DEFAULT_ENGINE_CONFIG_INPUT.markets.map((m) => (m.symbol === BTC ? marketSpecInputOf(r.spec) : m)) };
}

const scenario = (r: StressSuiteResult, id: (typeof STRESS_SCENARIO_IDS)[number]) => r.scenarios.find((s) => s.id === id)!;

describe("sha256Hex", () => {
  it("matches node:crypto on ASCII, multi-byte text and block boundaries", () => {
    for (const text of ["", "abc", "价格 — 標記價格 ✓ 𝔘", "a".repeat(55), "b".repeat(56), "c".repeat(64), "d".repeat(1000)]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });
});

describe("standard stress suite", () => {
  let inForce: StressSuiteResult;
  beforeAll(() => {
    inForce = runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: BTC, seed: SEED });
  }, 60_000);

  it("MRG-5/DISC-1: names the parameters it ran against with SHA-256 of the market's canonical input, and lists the four scenarios", () => {
    expect(inForce.parameterHash).toBe(
      createHash("sha256")
        .update(canonicalJson(marketSpecInputOf(specOf(BTC))))
        .digest("hex"),
    );
    expect(inForce.parameterHash).toBe(marketParameterHash(specOf(BTC)));
    expect(inForce.scenarios.map((s) => s.id)).toEqual([...STRESS_SCENARIO_IDS]);
    for (const s of inForce.scenarios) expect(s.description.length).toBeGreaterThan(20);
  });

  it("MRG-5: deterministic — the same seed and parameters give the same result, to the last field", () => {
    const again = runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: BTC, seed: SEED });
    expect(canonicalJson(again)).toBe(canonicalJson(inForce));
  }, 60_000);

  it("DISC-1: a manipulated single source moves the index by no more than the outlier band allows; the index is never held", () => {
    const s = scenario(inForce, "single_source_manipulation");
    expect(s.venues).toEqual(["hashkey"]);
    // The source prints +50 %; clamped to the band (1 %) around the median and weighted 2 of 8, it
    // cannot pull the mark away from the index by more than the band.
    expect(s.maxMarkIndexDivergencePpb).toBeLessThanOrEqual(Number(specOf(BTC).index.bandRate));
    expect(s.maxMarkMovePpb).toBeLessThan(Number(specOf(BTC).index.bandRate));
    expect(s.indexHeldTicks).toBe(0);
    expect(s.liquidations).toBe(0);
  });

  it("DISC-1: an outage of enough sources holds the index (mark and liquidations pause) rather than running on too few", () => {
    const s = scenario(inForce, "venue_outage");
    expect(s.venues).toHaveLength(3);
    expect(s.indexHeldTicks).toBeGreaterThan(0);
    expect(s.liquidations).toBe(0);
  });

  it("DISC-1: a stablecoin depeg on the minority of the index weight stays within the band", () => {
    const s = scenario(inForce, "stablecoin_depeg");
    expect(s.venues).toEqual(["bitstamp", "kraken"]);
    expect(s.maxMarkIndexDivergencePpb).toBeLessThanOrEqual(Number(specOf(BTC).index.bandRate));
    expect(s.maxMarkMovePpb).toBeLessThan(2 * Number(specOf(BTC).index.bandRate));
    expect(s.indexHeldTicks).toBe(0);
  });

  it("LIQ-1: the flash crash moves the mark by about the drop and liquidates leveraged accounts under the parameters in force", () => {
    const s = scenario(inForce, "flash_crash");
    expect(s.maxMarkMovePpb).toBeGreaterThan(150_000_000);
    expect(s.liquidations).toBeGreaterThan(0);
    expect(s.liquidatedNotional).toBeGreaterThan(0n);
    expect(s.backstopUsed).toBeLessThanOrEqual(s.liquidatedNotional);
  });

  it("MRG-5/LIQ-1: a proposal that weakens protection (maintenance margin cut to a fifth) shows a larger insurance-fund draw in the flash crash", () => {
    const weak = runStressSuite({ configInput: weakenedConfig(), market: BTC, seed: SEED });
    expect(weak.parameterHash).not.toBe(inForce.parameterHash);
    expect(scenario(weak, "flash_crash").insuranceFundDraw).toBeGreaterThan(scenario(inForce, "flash_crash").insuranceFundDraw);
  }, 60_000);

  it("MRG-5: refuses an unknown market, a bad seed and an invalid configuration with the reason", () => {
    expect(() => runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: "DOGE-PERP", seed: 1 })).toThrow(/DOGE-PERP is not in the configuration/);
    expect(() => runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: BTC, seed: -1 })).toThrow(StressSuiteError);
    expect(() => runStressSuite({ configInput: DEFAULT_ENGINE_CONFIG_INPUT, market: BTC, seed: 1.5 })).toThrow(/seed/);
    const bad = { ...DEFAULT_ENGINE_CONFIG_INPUT, markets: [] } as EngineConfigInput;
    expect(() => runStressSuite({ configInput: bad, market: BTC, seed: 1 })).toThrow(/invalid engine configuration/);
  });
});
