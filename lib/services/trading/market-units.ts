import "server-only";
import { DEFAULT_ENGINE_CONFIG, type MarketSpec } from "@/lib/engine/index";
import { currentEngineRuntime } from "@/lib/simulation/runtime";

/** What it takes to show a market's prices and sizes: ticks × tickSize USD, lots × lotSize of the base asset. */
export type MarketUnits = Pick<MarketSpec, "symbol" | "baseAsset" | "tickSize" | "lotSize">;

/**
 * The markets' units, from the live engine when this process hosts it. Otherwise from the default
 * configuration the journal's genesis is made from (lib/simulation/host.ts): tick and lot sizes are fixed
 * for the life of a market (the parameter rules refuse changing them) and markets are only ever those of
 * genesis, so those figures are the ones every recorded price and size was written in. History needs
 * no running engine.
 */
export async function marketUnits(): Promise<MarketUnits[]> {
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  const markets = runtime?.host?.state.config.markets ?? DEFAULT_ENGINE_CONFIG.markets;
  return markets.map(({ symbol, baseAsset, tickSize, lotSize }) => ({ symbol, baseAsset, tickSize, lotSize }));
}
