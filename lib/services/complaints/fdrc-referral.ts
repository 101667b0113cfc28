import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { appendEvent, checkId, checkText, fdrcNotificationDue, lockComplaint, readRequest } from "./internal";
import { FdrcReferralInput, type FdrcReferralRequest } from "./schemas";

/**
 * RPT-9: the complainant took the dispute to the Financial Dispute Resolution Centre. Recording the
 * referral creates, in the same transaction, the task to notify the SFC (on the registers page, due
 * within the policy's Hong Kong business days). A referral may come before or after closure; it is
 * recorded once (the task's source reference is unique too).
 */
export async function recordFdrcReferral({ ctx, input }: { ctx: ServiceContext; input: FdrcReferralRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const raw = readRequest(FdrcReferralInput, input, { reference: "reference" });
  const id = checkId(raw.id);
  const reference = checkText(raw.reference, "reference", "reference", { required: true });
  const at = ctx.now();
  const due = fdrcNotificationDue(at);
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.fdrcReferredAt) throw new Conflict(msg("errors.complaints.alreadyReferred"));
    const task = await tx.complianceTask.create({
      data: { kind: "fdrc_referral_notification", title: complaint.reference, dueAt: due.dueAt, sourceRef: `complaint:${id}`, createdAt: at },
      select: { id: true },
    });
    await tx.complaint.update({ where: { id }, data: { fdrcReferredAt: at, fdrcTaskId: task.id } });
    await appendEvent(tx, {
      complaintId: id,
      kind: "fdrc_referred",
      actorId: actor.userId,
      at,
      text: reference,
      data: { taskId: task.id, dueDate: due.dueDate },
    });
    await recordAudit(tx, ctx, {
      action: "complaint.fdrc_referral",
      entity: "Complaint",
      entityId: id,
      after: { reference: complaint.reference, fdrcReference: reference, taskId: task.id, dueDate: due.dueDate },
    });
    await recordAudit(tx, ctx, {
      action: "compliance_task.create",
      entity: "ComplianceTask",
      entityId: task.id,
      after: { kind: "fdrc_referral_notification", sourceRef: `complaint:${id}`, dueDate: due.dueDate },
    });
    return { id, taskId: task.id, dueDate: due.dueDate, dueAtMs: due.dueAt.getTime() };
  });
}
