import "server-only";
import { ADL_CURVE_STEP_PCT, ADL_MAX_SHOCK_PCT } from "@/lib/engine/index";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, publicEngine, UNITS } from "./common";
import { engineNowMs } from "./figures";
import { marketAdl } from "./internal";
import { MarketInput } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/adl — distance to ADL (DISC-5): the smallest down and up move of
 * the mark at which ADL would be needed, the curve across price shocks (shortfall vs insurance fund
 * available, inventory vs backstop capacity) and the risk level with the thresholds it applied
 * (`adl.indicator.thresholds`, the market's configuration when the figures were computed).
 */
export async function getMarketAdl({ ctx, input }: { ctx: ServiceContext; input: MarketInput }) {
  authorizePublic(ctx);
  const { symbol } = MarketInput.parse(input);
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
