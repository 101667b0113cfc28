import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { RecordSfcNotificationInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/**
 * AFMM-9: record the notification to the SFC made before AFMM activity: its date (not after today),
 * the independent third-party report's reference and SHA-256, and the MIC declaration's SHA-256.
 */
export async function recordSfcNotification({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RecordSfcNotificationInput;
}): Promise<{ id: string; orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const data = parseInput(RecordSfcNotificationInput, input);
  const now = ctx.now();
  if (data.notifiedOn.getTime() > now.getTime()) {
    throw new Invalid(msg("errors.afmmGovernance.notificationFuture"), { notifiedOn: [msg("errors.afmmGovernance.notificationFuture")] });
  }
  const id = await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const created = await tx.afmmSfcNotification.create({ data: { ...data, recordedById: actor.userId, recordedAt: now } });
    await recordAudit(tx, ctx, {
      action: "afmm.sfc_notification_record",
      entity: "AfmmSfcNotification",
      entityId: created.id,
      after: data,
    });
    return created.id;
  });
  return { id, orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
