import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { EndRecordInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/** AFMM-1: end an affiliate relationship (it stays on the register); without an approved affiliate AFMM order entry is suspended. */
export async function endAffiliate({ ctx, input }: { ctx: ServiceContext; input: EndRecordInput }): Promise<{ orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const { id, reason } = parseInput(EndRecordInput, input);
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const affiliate = await tx.afmmAffiliate.findUnique({ where: { id } });
    if (!affiliate) throw new NotFound(msg("errors.afmmGovernance.notFound"));
    if (affiliate.endedAt) throw new Conflict(msg("errors.afmmGovernance.alreadyEnded"));
    await tx.afmmAffiliate.update({ where: { id }, data: { endedAt: now, endedById: actor.userId, endReason: reason } });
    await recordAudit(tx, ctx, {
      action: "afmm.affiliate_end",
      entity: "AfmmAffiliate",
      entityId: id,
      before: { endedAt: null },
      after: { endedAt: now },
      reason,
    });
  });
  return { orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
