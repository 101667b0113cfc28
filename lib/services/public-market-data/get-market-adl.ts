import "server-only";
import { ADL_CURVE_STEP_PCT, ADL_MAX_SHOCK_PCT, adlRisk, type AdlDistance } from "@/lib/engine/index";
import { marketSpec, plain, publicEngine, UNITS, type PublicEngine } from "./common";
import { engineNowMs } from "./figures";
import type { Wire } from "@/lib/wire/plain";

/** A market's distance-to-ADL figures: live engine state here, else the latest public stats message. */
export function marketAdl(engine: PublicEngine, symbol: string): Wire<AdlDistance> | null {
  if (engine.state) {
    const risk = adlRisk(engine.state, symbol);
    return risk ? (plain(risk) as Wire<AdlDistance>) : null;
  }
  return (engine.runtime.feed.snapshot(symbol)?.latest.stats?.data.adl ?? null) as Wire<AdlDistance> | null;
}

/**
 * GET /api/public/markets/{symbol}/adl — distance to ADL (DISC-5): the smallest down and up move of
 * the mark at which ADL would be needed, the curve across price shocks (shortfall vs insurance fund
 * available, inventory vs backstop capacity) and the risk level with the thresholds it applied
 * (`adl.indicator.thresholds`, the market's configuration when the figures were computed).
 */
export async function getMarketAdl(symbol: string) {
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  return {
    units: { ...UNITS, moves: "movePpb, coveragePpb and distancePpb: ppb of the mark price / of the shortfall", shockPct: "percent of the mark price" },
    symbol,
    engineTimeMs: engineNowMs(engine, symbol),
    tickSize: spec.tickSize,
    curveRange: { maxShockPct: ADL_MAX_SHOCK_PCT, stepPct: ADL_CURVE_STEP_PCT },
    adl: marketAdl(engine, symbol),
  };
}

export type MarketAdlAnswer = Awaited<ReturnType<typeof getMarketAdl>>;
