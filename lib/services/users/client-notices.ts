import "server-only";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { queueNotices } from "@/lib/notices/queue";
import { formatLots, formatTicks, formatUtc } from "@/lib/format";

/**
 * SEC-2: the client notices the portal's own trading services write (inbox and e-mail, through
 * lib/notices): an order placed, an order cancelled. Fills, liquidations and collateral changes come
 * from the engine journal (lib/incidents/projector.ts). One notice per order instruction, keyed by the
 * engine account and order id, so a repeated call writes nothing twice.
 */

export async function noticeOrderPlaced(
  ctx: ServiceContext,
  userId: string,
  order: {
    engineAccountId: number;
    orderId: number;
    market: string;
    side: "buy" | "sell";
    orderType: "limit" | "market";
    size: number;
    price?: number;
    units: { tickSize: string; lotSize: string; baseAsset: string };
  },
): Promise<void> {
  const now = ctx.now();
  await withTransaction(ctx, (tx) =>
    queueNotices(
      tx,
      [
        {
          userId,
          kind: "clientSecurity.orderPlaced",
          dedupeKey: `order-placed:${order.engineAccountId}:${order.orderId}`,
          params: {
            market: order.market,
            time: formatUtc(now.getTime(), true),
            orderType: order.orderType,
            side: order.side,
            lots: formatLots(order.size, order.units.lotSize),
            base: order.units.baseAsset,
            orderId: order.orderId,
            ...(order.orderType === "limit" && order.price !== undefined ? { price: formatTicks(order.price, order.units.tickSize) } : {}),
          },
        },
      ],
      now,
    ),
  );
}

export async function noticeOrderCancelled(
  ctx: ServiceContext,
  userId: string,
  order: { engineAccountId: number; orderId: number; market: string; cancelledLots: number; units: { lotSize: string; baseAsset: string } },
): Promise<void> {
  const now = ctx.now();
  await withTransaction(ctx, (tx) =>
    queueNotices(
      tx,
      [
        {
          userId,
          kind: "clientSecurity.orderCancelled",
          dedupeKey: `order-cancelled:${order.engineAccountId}:${order.orderId}`,
          params: {
            market: order.market,
            time: formatUtc(now.getTime(), true),
            orderId: order.orderId,
            lots: formatLots(order.cancelledLots, order.units.lotSize),
            base: order.units.baseAsset,
          },
        },
      ],
      now,
    ),
  );
}
