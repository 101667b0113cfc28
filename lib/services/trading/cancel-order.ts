import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { requireTradingAccount, submitForClient } from "@/lib/services/trading/internal";
import { explainRejection, type ExplainedRejection } from "@/lib/services/trading/rejections";
import { CancelOrderInput } from "@/lib/services/trading/schemas";
import { tradingVenue } from "@/lib/services/trading/venue";
import { noticeOrderCancelled } from "@/lib/services/users/client-notices";

export type CancelOutcome =
  | { status: "cancelled"; orderId: number; cancelledLots: number }
  | { status: "rejected"; orderId: number; rejection: ExplainedRejection };

/**
 * Cancel one of the client's resting orders. The engine checks the order is resting and is theirs;
 * the client hears the same refusal whether the id rests for another account or not at all, so
 * cancelling cannot be used to find out which order ids rest (the audit row keeps the engine's code).
 */
export async function cancelOrder({ ctx, input }: { ctx: ServiceContext; input: CancelOrderInput }): Promise<CancelOutcome> {
  const actor = authorize(ctx, "portal.trade");
  const { orderId } = CancelOrderInput.parse(input);
  const venue = await tradingVenue();
  const { engineAccountId } = await requireTradingAccount(ctx, actor);
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "trading.order_cancel", entity: "EngineOrder", entityId: String(orderId), after: { engineAccountId } }),
  );
  const submitted = await submitForClient(
    ctx,
    venue,
    { type: "CancelOrder", nowMs: 0, accountId: engineAccountId, orderId },
    { entity: "EngineOrder", entityId: String(orderId) },
  );
  if (!submitted.accepted) {
    const { rejection } = submitted;
    const notYours = rejection.code === "UNKNOWN_ORDER" || rejection.code === "NOT_ORDER_OWNER";
    return { status: "rejected", orderId, rejection: notYours ? explainRejection("UNKNOWN_ORDER", `you have no resting order ${orderId}`) : rejection };
  }
  const closed = submitted.events.find((event) => event.type === "OrderClosed" && event.orderId === orderId);
  if (closed?.type === "OrderClosed") {
    const spec = venue.state.config.markets.find((market) => market.symbol === closed.market);
    if (spec)
      await noticeOrderCancelled(ctx, actor.userId, { engineAccountId, orderId, market: closed.market, cancelledLots: closed.cancelledSize, units: spec }); // SEC-2
  }
  return { status: "cancelled", orderId, cancelledLots: closed?.type === "OrderClosed" ? closed.cancelledSize : 0 };
}
