import "server-only";
import { orderProtectionView, previewOrder as enginePreview, type EngineState } from "@/lib/engine/index";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { requireTradingAccount } from "@/lib/services/trading/internal";
import { orderTicketSchema, type OrderTicketInput } from "@/lib/services/trading/schemas";
import { tradingVenue } from "@/lib/services/trading/venue";
import type { TradingPriceBand } from "@/lib/wire/portal-trading";

/** The engine's pre-trade estimate for the signed-in client's own account (refusals as the engine words them). */
export type OrderPreviewResult =
  | {
      ok: true;
      market: string;
      units: { tickSize: string; lotSize: string; baseAsset: string };
      estimatedFillLots: number;
      estimatedAveragePrice: number | null;
      worstPrice: number | null;
      restingLots: number;
      cancelledLots: number;
      protectivePrice: number | null;
      band: TradingPriceBand | null;
      fee: bigint;
      marginUsed: bigint;
      freeCollateralAfter: bigint;
      positionAfter: number;
      liquidationPriceAfter: number;
      wouldBeRejected: { code: string; message: string } | null;
    }
  | { ok: false; code: string; message: string };

/** The band a market enforces now, for the ticket and the preview (null: not configured or no mark yet). */
export function priceBandWire(state: EngineState, symbol: string): TradingPriceBand | null {
  const view = orderProtectionView(state, symbol);
  if (!view?.band || view.marketOrderSlippageRate === null || view.marketBuyLimit === null || view.marketSellLimit === null) return null;
  return {
    rate: view.band.rate.toString(),
    low: view.band.low,
    high: view.band.high,
    mark: view.band.mark,
    slippageRate: view.marketOrderSlippageRate.toString(),
    marketBuyLimit: view.marketBuyLimit,
    marketSellLimit: view.marketSellLimit,
  };
}

/**
 * What the order on the ticket would do if sent now, for the client's own engine account only (the
 * account comes from the session, never from the input): estimated fill, margin it uses, free
 * collateral and liquidation price after, and the refusal it would meet (price band, margin). All of
 * it computed by the engine (previewOrder) on the live state, which it does not change; the ticket is
 * validated and converted exactly as placing it would be. A read: nothing is recorded.
 */
export async function previewOrder({ ctx, input }: { ctx: ServiceContext; input: OrderTicketInput }): Promise<OrderPreviewResult> {
  const actor = authorize(ctx, "portal.trade");
  const venue = await tradingVenue();
  const ticket = orderTicketSchema(venue.state.config.markets).parse(input);
  const { engineAccountId } = await requireTradingAccount(ctx, actor);
  // Synchronous from here: one consistent engine state.
  const state = venue.state;
  const spec = state.config.markets.find((market) => market.symbol === ticket.market)!;
  const preview = enginePreview(state, {
    accountId: engineAccountId,
    market: ticket.market,
    side: ticket.side,
    orderType: ticket.orderType,
    size: ticket.size,
    reduceOnly: ticket.reduceOnly,
    ...(ticket.orderType === "limit" ? { price: ticket.price, tif: "GTC" as const } : {}),
  });
  if (!preview.ok) return { ok: false, code: preview.rejection.code, message: preview.rejection.message };
  return {
    ok: true,
    market: preview.market,
    units: { tickSize: spec.tickSize, lotSize: spec.lotSize, baseAsset: spec.baseAsset },
    estimatedFillLots: preview.estimatedFillLots,
    estimatedAveragePrice: preview.estimatedAveragePrice,
    worstPrice: preview.worstPrice,
    restingLots: preview.restingLots,
    cancelledLots: preview.cancelledLots,
    protectivePrice: preview.protectivePrice,
    band: priceBandWire(state, ticket.market),
    fee: preview.fee,
    marginUsed: preview.marginUsed,
    freeCollateralAfter: preview.freeCollateralAfter,
    positionAfter: preview.positionAfter,
    liquidationPriceAfter: preview.liquidationPriceAfter,
    wouldBeRejected: preview.wouldBeRejected ?? null,
  };
}
