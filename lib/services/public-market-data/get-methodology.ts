import "server-only";
import {
  ADL_CURVE_STEP_PCT,
  ADL_MAX_SHOCK_PCT,
  COLLATERAL_FIELD_DOCS,
  initialMargin,
  KNOWN_INELIGIBLE_ASSETS,
  maintenanceMargin,
  maintenanceMarginBracketed,
  MARKET_PARAMETER_DOCS,
  tierFor,
  type MarketSpec,
} from "@/lib/engine/index";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { plain, publicEngine, UNITS } from "./common";
import { configInForce } from "./config-in-force";
import { marketFigures } from "./figures";
import { marketAdl } from "./internal";
import type { BackstopFigures, FundFigures, MarketLiveFigures } from "@/lib/risk-disclosure-types";
import type { Wire } from "@/lib/wire/plain";

/**
 * GET /api/public/methodology — margin, liquidation and default management: per
 * market its margin tiers (with derived IMR and maintenance amounts), liquidation and fee
 * parameters and ADL risk thresholds, plus the live figures of the default-management steps (mark,
 * insurance fund level and available amount above its floor, backstop capacity remaining, distance
 * to ADL and risk level); the eligible-collateral list with haircuts, basis and valuation in force
 * (DISC-10); and the hash of the configuration it was all read from (DISC-1).
 */
export async function getMethodology({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  authorizePublic(ctx);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  const markets = inForce.config.markets
    .filter((spec) => engine.markets.includes(spec.symbol))
    .map((spec) => {
      const figures = marketFigures(engine, spec.symbol);
      const adl = marketAdl(engine, spec.symbol);
      const live: MarketLiveFigures = {
        mark: (figures?.mark as number | undefined) ?? null,
        insuranceFund: (figures?.insuranceFund as FundFigures | undefined) ?? null,
        adl: adl ? { fundAvailable: adl.fundAvailable, backstopCapacity: adl.backstopCapacity, down: adl.down, up: adl.up, indicator: adl.indicator } : null,
      };
      return {
        spec: plain(spec) as Wire<MarketSpec>,
        example: plain(marginExample(spec)) as Wire<ReturnType<typeof marginExample>>,
        live,
      };
    });
  return {
    units: UNITS,
    engineTimeMs: inForce.nowMs,
    configHash: inForce.configHash,
    platform: inForce.config.platform,
    /** MRG-2: the retail spot listing registry in force (null: a configuration written before it, not checked). */
    spotListings: inForce.config.spotListings ?? null,
    adlCurve: { maxShockPct: ADL_MAX_SHOCK_PCT, stepPct: ADL_CURVE_STEP_PCT },
    markets,
    backstop: inForce.backstop ? (plain(inForce.backstop) as BackstopFigures) : null,
    collateral: plain(inForce.collateral) as Wire<typeof inForce.collateral>,
    parameterDocs: MARKET_PARAMETER_DOCS,
    collateralFieldDocs: COLLATERAL_FIELD_DOCS,
    ineligibleExamples: Object.entries(KNOWN_INELIGIBLE_ASSETS).map(([assetId, reason]) => ({ assetId, reason })),
  };
}

/**
 * A worked margin example computed by the engine's own margin functions: a position in the middle
 * of the market's middle tier, so the maintenance amount is visibly at work.
 */
function marginExample(spec: MarketSpec) {
  const tier = spec.marginTiers[Math.floor(spec.marginTiers.length / 2)];
  const notional = (tier.floorNotional + tier.capNotional) / 2n;
  return {
    notional,
    tier: tierFor(spec, notional).tier,
    maintenanceMargin: maintenanceMargin(spec, notional),
    maintenanceMarginBracketed: maintenanceMarginBracketed(spec, notional),
    initialMargin: initialMargin(spec, notional),
  };
}

export type MethodologyAnswer = Awaited<ReturnType<typeof getMethodology>>;
