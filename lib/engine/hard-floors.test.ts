/**
 * Hard floors (MRG-5): limits every market spec meets whatever else is configured, checked by
 * validateMarketSpec, so a runtime parameter change cannot break them; and the genuine-volume rule
 * for index constituents.
 */
import { describe, expect, it } from "vitest";
import {
  apply,
  configHash,
  DEFAULT_SPOT_LISTINGS,
  liveConfig,
  spotListings,
  stateHash,
  validateEngineConfig,
  validateMarketSpec,
  type EngineState,
} from "./index";
import { HARD_FLOORS } from "./config-types";
import { computeIndex } from "./index-price";
import { marketSpecInputOf } from "./parameters";
import { BTC_PERP } from "./default-config";
import { T1 as t, engineAt, must, newEngine, quietConfig, restoredFromText, SOURCES } from "./test-helpers";
import type { Command, IndexTickEvent } from "./types";

function change(path: string, value: unknown): Command {
  return { type: "UpdateMarketParameters", nowMs: t + 10, market: "BTC-PERP", changes: [{ path, value }], reason: "Risk committee decision RC-2026-09" };
}

/** The change is refused with INVALID_PARAMETER_CHANGE, its message names the floor, and nothing changes. */
function refusedByFloor(s: EngineState, c: Command, floor: string): void {
  const hash = stateHash(s);
  const config = configHash(s);
  const r = apply(s, c);
  expect(r.rejection?.code).toBe("INVALID_PARAMETER_CHANGE");
  expect(r.rejection?.message).toContain("hard floor (MRG-5)");
  expect(r.rejection?.message).toContain(floor);
  expect(r.events).toEqual([]);
  expect([stateHash(s), configHash(s)]).toEqual([hash, config]);
}

describe("hard floors (MRG-5), refused at runtime whatever else is configured", () => {
  it("MRG-5: at least 3 valid index sources: minValidSources may not go below 3 (only upward)", () => {
    const s = engineAt();
    refusedByFloor(s, change("index.minValidSources", 2), "at least 3 valid sources");
    refusedByFloor(s, change("index.minValidSources", 1), "at least 3 valid sources");
    expect(must(s, change("index.minValidSources", 4)).events[0].type).toBe("MarketParametersUpdated");
  });

  it("MRG-5: at least 3 index sources configured: a constituent list of two is refused", () => {
    const s = engineAt();
    const sources = marketSpecInputOf(BTC_PERP).index.sources.slice(0, 2);
    refusedByFloor(s, change("index.sources", sources), "at least 3 independent index sources are required");
  });

  it("MRG-5: margin tier floors strictly increasing", () => {
    const s = engineAt();
    const floor = marketSpecInputOf(BTC_PERP).marginTiers[1].floorNotional;
    refusedByFloor(s, change("marginTiers[2].floorNotional", floor), "margin tier floors must strictly increase");
  });

  it("MRG-5: initial margin above maintenance margin in every tier", () => {
    const s = engineAt();
    // 50x is an IMR of 2 %: an MMR of 2 % is not below it.
    refusedByFloor(s, change("marginTiers[0].maintenanceMarginRate", 20_000_000n), "initial margin must exceed maintenance margin in every tier");
  });

  it("MRG-5: funding at most daily", () => {
    const s = engineAt();
    refusedByFloor(s, change("funding.intervalMs", 48 * 3_600_000), "funding at most daily");
  });

  it("MRG-5: outlier band at most 10 %", () => {
    const s = engineAt();
    refusedByFloor(s, change("index.bandRate", HARD_FLOORS.maxIndexBandRate + 1n), "the outlier band may be at most 10 %");
    refusedByFloor(s, change("index.bandRate", 999_000_000n), "the outlier band may be at most 10 %");
    expect(must(s, change("index.bandRate", HARD_FLOORS.maxIndexBandRate)).events[0].type).toBe("MarketParametersUpdated");
  });

  it("MRG-5: staleness timeout within 1 s … 120 s", () => {
    const s = engineAt();
    refusedByFloor(s, change("index.staleAfterMs", 24 * 3_600_000), "the staleness timeout must be 1 s to 120 s");
    refusedByFloor(s, change("index.staleAfterMs", HARD_FLOORS.maxIndexStaleAfterMs + 1), "the staleness timeout must be 1 s to 120 s");
    refusedByFloor(s, change("index.staleAfterMs", 999), "the staleness timeout must be 1 s to 120 s");
    expect(must(s, change("index.staleAfterMs", HARD_FLOORS.maxIndexStaleAfterMs)).events[0].type).toBe("MarketParametersUpdated");
  });

  it("MRG-5: the floors hold at genesis too (an engine with a one-source index does not start)", () => {
    const input = marketSpecInputOf(BTC_PERP);
    input.index.minValidSources = 1;
    input.index.bandRate = 999_000_000n;
    input.index.staleAfterMs = 86_400_000;
    const res = validateMarketSpec(input);
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.errors.map((e) => [e.path, e.code])).toEqual([
        ["index.bandRate", "HARD_FLOOR"],
        ["index.staleAfterMs", "HARD_FLOOR"],
        ["index.minValidSources", "HARD_FLOOR"],
      ]);
    const cfg = quietConfig();
    cfg.markets[0].index.minValidSources = 2;
    expect(() => newEngine(cfg)).toThrow(/hard floor \(MRG-5\)/);
  });
});

