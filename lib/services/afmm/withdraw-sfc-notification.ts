import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { EndRecordInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/** AFMM-9: withdraw a notification record (e.g. the SFC objected, or a new filing is due), with the reason; without one on record AFMM order entry is suspended. */
export async function withdrawSfcNotification({ ctx, input }: { ctx: ServiceContext; input: EndRecordInput }): Promise<{ orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const { id, reason } = parseInput(EndRecordInput, input);
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const notification = await tx.afmmSfcNotification.findUnique({ where: { id } });
    if (!notification) throw new NotFound(msg("errors.afmmGovernance.notFound"));
    if (notification.withdrawnAt) throw new Conflict(msg("errors.afmmGovernance.alreadyEnded"));
    await tx.afmmSfcNotification.update({ where: { id }, data: { withdrawnAt: now, withdrawnById: actor.userId, withdrawReason: reason } });
    await recordAudit(tx, ctx, {
      action: "afmm.sfc_notification_withdraw",
      entity: "AfmmSfcNotification",
      entityId: id,
      before: { withdrawnAt: null },
      after: { withdrawnAt: now },
      reason,
    });
  });
  return { orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
