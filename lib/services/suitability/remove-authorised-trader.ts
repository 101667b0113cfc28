import "server-only";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { RemoveTraderInput } from "@/lib/services/suitability/corporate-pi-schemas";
import { lockClientRecords } from "@/lib/services/suitability/corporate-pi";
import { parseForm } from "@/lib/services/suitability/internal";

/**
 * SUIT-4: a corporate client withdraws a person's authority to place its orders, with effect at once:
 * the order gate refuses that trader's next order. The trader and their assessments stay on record.
 */
export async function removeAuthorisedTrader({ ctx, input }: { ctx: ServiceContext; input: RemoveTraderInput }): Promise<{ id: string }> {
  const actor = authorize(ctx, "portal.view");
  const { traderId, reason } = parseForm(RemoveTraderInput, input);
  return withTransaction(ctx, async (tx) => {
    await lockClientRecords(tx, "traders", actor.userId);
    const trader = await tx.authorisedTrader.findFirst({ where: { id: traderId, userId: actor.userId } });
    if (!trader) throw new NotFound(msg("errors.corporatePi.noSuchTrader"));
    if (trader.removedAt) throw new Conflict(msg("errors.corporatePi.traderAlreadyRemoved", { name: trader.name }));
    const removedAt = ctx.now();
    await tx.authorisedTrader.update({ where: { id: trader.id }, data: { removedAt, removedReason: reason } });
    await recordAudit(tx, ctx, {
      action: "corporate_pi.trader_remove",
      entity: "AuthorisedTrader",
      entityId: trader.id,
      before: { name: trader.name, position: trader.position, removedAt: null },
      after: { removedAt: removedAt.toISOString() },
      reason,
    });
    return { id: trader.id };
  });
}
