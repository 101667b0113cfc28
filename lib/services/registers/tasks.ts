import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { checkId, checkText, readRequest } from "./input";
import { CompleteTaskInput, type CompleteTaskRequest } from "./schemas";

/** RPT-4, RPT-5, RPT-6: an officer marks a dated task done, with what shows it was (a filing reference, a receipt). */
export async function completeTask({ ctx, input }: { ctx: ServiceContext; input: CompleteTaskRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(CompleteTaskInput, input, { evidence: "evidence" });
  const id = checkId(raw.id, "errors.registers.noSuchTask");
  const evidence = checkText(raw.evidence, "evidence", "evidence", { required: true });
  return withTransaction(ctx, async (tx) => {
    const { count } = await tx.complianceTask.updateMany({
      where: { id, status: "open" },
      data: { status: "done", doneById: actor.userId, doneAt: ctx.now(), evidence },
    });
    if (!count) {
      const exists = await tx.complianceTask.findUnique({ where: { id }, select: { id: true } });
      throw exists ? new Conflict(msg("errors.registers.taskDone")) : new NotFound(msg("errors.registers.noSuchTask"));
    }
    await recordAudit(tx, ctx, { action: "compliance_task.complete", entity: "ComplianceTask", entityId: id, after: { evidence } });
    return { id };
  });
}
