import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { EndRecordInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/**
 * AFMM-4: end a staff registration (the officer left, or no longer holds the function). A designation
 * naming it no longer counts, so AFMM order entry is suspended unless another designation stands.
 */
export async function endStaffRegistration({ ctx, input }: { ctx: ServiceContext; input: EndRecordInput }): Promise<{ orderEntry: AfmmOrderEntryOutcome }> {
  authorizeGovernance(ctx);
  const { id, reason } = parseInput(EndRecordInput, input);
  const now = ctx.now();
  await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const registration = await tx.staffRegistration.findUnique({ where: { id } });
    if (!registration) throw new NotFound(msg("errors.afmmGovernance.notFound"));
    if (registration.endedAt) throw new Conflict(msg("errors.afmmGovernance.alreadyEnded"));
    await tx.staffRegistration.update({ where: { id }, data: { endedAt: now } });
    await recordAudit(tx, ctx, {
      action: "afmm.staff_registration_end",
      entity: "StaffRegistration",
      entityId: id,
      before: { endedAt: null },
      after: { userId: registration.userId, capacity: registration.capacity, endedAt: now },
      reason,
    });
  });
  return { orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
