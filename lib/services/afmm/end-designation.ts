import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { EndRecordInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/** AFMM-4: end a designation, with the reason. With no designated officer left, AFMM order entry is suspended at once. */
export async function endDesignation({ ctx, input }: { ctx: ServiceContext; input: EndRecordInput }): Promise<{ orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const { id, reason } = parseInput(EndRecordInput, input);
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const designation = await tx.afmmOversightDesignation.findUnique({ where: { id } });
    if (!designation) throw new NotFound(msg("errors.afmmGovernance.notFound"));
    if (designation.endedAt) throw new Conflict(msg("errors.afmmGovernance.alreadyEnded"));
    await tx.afmmOversightDesignation.update({ where: { id }, data: { endedAt: now, endedById: actor.userId, endReason: reason } });
    await recordAudit(tx, ctx, {
      action: "afmm.designation_end",
      entity: "AfmmOversightDesignation",
      entityId: id,
      before: { endedAt: null },
      after: { officerId: designation.officerId, capacity: designation.capacity, endedAt: now },
      reason,
    });
  });
  return { orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
