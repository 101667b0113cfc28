import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { requireTradingAccount, submitForClient } from "@/lib/services/trading/internal";
import type { ExplainedRejection } from "@/lib/services/trading/rejections";
import { orderTicketSchema, type OrderTicket, type OrderTicketInput } from "@/lib/services/trading/schemas";
import { tradingVenue } from "@/lib/services/trading/venue";
import { PerpsAccessRefused } from "@/lib/services/suitability/entitlement";
import { requireOrderEntitlement } from "@/lib/services/trading/order-entitlement";
import { noticeOrderPlaced } from "@/lib/services/users/client-notices";
import { requireAuthorisedTrader } from "@/lib/services/suitability/corporate-pi";

export type OrderOutcome =
  | {
      status: "accepted";
      orderId: number;
      ticket: OrderTicket;
      /** Lots accepted (a reduce-only order is clipped to the position), filled now, resting, and cancelled (an unfilled market remainder). */
      acceptedLots: number;
      filledLots: number;
      restingLots: number;
      cancelledLots: number;
      /** Lowest and highest fill price, ticks (null when nothing filled). */
      fillPrices: { low: number; high: number } | null;
      units: MarketUnits;
    }
  | { status: "rejected"; orderId: number; ticket: OrderTicket; rejection: ExplainedRejection; units: MarketUnits };

/** The market's units, so the caller can show ticks and lots as USD and base-asset amounts. */
export interface MarketUnits {
  tickSize: string;
  lotSize: string;
  baseAsset: string;
}

/**
 * Place an order for the signed-in client: the ticket is validated and converted to ticks and lots
 * exactly, the instruction is audited, then the engine runs its pre-trade check (COL-2) and matches.
 * A refusal comes back with the check that failed, explained. Before any of that, the suitability
 * gate refuses clients who may not trade, or may only reduce.
 */
export async function placeOrder({ ctx, input }: { ctx: ServiceContext; input: OrderTicketInput & { traderId?: string } }): Promise<OrderOutcome> {
  const actor = authorize(ctx, "portal.trade");
  const venue = await tradingVenue();
  const ticket = orderTicketSchema(venue.state.config.markets).parse(input);
  const spec = venue.state.config.markets.find((market) => market.symbol === ticket.market)!;
  const units = { tickSize: spec.tickSize, lotSize: spec.lotSize, baseAsset: spec.baseAsset };
  const { engineAccountId } = await requireTradingAccount(ctx, actor);
  let placedBy: Awaited<ReturnType<typeof requireAuthorisedTrader>> = null;
  try {
    await requireOrderEntitlement(ctx, actor.userId, ticket, venue, engineAccountId);
    // SUIT-4: a corporate client's order names an authorised trader whose derivative knowledge an officer assessed.
    placedBy = await requireAuthorisedTrader(ctx, actor.userId, input);
  } catch (error) {
    // A refused instruction is still an instruction the client gave: it is on the record (REC-1).
    if (error instanceof PerpsAccessRefused)
      await withTransaction(ctx, (tx) =>
        recordAudit(tx, ctx, {
          action: "trading.order_refused",
          entity: "TradingAccount",
          entityId: String(engineAccountId),
          after: { ...ticket, code: error.code },
          reason: error.message,
        }),
      );
    throw error;
  }
  const orderId = venue.allocateOrderId();
  const command = {
    type: "PlaceOrder" as const,
    nowMs: 0,
    accountId: engineAccountId,
    orderId,
    market: ticket.market,
    side: ticket.side,
    orderType: ticket.orderType,
    size: ticket.size,
    reduceOnly: ticket.reduceOnly,
    ...(ticket.orderType === "limit" ? { price: ticket.price, tif: "GTC" as const } : {}),
  };
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "trading.order_place", entity: "EngineOrder", entityId: String(orderId), after: { engineAccountId, ...ticket, placedBy } }),
  );
  const submitted = await submitForClient(ctx, venue, command, { entity: "EngineOrder", entityId: String(orderId) });
  if (!submitted.accepted) return { status: "rejected", orderId, ticket, rejection: submitted.rejection, units };
  await noticeOrderPlaced(ctx, actor.userId, { engineAccountId, orderId, ...ticket, units }); // SEC-2

  let acceptedLots = 0;
  let filledLots = 0;
  let cancelledLots = 0;
  let fillPrices: { low: number; high: number } | null = null;
  for (const event of submitted.events) {
    if (event.type === "OrderAccepted" && event.orderId === orderId) acceptedLots = event.size;
    else if (event.type === "Trade" && event.takerOrderId === orderId) {
      filledLots += event.size;
      fillPrices = fillPrices
        ? { low: Math.min(fillPrices.low, event.price), high: Math.max(fillPrices.high, event.price) }
        : { low: event.price, high: event.price };
    } else if (event.type === "OrderClosed" && event.orderId === orderId) cancelledLots += event.cancelledSize;
  }
  return {
    status: "accepted",
    orderId,
    ticket,
    acceptedLots,
    filledLots,
    restingLots: acceptedLots - filledLots - cancelledLots,
    cancelledLots,
    fillPrices,
    units,
  };
}
