import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs, marketFigures, volume24h } from "./figures";

/** GET /api/public/markets — every market with its key figures. */
export async function listMarkets({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  authorizePublic(ctx);
  const engine = await publicEngine();
  const markets = await Promise.all(
    engine.markets.map(async (symbol) => {
      const spec = marketSpec(engine, symbol);
      const figures = marketFigures(engine, symbol);
      const nowMs = engineNowMs(engine, symbol);
      const insurance = (figures?.insuranceFund ?? null) as Record<string, unknown> | null;
      return {
        symbol,
        displayName: spec.displayName,
        baseAsset: spec.baseAsset,
        quoteAsset: spec.quoteAsset,
        tickSize: spec.tickSize,
        lotSize: spec.lotSize,
        tickLotValue: spec.tickLotValue.toString(),
        engineTimeMs: nowMs,
        last: figures?.lastTrade ?? null,
        mark: figures?.mark ?? null,
        index: figures?.index ?? null,
        indexValid: figures?.indexValid ?? null,
        bestBid: figures?.bestBid ?? null,
        bestAsk: figures?.bestAsk ?? null,
        predictedFundingRate: figures?.predictedFunding ?? null,
        lastFundingRate: figures?.lastFundingRate ?? null,
        nextFundingMs: figures?.nextFundingMs ?? null,
        openInterestLots: figures ? { long: figures.openInterestLongLots, short: figures.openInterestShortLots } : null,
        volume24h: await volume24h(ctx.db, spec, nowMs),
        insuranceFundBalance: insurance?.balance ?? null,
      };
    }),
  );
  return plain({ units: UNITS, markets });
}
