import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { incidentIdOfSourceRef, SFC_EVENT_TASK_KIND } from "@/lib/incidents/sfc-notification";
import type { Tx } from "@/lib/services/context";
import { checkId, checkText, readRequest } from "./input";
import { CompleteTaskInput, type CompleteTaskRequest } from "./schemas";

/** RPT-4, RPT-5, RPT-6: an officer marks a dated task done, with what shows it was (a filing reference, a receipt). */
export async function completeTask({ ctx, input }: { ctx: ServiceContext; input: CompleteTaskRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(CompleteTaskInput, input, { evidence: "evidence" });
  const id = checkId(raw.id, "errors.registers.noSuchTask");
  const evidence = checkText(raw.evidence, "evidence", "evidence", { required: true });
  return withTransaction(ctx, async (tx) => {
    const task = await tx.complianceTask.findUnique({ where: { id }, select: { kind: true, sourceRef: true } });
    if (!task) throw new NotFound(msg("errors.registers.noSuchTask"));
    if (task.kind === SFC_EVENT_TASK_KIND) await requirePublishedReport(tx, task.sourceRef);
    const { count } = await tx.complianceTask.updateMany({
      where: { id, status: "open" },
      data: { status: "done", doneById: actor.userId, doneAt: ctx.now(), evidence },
    });
    if (!count) throw new Conflict(msg("errors.registers.taskDone"));
    await recordAudit(tx, ctx, { action: "compliance_task.complete", entity: "ComplianceTask", entityId: id, after: { evidence } });
    return { id };
  });
}

/** RPT-7: the SFC is sent the published post-event report under its cover, so the send cannot be recorded before publication. */
async function requirePublishedReport(tx: Tx, sourceRef: string): Promise<void> {
  const incidentId = incidentIdOfSourceRef(sourceRef);
  const incident = incidentId ? await tx.incident.findUnique({ where: { id: incidentId }, select: { status: true } }) : null;
  if (incident?.status !== "published") throw new Conflict(msg("errors.registers.sfcReportNotPublished"));
}
