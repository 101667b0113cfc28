import { describe, expect, it } from "vitest";
import {
  apply,
  canonicalJson,
  configHash,
  createEngine,
  DEFAULT_ENGINE_CONFIG_INPUT,
  liveConfig,
  parseCanonical,
  snapshot,
  type EngineConfig,
  type EngineEvent,
} from "@/lib/engine/index";
import { buildParameterRegistry } from "./parameter-registry";

const T0 = 1_767_225_600_000 + 86_400_000;

describe("parameter registry fold (DISC-1)", () => {
  it("DISC-1: folding the change events onto the genesis configuration gives the engine's configuration; rows read in the documented order", () => {
    const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
    // The genesis image as the journal stores it (canonical JSON: object keys sorted).
    const genesis = parseCanonical<{ config: EngineConfig }>(canonicalJson({ config: { ...snapshot(engine).config, collateral: snapshot(engine).registry } }));
    const events: EngineEvent[] = [];
    events.push(
      ...apply(engine, {
        type: "UpdateMarketParameters",
        nowMs: T0 + 5,
        market: "ETH-PERP",
        changes: [{ path: "marginTiers[1].maxLeverage", value: 20 }],
        reason: "Thinner books",
      }).events,
    );
    events.push(...apply(engine, { type: "Tick", nowMs: T0 + 6 }).events);
    const registry = buildParameterRegistry({ config: genesis.config, startMs: T0 }, events);
    expect(registry.journalConfigHash).toBe(configHash(engine));
    expect(registry.configHash).toBe(configHash(engine));
    expect(buildParameterRegistry({ config: genesis.config, startMs: T0 }, events, liveConfig(engine)).configHash).toBe(registry.journalConfigHash);
    expect(registry.changeLog).toHaveLength(1);
    expect(registry.changeLog[0].changes).toEqual([
      { path: "marginTiers[1].maxLeverage", previous: 25, next: 20 },
      { path: "marginTiers[1].initialMarginRate", previous: 40_000_000n, next: 50_000_000n },
    ]);
    const eth = registry.rows.filter((row) => row.subject === "ETH-PERP").map((row) => row.path);
    expect(eth.slice(0, 3)).toEqual(["symbol", "displayName", "description"]);
    const tier0 = eth.indexOf("marginTiers[0].tier");
    expect(eth.slice(tier0, tier0 + 7)).toEqual([
      "marginTiers[0].tier",
      "marginTiers[0].floorNotional",
      "marginTiers[0].capNotional",
      "marginTiers[0].maxLeverage",
      "marginTiers[0].initialMarginRate",
      "marginTiers[0].maintenanceMarginRate",
      "marginTiers[0].maintenanceAmount",
    ]);
    expect(eth.indexOf("tickSize")).toBeLessThan(tier0);
    expect(eth.indexOf("fees.takerFeeRate")).toBeGreaterThan(eth.indexOf("liquidation.insuranceFundFloor"));
    const changed = registry.rows.find((row) => row.subject === "ETH-PERP" && row.path === "marginTiers[1].initialMarginRate")!;
    expect(changed).toMatchObject({ value: 50_000_000n, previous: 40_000_000n, effectiveFromMs: T0 + 5, reason: "Thinner books", derived: true });
  });

  it("DISC-1: a change the folded configuration cannot re-apply is an error, not a silent gap", () => {
    const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
    const forged = {
      seq: 1,
      nowMs: T0,
      type: "MarketParametersUpdated",
      market: "BTC-PERP",
      changes: [{ path: "tickSize", previous: "0.1", next: "1" }],
      reason: "forged",
      effectiveFromMs: T0,
    } as EngineEvent;
    expect(() => buildParameterRegistry({ config: liveConfig(engine), startMs: T0 }, [forged])).toThrow(/does not re-apply/);
  });
});