describe("genuine volume of index constituents (MRG-5)", () => {
  const quotes = (nowMs: number, volumes: Array<number | undefined>): Command => ({
    type: "IndexQuotes",
    nowMs,
    market: "BTC-PERP",
    quotes: SOURCES["BTC-PERP"].map((sourceId, i) =>
      volumes[i] === undefined
        ? { sourceId, price: 600_000, timestampMs: nowMs }
        : { sourceId, price: 600_000, timestampMs: nowMs, recentVolumeUsd: volumes[i] },
    ),
  });

  it("MRG-5: a fresh quote below the volume floor, or without a volume, is excluded as low_volume, like a stale one", () => {
    const s = newEngine(quietConfig());
    const floor = BTC_PERP.index.minSourceVolumeUsd!;
    expect(floor).toBe(5_000_000);
    const r = must(s, quotes(t, [floor, floor - 1, undefined, 60_000_000, 80_000_000]));
    const tick = r.events.find((e): e is IndexTickEvent => e.type === "IndexTick")!;
    expect(tick.inputs.map((x) => [x.sourceId, x.status, x.reason ?? null, x.recentVolumeUsd ?? null])).toEqual([
      ["hashkey", "included", null, floor],
      ["osl", "excluded", "low_volume", floor - 1],
      ["coinbase", "excluded", "low_volume", null],
      ["kraken", "included", null, 60_000_000],
      ["bitstamp", "included", null, 80_000_000],
    ]);
    expect(tick.flags).toEqual(["low_volume_sources"]);
    expect([tick.valid, tick.includedCount]).toEqual([true, 3]);
    // One more thin venue and the index holds (fewer than 3 count): liquidations pause.
    const thin = must(s, quotes(t + 1_000, [floor, 1, 1, 1, 80_000_000])).events.find((e): e is IndexTickEvent => e.type === "IndexTick")!;
    expect([thin.valid, thin.held, thin.includedCount]).toEqual([false, true, 2]);
  });

  it("MRG-5: no floor configured (configurations written before it) = volumes ignored, records as before", () => {
    const params = { ...BTC_PERP.index, minSourceVolumeUsd: undefined };
    const plain = SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 600_000, timestampMs: t }));
    const tick = computeIndex(params, BTC_PERP.index.sources, plain, t);
    expect(tick.valid).toBe(true);
    expect(tick.inputs.every((x) => !("recentVolumeUsd" in x) && x.status === "included")).toBe(true);
  });

  it("MRG-5: a negative or fractional volume is refused and changes nothing", () => {
    const s = newEngine(quietConfig());
    for (const v of [-1, 1.5]) {
      const hash = stateHash(s);
      const r = apply(s, quotes(t, [v, 1, 1, 1, 1]));
      expect(r.rejection?.code).toBe("INVALID_COMMAND");
      expect(r.rejection?.message).toContain("recentVolumeUsd");
      expect(stateHash(s)).toBe(hash);
    }
  });
});

describe("the retail spot listing registry (MRG-2)", () => {
  it("MRG-2: a market whose reference asset is not spot-listed fails validation, naming the asset", () => {
    const cfg = quietConfig();
    cfg.spotListings = [{ asset: "BTC", name: "Bitcoin", listedSinceMs: 0 }];
    const res = validateEngineConfig(cfg);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]).toMatchObject({ path: "markets[1].baseAsset", code: "BASE_ASSET_NOT_SPOT_LISTED" });
      expect(res.errors[0].message).toContain("ETH");
      expect(res.errors[0].message).toContain("MRG-2");
    }
    expect(() => newEngine(cfg)).toThrow(/ETH is not in the platform's retail spot listing registry/);
  });

  it("MRG-2: the default configuration lists BTC and ETH and publishes the registry; malformed entries are refused", () => {
    const s = newEngine(quietConfig());
    expect(spotListings(s)?.map((x) => x.asset)).toEqual(["BTC", "ETH"]);
    expect(liveConfig(s).spotListings).toEqual(DEFAULT_SPOT_LISTINGS);
    const bad = quietConfig();
    bad.spotListings = [
      { asset: "BTC", name: "Bitcoin", listedSinceMs: 0 },
      { asset: "BTC", name: "again", listedSinceMs: 0 },
      { asset: "ETH", name: "", listedSinceMs: -1 },
      { asset: "<script>", name: "x", listedSinceMs: 0 },
    ];
    const res = validateEngineConfig(bad);
    expect(res.ok ? [] : res.errors.map((e) => [e.path, e.code])).toEqual([
      ["spotListings[1].asset", "DUPLICATE_ID"],
      ["spotListings[2].name", "INVALID_TYPE"],
      ["spotListings[2].listedSinceMs", "INVALID_TYPE"],
      ["spotListings[3].asset", "INVALID_TYPE"],
    ]);
  });

  it("MRG-2: a configuration written before the registry (absent) is not checked and keeps its hash", () => {
    const cfg = quietConfig();
    delete cfg.spotListings;
    const s = newEngine(cfg);
    expect(spotListings(s)).toBeNull();
    expect("spotListings" in liveConfig(s)).toBe(false);
    expect(stateHash(restoredFromText(s))).toBe(stateHash(s));
  });
});
