import type { LiquidationCloseOut } from "./engine/index";

/**
 * The liquidation rule as the public pages state it (LIQ-1), read from the markets' configuration
 * (`liquidation.closeOut`, absent = partial) so the methodology page, the default-management steps
 * and the risk disclosure say what the engine does. Client-safe.
 */
export type LiquidationRuleSummary = LiquidationCloseOut | "mixed";

interface WithLiquidation {
  liquidation: { closeOut?: string };
}

/** A market's rule as the engine reads it (config-types `closeOutOf`): "full" only when configured so. */
export function liquidationRuleOf(market: WithLiquidation): LiquidationCloseOut {
  return market.liquidation.closeOut === "full" ? "full" : "partial";
}

/** One rule when every market runs it, "mixed" otherwise (and "full", the default, for no market). */
export function liquidationRuleSummary(markets: readonly WithLiquidation[]): LiquidationRuleSummary {
  const rules = new Set(markets.map(liquidationRuleOf));
  if (rules.size > 1) return "mixed";
  return rules.values().next().value ?? "full";
}
