import "server-only";
import { backstopView, collateralSchedule, collateralView, configHash, liveConfig, type EngineConfig } from "@/lib/engine/index";
import { db } from "@/lib/db";
import type { Db } from "@/lib/services/context";
import type { PublicEngine } from "./common";
import { engineNowMs } from "./figures";
import { loadParameterRegistry } from "./parameter-registry";

export interface ConfigInForce {
  config: EngineConfig;
  /** canonicalHash of `config`: the engine configuration hash the methodology pages show (DISC-1). */
  configHash: string;
  nowMs: number;
  /** The eligible-collateral list with the valuation in force (null per asset where this process cannot see the engine's state). */
  collateral: ReturnType<typeof collateralView>;
  /** Backstop LPs in aggregate; null where this process cannot see the engine's state (use the ADL figures' remaining capacity). */
  backstop: ReturnType<typeof backstopView> | null;
}

/**
 * The configuration the engine runs, with the collateral list and backstop capacity. In the engine's
 * own process it is read from the live state; a remote web instance folds the journal's
 * configuration events onto the genesis image instead (same result, see parameter-registry.ts).
 */
export async function configInForce(engine: PublicEngine, client?: Db): Promise<ConfigInForce> {
  if (engine.state) {
    const state = engine.state;
    return { config: liveConfig(state), configHash: configHash(state), nowMs: state.now, collateral: collateralView(state), backstop: backstopView(state) };
  }
  const registry = await loadParameterRegistry(client ?? db());
  const nowMs = engineNowMs(engine);
  const breakers = Object.values(registry.breakers).flat() as Parameters<typeof collateralSchedule>[2];
  return {
    config: registry.config,
    configHash: registry.configHash,
    nowMs,
    collateral: { usdPerHkd: null, assets: collateralSchedule(registry.config.collateral, nowMs, breakers).map((row) => ({ ...row, valuation: null })) },
    backstop: null,
  };
}
